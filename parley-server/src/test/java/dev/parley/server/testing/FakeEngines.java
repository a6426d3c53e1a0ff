package dev.parley.server.testing;

import dev.parley.audio.Resampler;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.engines.stt.SttWord;
import dev.parley.engines.text.Language;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.tts.TtsEngine;
import dev.parley.engines.tts.VoiceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test doubles of the engine SPIs, for scripted tests of the socket sessions without models. Their output is exact and
 * predictable, so a script can assert lengths and texts; the real engines are tested with the real models elsewhere.
 */
public final class FakeEngines {
    private FakeEngines() {}

    /**
     * A TTS engine: 10 ms of a 300 Hz sine at 24 kHz per character of text, no gaps between chunks; records each call
     * as {@code voice:text}. A profile's named voice is its voice, else {@code female} or {@code male}. Tests may
     * extend it to hold or count calls.
     */
    public static class ToneTts implements TtsEngine {
        /** Samples per character. */
        public static final int SAMPLES_PER_CHAR = 240;
        public final List<String> calls = new CopyOnWriteArrayList<>();
        private final List<String> voices;

        public ToneTts(List<String> voices) {
            this.voices = List.copyOf(voices);
        }

        public ToneTts() {
            this(List.of("eve", "ara", "rex", "sal", "leo", "female", "male"));
        }

        @Override
        public int sampleRate() {
            return 24000;
        }

        @Override
        public List<String> voices() {
            return voices;
        }

        @Override
        public boolean supports(Language language) {
            return true;
        }

        @Override
        public String voiceFor(VoiceProfile profile, Language language) {
            return profile.voice() != null ? profile.voice() : profile.female() ? "female" : "male";
        }

        @Override
        public int gapAfterMs(boolean sentenceEnd) {
            return 0;
        }

        @Override
        public float[] synthesize(String text, String voice, Prosody prosody, Language language) {
            calls.add(voice + ":" + text);
            float[] s = new float[text.length() * SAMPLES_PER_CHAR];
            for (int i = 0; i < s.length; i++) s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 300 * i / 24000.0));
            return s;
        }
    }

    /**
     * A live transcriber that hears tones: audio louder than 0.02 RMS (per 10 ms) is speech. An interim
     * {@code "tone"} every 500 ms of speech (with interim results); an utterance final {@code "tone <ms>"} (its length
     * in ms, rounded to 10) after {@code endpointing} ms of silence (at least 10) or on {@code finalize}; the
     * {@code transcript.done} text is the open utterance, if any. Times are seconds since the stream started.
     */
    public static final class ToneTranscriber implements StreamingTranscriber {
        @Override
        public Stream open(int sampleRate, Options options, Listener listener) {
            return new ToneStream(sampleRate, options, listener);
        }
    }

    private static final class ToneStream implements StreamingTranscriber.Stream {
        private static final int BLOCK = 160; // 10 ms at 16 kHz
        private final Resampler resampler;
        private final StreamingTranscriber.Options options;
        private final StreamingTranscriber.Listener listener;
        private final float[] block = new float[BLOCK];
        private int fill;
        private long total; // 16 kHz samples scored
        private long speechStart = -1;
        private long speechEnd;
        private long lastInterim;
        private boolean finished;

        ToneStream(int sampleRate, StreamingTranscriber.Options options, StreamingTranscriber.Listener listener) {
            this.resampler = sampleRate == 16000 ? null : new Resampler(sampleRate, 16000);
            this.options = options;
            this.listener = listener;
        }

        @Override
        public void accept(float[] samples, int off, int len) {
            if (finished) throw new IllegalStateException("stream already finished");
            feed(resampler == null ? java.util.Arrays.copyOfRange(samples, off, off + len)
                    : resampler.process(samples, off, len));
        }

        private void feed(float[] x) {
            for (float v : x) {
                block[fill++] = v;
                if (fill == BLOCK) {
                    fill = 0;
                    score();
                }
            }
        }

        private void score() {
            double sum = 0;
            for (float v : block) sum += v * v;
            boolean loud = Math.sqrt(sum / BLOCK) > 0.02;
            total += BLOCK;
            if (loud) {
                if (speechStart < 0) {
                    speechStart = total - BLOCK;
                    lastInterim = speechStart;
                }
                speechEnd = total;
                if (options.interimResults() && total - lastInterim >= 8000) {
                    lastInterim = total;
                    listener.onTranscript(transcript("tone", false, false));
                }
            } else if (speechStart >= 0 && total - speechEnd >= Math.max(10, options.endpointingMs()) * 16L) {
                endUtterance();
            }
        }

        private StreamingTranscriber.Transcript transcript(String text, boolean isFinal, boolean speechFinal) {
            double start = speechStart / 16000.0;
            double end = speechEnd / 16000.0;
            List<SttWord> words = new ArrayList<>();
            for (String w : text.split(" ")) words.add(new SttWord(w, start, end, 0.9));
            return new StreamingTranscriber.Transcript(text, words, isFinal, speechFinal, start, end - start);
        }

        private String finalText() {
            return "tone " + Math.round((speechEnd - speechStart) / 160.0) * 10;
        }

        private void endUtterance() {
            listener.onTranscript(transcript(finalText(), true, true));
            speechStart = -1;
        }

        @Override
        public void finalizeUtterance() {
            if (speechStart >= 0) endUtterance();
        }

        @Override
        public StreamingTranscriber.Transcript finish() {
            if (finished) throw new IllegalStateException("stream already finished");
            if (resampler != null) feed(resampler.flush());
            finished = true;
            double duration = (total + fill) / 16000.0;
            if (speechStart < 0) return new StreamingTranscriber.Transcript("", List.of(), true, true, 0, duration);
            StreamingTranscriber.Transcript t = transcript(finalText(), true, true);
            speechStart = -1;
            return new StreamingTranscriber.Transcript(t.text(), t.words(), true, true, 0, duration);
        }

        @Override
        public double secondsReceived() {
            return (total + fill) / 16000.0;
        }

        @Override
        public void close() {
            finished = true;
        }
    }
}
