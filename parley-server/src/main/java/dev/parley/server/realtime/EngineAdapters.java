package dev.parley.server.realtime;

import dev.parley.engines.InferencePool;
import dev.parley.engines.stt.MoonshineTiny;
import dev.parley.engines.tts.UnknownVoiceException;
import dev.parley.engines.vad.SileroVad;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Adapters from the engines module to the realtime pipeline SPI, so the server builds {@link RealtimeEngines} from
 * the same engines the TTS endpoints use.
 */
public final class EngineAdapters {
    private EngineAdapters() {}

    /**
     * The voice agent's {@link SpeechSynthesizer} on the shared TTS front end and engines (Kokoro, Piper, espeak-ng):
     * speech tags, normalisation and voice mapping behave as on {@code /v1/tts}.
     *
     * @param tts the shared synthesizer (thread-safe; native inference runs on the inference pool)
     * @param language the language of the agent's speech ({@code en}, or {@code auto} to detect per clause)
     */
    public static SpeechSynthesizer speech(dev.parley.engines.tts.SpeechSynthesizer tts, String language) {
        return speech(tts, language, null);
    }

    /**
     * As {@link #speech(dev.parley.engines.tts.SpeechSynthesizer, String)}, preferring one engine.
     *
     * @param engine {@code piper}, {@code kokoro}, {@code espeak}, or null for the synthesizer's default order
     */
    public static SpeechSynthesizer speech(dev.parley.engines.tts.SpeechSynthesizer tts, String language, String engine) {
        return (text, voice, speed) -> {
            try {
                var audio = tts.synthesize(new dev.parley.engines.tts.SpeechSynthesizer.Request(text, voice, language,
                        speed, true, null, engine));
                return new SpeechSynthesizer.Speech(audio.samples(), audio.sampleRate());
            } catch (UnknownVoiceException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    /** Which voice ids {@code session.update} accepts: the voice mapping's ids (case-insensitive). */
    public static Predicate<String> voices(dev.parley.engines.tts.SpeechSynthesizer tts) {
        return v -> tts.mapping().get(v.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * Per-session Silero VAD over one shared model: each call of the returned factory opens a new 16 kHz
     * {@link SileroVad.Stream} (its own recurrent state and context). Every 32 ms frame runs on {@code pool} (about
     * 0.1 ms of native work): use a pool that is not busy with long tasks (speech synthesis, transcription), or the
     * reading thread waits behind them and speech start is detected late.
     */
    public static Supplier<VoiceActivityDetector> vad(SileroVad silero, InferencePool pool) {
        return () -> new VoiceActivityDetector() {
            private final SileroVad.Stream stream = silero.openStream(16000);

            @Override
            public int frameSamples() {
                return stream.chunkSize();
            }

            @Override
            public float speechProbability(float[] frame) {
                return pool.call(() -> stream.process(frame));
            }

            @Override
            public void reset() {
                pool.call(() -> {
                    stream.reset();
                    return null;
                });
            }
        };
    }

    /**
     * Moonshine tiny transcription of a committed turn, on {@code pool}. The turn gets 300 ms of digital silence on
     * both sides (as the file STT does: it lowers Moonshine's error rate on VAD-cut audio). A turn longer than
     * Moonshine's window (about 31 s) is transcribed in consecutive 30 s windows whose texts are joined.
     */
    public static Transcriber transcriber(MoonshineTiny moonshine, InferencePool pool) {
        return audio16k -> {
            int pad = 300 * 16;
            int window = 30 * 16000;
            StringBuilder text = new StringBuilder();
            for (int at = 0; at < audio16k.length; at += window) {
                int len = Math.min(window, audio16k.length - at);
                float[] x = new float[pad + len + pad];
                System.arraycopy(audio16k, at, x, pad, len);
                String t = pool.call(() -> moonshine.transcribe(x, 0, x.length).text()).strip();
                if (!t.isEmpty()) text.append(text.isEmpty() ? "" : " ").append(t);
            }
            return text.toString();
        };
    }
}
