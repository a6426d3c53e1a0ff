package dev.parley.server.tts;

import dev.parley.engines.text.SentenceSplitter;
import dev.parley.engines.text.SpeechPiece;
import dev.parley.engines.text.TextFrontEnd;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.server.http.ApiException;
import dev.parley.server.voices.VoiceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synthesis core shared by {@code POST /v1/tts} and the TTS WebSocket: resolves API voices through the
 * {@link VoiceCatalog} (configuration), plans text into chunks, and synthesises one chunk at a time so that callers
 * can stream and stop between chunks.
 *
 * <p>Threading: thread-safe, shared by all requests. {@link #synthesize} blocks the caller while the engine runs (its
 * native work on an inference thread).
 */
final class TtsService {
    /**
     * Characters of the first chunk per {@code optimize_streaming_latency} 0, 1, 2 (later chunks double up to 250): 0
     * keeps the text front end's default ({@link TextFrontEnd.Options#DEFAULT}, 48), 1 and 2 trade prosody at the first
     * cut for an earlier first audio.
     */
    static final int[] FIRST_CHUNK_CHARS = {TextFrontEnd.Options.DEFAULT.firstChunkChars(), 32, 20};
    static final int CHUNK_CHARS = 250;

    final VoiceCatalog catalog;
    final SpeechSynthesizer synthesizer;
    final TtsMetrics metrics;
    final TtsSettings settings;

    TtsService(VoiceCatalog catalog, SpeechSynthesizer synthesizer, TtsMetrics metrics, TtsSettings settings) {
        this.catalog = catalog;
        this.synthesizer = synthesizer;
        this.metrics = metrics;
        this.settings = settings;
    }

    /**
     * The configured voice {@code id} (any case).
     *
     * @throws ApiException with {@code status} naming the voice and the known ones
     */
    VoiceCatalog.Entry voice(String id, int status) {
        return catalog.find(id).orElseThrow(() -> new ApiException(status, "Unknown voice '" + id
                + "'; available voices: " + String.join(", ", catalog.all().stream()
                        .map(e -> e.voice().voiceId()).toList())));
    }

    /**
     * Plans {@code text}: resolves language, engine and engine voice, and splits into chunks.
     *
     * @param language  API language code, {@code auto} to detect from the text
     * @param latency   {@code optimize_streaming_latency} 0..2: 0 keeps the default first chunk, 1 and 2 shorten it
     * @param firstOfUtterance whether this text starts an utterance (its first chunk is then the short one)
     * @throws dev.parley.engines.text.UnsupportedLanguageException   400
     * @throws dev.parley.engines.tts.EngineUnavailableException       503
     */
    SpeechSynthesizer.Plan plan(String text, VoiceCatalog.Entry voice, String language, double speed, boolean normalize,
            Map<String, String> replace, int latency, boolean firstOfUtterance) {
        SpeechSynthesizer.Plan p = synthesizer.plan(new SpeechSynthesizer.Request(text, voice.voice().voiceId(),
                language, speed, normalize, replace, voice.engine()));
        int first = firstOfUtterance ? FIRST_CHUNK_CHARS[Math.clamp(latency, 0, 2)] : CHUNK_CHARS;
        List<SpeechPiece> pieces = TextFrontEnd.plan(text, p.language(),
                new TextFrontEnd.Options(normalize, replace, first, CHUNK_CHARS));
        if (firstOfUtterance) pieces = growing(pieces, first);
        return new SpeechSynthesizer.Plan(p.engineId(), p.engine(), p.engineVoice(), p.rate(), p.language(), pieces);
    }

    /**
     * Re-cuts the chunks after the first so that their limits double ({@code first}, 2x, 4x, ... up to
     * {@value #CHUNK_CHARS}): the second chunk is then ready soon after the first one has started playing, even on an
     * engine that runs near real time, instead of a 250-character chunk leaving a long gap. Cuts fall at clause marks or
     * spaces ({@link SentenceSplitter}).
     */
    static List<SpeechPiece> growing(List<SpeechPiece> pieces, int first) {
        List<SpeechPiece> out = new ArrayList<>(pieces.size() + 4);
        int k = 0;
        for (SpeechPiece piece : pieces) {
            if (!(piece instanceof SpeechPiece.Speech s)) {
                out.add(piece);
                continue;
            }
            String rest = s.text();
            while (true) {
                int limit = Math.min(CHUNK_CHARS, first << Math.min(k, 8));
                k++;
                if (rest.length() <= limit) {
                    out.add(new SpeechPiece.Speech(rest, s.prosody(), s.sentenceEnd()));
                    break;
                }
                List<SentenceSplitter.Chunk> parts = SentenceSplitter.split(rest, limit, CHUNK_CHARS);
                if (parts.size() < 2) {
                    out.add(new SpeechPiece.Speech(rest, s.prosody(), s.sentenceEnd()));
                    break;
                }
                SentenceSplitter.Chunk head = parts.getFirst();
                out.add(new SpeechPiece.Speech(head.text(), s.prosody(), head.sentenceEnd()));
                rest = String.join(" ", parts.subList(1, parts.size()).stream().map(SentenceSplitter.Chunk::text)
                        .toList());
            }
        }
        return out;
    }

    /**
     * Synthesises one piece of {@code plan} (a pause becomes silence) at {@code plan.sampleRate()}, recording its
     * engine time.
     */
    float[] synthesize(SpeechSynthesizer.Plan plan, SpeechPiece piece) {
        SpeechSynthesizer.Plan one = new SpeechSynthesizer.Plan(plan.engineId(), plan.engine(), plan.engineVoice(),
                plan.rate(), plan.language(), List.of(piece));
        List<float[]> out = new ArrayList<>(1);
        long t0 = System.nanoTime();
        synthesizer.stream(one, (samples, p) -> out.add(samples));
        if (piece instanceof SpeechPiece.Speech) metrics.chunk(plan.engineId(), System.nanoTime() - t0);
        return out.isEmpty() ? new float[0] : out.getFirst();
    }
}
