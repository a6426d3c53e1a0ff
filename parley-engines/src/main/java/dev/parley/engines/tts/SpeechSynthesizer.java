package dev.parley.engines.tts;

import dev.parley.engines.text.ChunkPolicy;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Replacements;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Text to audio, the one speech pipeline of the TTS endpoints and the voice agent: resolves voice and language, and
 * opens {@link Utterance}s, which run text through the text front end (speech tags, normalisation, the one
 * {@link ChunkPolicy}) and synthesise chunk by chunk, so audio streams out as soon as the first chunk exists.
 *
 * <p>Use: {@link #open} an utterance, {@link Utterance#add} text (all of it, or text as it arrives), take the audio
 * with {@link Utterance#next}. The request's errors ({@link UnknownVoiceException},
 * {@link dev.parley.engines.text.UnsupportedLanguageException}, {@link dev.parley.engines.text.UnspeakableTextException})
 * come from {@code open} and {@code add}, before any audio of that text, so a server can still answer 400; so does
 * {@link dev.parley.engines.EngineBusyException} when the voice's engine already speaks as many utterances as it may
 * ({@link TtsEngines#slots()}: an utterance holds a slot of its engine from open to close).
 *
 * <p>Threading: thread-safe, shared by all sessions; an utterance belongs to one caller.
 */
public final class SpeechSynthesizer {
    private final TtsEngines engines;
    private final VoiceMapping mapping;

    public SpeechSynthesizer(TtsEngines engines, VoiceMapping mapping) {
        this.engines = engines;
        this.mapping = mapping;
    }

    /**
     * What to speak with.
     *
     * @param voice     API voice id (case-insensitive), or an engine voice name ({@code af_heart}); null = eve
     * @param language  language code, or {@code auto} / null to detect it from the first text
     * @param speed     rate factor (the API's {@code speed})
     * @param normalize apply the written-form rules before G2P
     * @param replace   pronunciation substitutions with the bound on the text they make, may be null (none)
     * @param engine    preferred engine id, or null for the voice's own engine (then the default order)
     * @param chunks    the chunk policy
     */
    public record Request(String voice, String language, double speed, boolean normalize, Replacements replace,
            String engine, ChunkPolicy chunks) {
        public Request {
            if (!(speed >= 0.25 && speed <= 4)) throw new IllegalArgumentException("speed out of range: " + speed);
            if (replace == null) replace = Replacements.NONE;
            if (chunks == null) chunks = ChunkPolicy.DEFAULT;
        }

        /** A voice and a language at normal speed, normalised, the default chunks. */
        public static Request of(String voice, String language) {
            return new Request(voice, language, 1.0, true, null, null, ChunkPolicy.DEFAULT);
        }
    }

    /**
     * Which engine voice speaks an utterance.
     *
     * @param engineId    the engine's id in the runtime (metrics, logs)
     * @param engine      the engine
     * @param engineVoice the engine's voice
     * @param rate        rate factor applied to every chunk (request speed times the voice's rate on that engine)
     * @param pitch       pitch factor applied to every chunk (the voice's pitch on that engine)
     * @param language    the resolved language
     */
    public record Voice(String engineId, TtsEngine engine, String engineVoice, double rate, double pitch,
            Language language) {
        /** The voice's own delivery, which every chunk's speech tags are applied on top of. */
        public dev.parley.engines.text.Prosody prosody() {
            return new dev.parley.engines.text.Prosody(rate, pitch, 1, false);
        }

        /** Rate of the audio the utterance delivers. */
        public int sampleRate() {
            return engine.sampleRate();
        }
    }

    /** The caps on utterances at once per engine, shared by every synthesizer over the same engines. */
    UtteranceSlots slots() {
        return engines.slots();
    }

    /** The voice mapping in use. */
    public VoiceMapping mapping() {
        return mapping;
    }

    /**
     * Opens an utterance. With a fixed language the voice is resolved now; with {@code auto} at the first text.
     *
     * @throws UnknownVoiceException                                 for an unknown voice
     * @throws dev.parley.engines.text.UnsupportedLanguageException for an unknown language code or one no engine
     *                                                               speaks
     * @throws dev.parley.engines.EngineBusyException                with a fixed language, when the voice's engine
     *                                                               speaks its limit of utterances at once
     *                                                               ({@link UtteranceSlots}; with {@code auto}, the
     *                                                               first {@link Utterance#add} says so)
     */
    public Utterance open(Request r) {
        String voiceId = r.voice() == null || r.voice().isBlank() ? "eve" : r.voice().strip();
        if (mapping.get(voiceId) == null && engines.available().stream().noneMatch(
                e -> e.engine().voices().contains(voiceId))) {
            throw new UnknownVoiceException(voiceId, new LinkedHashSet<>(mapping.ids()));
        }
        Request resolved = new Request(voiceId, r.language(), r.speed(), r.normalize(), r.replace(), r.engine(),
                r.chunks());
        Utterance u = new Utterance(this, resolved);
        boolean detect = r.language() == null || r.language().isBlank() || r.language().equalsIgnoreCase("auto");
        if (!detect) u.voice(Languages.resolve(r.language(), ""));
        return u;
    }

    /**
     * The engine voice for {@code r} in {@code lang}: the voice's own engine when it speaks the language, else the
     * first that does, with the voice's profile there.
     */
    Voice voice(Request r, Language lang) {
        String voiceId = r.voice();
        VoiceMapping.Voice v = mapping.get(voiceId);
        if (v == null) {
            // An engine voice name given directly (af_heart, en_US-joe-medium, f3)
            for (TtsEngines.Named e : engines.available()) {
                if (e.engine().voices().contains(voiceId) && e.engine().supports(lang)) {
                    return new Voice(e.id(), e.engine(), voiceId, r.speed(), 1.0, lang);
                }
            }
            Set<String> known = new LinkedHashSet<>(mapping.ids());
            throw new UnknownVoiceException(voiceId, known);
        }
        TtsEngines.Named engine = engines.select(lang, r.engine() != null ? r.engine() : v.engine());
        VoiceProfile profile = v.profile(engine.id());
        return new Voice(engine.id(), engine.engine(), engine.engine().voiceFor(profile, lang),
                r.speed() * profile.rate(), profile.pitch(), lang);
    }

    /**
     * Speaks {@code text} whole and returns the audio in one array at the voice's rate (warm-ups, tests, tools):
     * {@link #open}, {@link Utterance#add}, every {@link Utterance#next} joined.
     */
    public Audio speak(Request r, String text) {
        List<float[]> parts = new ArrayList<>();
        int rate;
        try (Utterance u = open(r)) {
            u.add(text);
            rate = u.voice().sampleRate();
            while (u.hasNext()) parts.add(u.next().samples());
        }
        return new Audio(dev.parley.engines.tts.internal.Samples.concat(parts), rate);
    }

    /** Mono samples in [-1, 1] and their rate. */
    public record Audio(float[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }
}
