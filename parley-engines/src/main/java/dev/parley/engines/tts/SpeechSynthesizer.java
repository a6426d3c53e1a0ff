package dev.parley.engines.tts;

import dev.parley.engines.EngineUnavailableException;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.text.TextFrontEnd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text to audio for the TTS endpoints and the voice agent: resolves voice and language, runs the text front end,
 * and synthesises chunk by chunk so that audio streams out as soon as the first clause is done.
 *
 * <p>Use: {@link #plan} first (it throws the request's errors, {@link UnknownVoiceException},
 * {@link dev.parley.engines.text.UnsupportedLanguageException}, before any audio is sent, so the server can still
 * answer 400), then {@link #stream} the plan.
 *
 * <p>Threading: thread-safe, shared by all sessions. {@link #stream} blocks the calling thread (a virtual thread
 * is fine: native inference is handed to the inference pool) and calls the sink on that same thread, in order.
 */
public final class SpeechSynthesizer {
    private final TtsEngines engines;
    private final VoiceMapping mapping;

    public SpeechSynthesizer(TtsEngines engines, VoiceMapping mapping) {
        this.engines = engines;
        this.mapping = mapping;
    }

    /**
     * A synthesis request.
     *
     * @param text      text with speech tags
     * @param voice     API voice id (case-insensitive), or an engine voice name ({@code af_heart}); null = eve
     * @param language  language code, {@code auto} or null to detect
     * @param speed     rate factor (the API's {@code speed}, 0.7..1.5)
     * @param normalize apply the written-form rules before G2P
     * @param replace   pronunciation substitutions, may be null
     * @param engine    preferred engine id, or null for the voice's own engine (then the default order)
     */
    public record Request(String text, String voice, String language, double speed, boolean normalize,
                          Map<String, String> replace, String engine) {
        public Request {
            if (text == null) throw new IllegalArgumentException("text is required");
            if (!(speed >= 0.25 && speed <= 4)) throw new IllegalArgumentException("speed out of range: " + speed);
            replace = replace == null ? Map.of() : Map.copyOf(replace);
        }

        /** Text in a language with the default voice, normal speed, normalised. */
        public static Request of(String text, String voice, String language) {
            return new Request(text, voice, language, 1.0, true, null, null);
        }
    }

    /**
     * What will be said and by which engine voice.
     *
     * @param engineId    the engine's id in the runtime (metrics, logs)
     * @param engine      the engine
     * @param engineVoice the engine's voice
     * @param rate        rate factor applied to every chunk (request speed times the voice's rate)
     * @param language    the resolved language
     * @param pieces      chunks and pauses, in order
     */
    public record Plan(String engineId, TtsEngine engine, String engineVoice, double rate, Language language,
            List<SpeechPiece> pieces) {
        /** Rate of the audio {@link #stream} delivers. */
        public int sampleRate() {
            return engine.sampleRate();
        }
    }

    /** Receives audio in order. */
    @FunctionalInterface
    public interface AudioSink {
        /**
         * One piece of audio at {@link Plan#sampleRate()}: a synthesised chunk (trailing gap included) or a pause.
         * The array is the sink's to keep.
         *
         * @return false to stop (client gone, {@code text.clear}); no further chunk is synthesised
         */
        boolean accept(float[] samples, SpeechPiece piece);
    }

    /** The voice mapping in use. */
    public VoiceMapping mapping() {
        return mapping;
    }

    /**
     * Resolves the request.
     *
     * @throws UnknownVoiceException                                 for an unknown voice
     * @throws dev.parley.engines.text.UnsupportedLanguageException for an unknown language code or one no engine
     *                                                               speaks
     * @throws EngineUnavailableException                            when no engine can run on this host
     */
    public Plan plan(Request r) {
        Language lang = Languages.resolve(r.language(), r.text());
        String voiceId = r.voice() == null || r.voice().isBlank() ? "eve" : r.voice().strip();
        VoiceMapping.Voice v = mapping.get(voiceId);
        TtsEngines.Named engine = null;
        String engineVoice;
        double rate = r.speed();
        if (v == null) {
            // An engine voice name given directly (af_heart, en_US-joe-medium, f3)?
            engineVoice = voiceId;
            for (TtsEngines.Named e : engines.available()) {
                if (e.engine().voices().contains(voiceId) && e.engine().supports(lang)) {
                    engine = e;
                    break;
                }
            }
            if (engine == null) {
                Set<String> known = new LinkedHashSet<>(mapping.ids());
                throw new UnknownVoiceException(voiceId, known);
            }
        } else {
            engine = engines.select(lang, r.engine() != null ? r.engine() : v.engine());
            VoiceProfile profile = v.profile(engine.id());
            engineVoice = engine.engine().voiceFor(profile, lang);
            rate *= profile.rate();
        }
        TextFrontEnd.Options opts = new TextFrontEnd.Options(r.normalize(), r.replace(),
                TextFrontEnd.Options.DEFAULT.firstChunkChars(), TextFrontEnd.Options.DEFAULT.chunkChars());
        return new Plan(engine.id(), engine.engine(), engineVoice, rate, lang, TextFrontEnd.plan(r.text(), lang, opts));
    }

    /**
     * Synthesises the plan piece by piece, handing each to the sink as soon as it is ready.
     *
     * @return true when every piece was delivered, false when the sink stopped early or the thread was interrupted
     */
    public boolean stream(Plan plan, AudioSink sink) {
        int sr = plan.sampleRate();
        for (SpeechPiece p : plan.pieces()) {
            if (Thread.currentThread().isInterrupted()) return false;
            float[] audio;
            if (p instanceof SpeechPiece.Pause pause) {
                audio = new float[(int) ((long) pause.millis() * sr / 1000)];
            } else {
                SpeechPiece.Speech s = (SpeechPiece.Speech) p;
                float[] a = plan.engine().synthesize(s.text(), plan.engineVoice(), s.prosody().withRate(plan.rate()),
                        plan.language());
                int gap = plan.engine().gapAfterMs(s.sentenceEnd());
                audio = gap == 0 ? a : java.util.Arrays.copyOf(a, a.length + gap * sr / 1000);
            }
            if (!sink.accept(audio, p)) return false;
        }
        return true;
    }

    /** Plans and synthesises the whole request into one array at the plan's rate (for tests and small requests). */
    public Audio synthesize(Request r) {
        Plan plan = plan(r);
        List<float[]> parts = new ArrayList<>();
        stream(plan, (samples, piece) -> parts.add(samples));
        int n = parts.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[n];
        int off = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, off, a.length);
            off += a.length;
        }
        return new Audio(all, plan.sampleRate());
    }

    /** Mono samples in [-1, 1] and their rate. */
    public record Audio(float[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }
}
