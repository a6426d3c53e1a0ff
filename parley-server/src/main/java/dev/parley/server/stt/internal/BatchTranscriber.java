package dev.parley.server.stt.internal;

import dev.parley.audio.AudioClip;
import dev.parley.audio.Resampler;
import dev.parley.engines.diarize.Diarizer;
import dev.parley.engines.diarize.SpeakerTurn;
import dev.parley.engines.diarize.SpeechSegment;
import dev.parley.engines.diarize.WordSpeakers;
import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.FileTranscriber;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.SttResult;
import dev.parley.engines.stt.SttWord;
import dev.parley.server.http.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Batch transcription of a decoded clip into the {@code POST /v1/stt} response (spec §8): transport-free.
 *
 * <ul>
 *   <li>mono (or channels mixed down): the clip is resampled to 16 kHz and transcribed by the
 *       {@link FileTranscriber};</li>
 *   <li>{@code multichannel}: every channel is transcribed on its own (in parallel), {@code channels[]} lists them
 *       and the top-level {@code text}/{@code words} merge all channels' words by start time;</li>
 *   <li>{@code diarize}: the speech the transcription's VAD found goes to the classical {@link Diarizer} (the
 *       detector does not run twice), and every word gets
 *       the speaker of the turn it overlaps most ({@link WordSpeakers}); with {@code multichannel} each channel is
 *       one speaker and the speaker is the channel index (the {@code ChannelSpeakers} convention).</li>
 * </ul>
 *
 * <p>Threading: thread-safe; {@link #transcribe} blocks its caller (a virtual thread) while the native and CPU-heavy
 * work runs on the inference pool. The clip is read, never modified or kept.
 */
public final class BatchTranscriber {
    private final FileTranscriber engine;
    private final Inference inference;

    /** @param inference where the diarizer (CPU-heavy Java) runs */
    public BatchTranscriber(FileTranscriber engine, Inference inference) {
        this.engine = engine;
        this.inference = inference;
    }

    /**
     * Transcribes a decoded clip.
     *
     * @throws ApiException 400 when the clip's sample rate cannot be converted to 16 kHz ({@link #to16k})
     */
    public Wire.BatchResponse transcribe(AudioClip clip, BatchRequest req) {
        SttOptions options = new SttOptions(req.vadThreshold(), req.language(), req.format(), req.fillerWords());
        double duration = Wire.round2(clip.durationSeconds());
        if (!req.multichannel()) {
            float[] audio = to16k(clip.mono(), clip.sampleRate());
            SttResult r = engine.transcribe(audio, options);
            int[] speakers = req.diarize() ? speakers(audio, r) : null;
            List<Wire.Word> words = Wire.words(r.words(), speakers);
            return new Wire.BatchResponse(r.text(), req.language(), duration, words.isEmpty() ? null : words, null);
        }
        int n = clip.channelCount();
        List<SttResult> results = new ArrayList<>(n);
        try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SttResult>> futures = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                float[] ch = clip.channels()[c];
                futures.add(vt.submit(() -> engine.transcribe(to16k(ch, clip.sampleRate()), options)));
            }
            for (Future<SttResult> f : futures) results.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while transcribing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        List<Wire.ChannelResult> channels = new ArrayList<>(n);
        List<Wire.Word> merged = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            SttResult r = results.get(c);
            int[] speakers = null;
            if (req.diarize()) {
                speakers = new int[r.words().size()];
                java.util.Arrays.fill(speakers, c);
            }
            List<Wire.Word> words = Wire.words(r.words(), speakers);
            channels.add(new Wire.ChannelResult(c, r.text(), words));
            merged.addAll(words);
        }
        merged.sort(Comparator.comparingDouble(Wire.Word::start).thenComparingDouble(Wire.Word::end));
        StringBuilder text = new StringBuilder();
        for (Wire.Word w : merged) text.append(text.isEmpty() ? "" : " ").append(w.text());
        return new Wire.BatchResponse(text.toString(), req.language(), duration, merged.isEmpty() ? null : merged,
                channels);
    }

    /**
     * The engine's transcript of a clip mixed down to mono, with its speech segments (the OpenAI alias builds
     * {@code segments} and subtitle cues from them).
     */
    public SttResult transcribeMono(AudioClip clip, SttOptions options) {
        return engine.transcribe(to16k(clip.mono(), clip.sampleRate()), options);
    }

    /** Speaker per word: the transcription's speech segments, classical diarization, majority overlap. */
    int[] speakers(float[] audio16k, SttResult result) {
        List<SttWord> words = result.words();
        if (words.isEmpty()) return new int[0];
        List<SpeakerTurn> turns = inference.run(() -> {
            List<SpeechSegment> speech = new ArrayList<>();
            for (dev.parley.engines.vad.SpeechSegment s : result.speech()) {
                speech.add(new SpeechSegment(s.startSeconds(), s.endSeconds()));
            }
            if (speech.isEmpty()) {
                for (SttWord w : words) speech.add(new SpeechSegment(w.start(), Math.max(w.start(), w.end())));
            }
            return new Diarizer().diarize(audio16k, 16000, speech);
        });
        return WordSpeakers.assign(turns, words, SttWord::start, w -> Math.max(w.start(), w.end()));
    }

    /**
     * {@code samples} at 16 kHz.
     *
     * @throws ApiException 400 for a rate the resampler cannot convert (an exotic rate such as 1 Hz or 44,101 Hz: see
     *                      {@link Resampler#supports})
     */
    static float[] to16k(float[] samples, int rate) {
        if (!Resampler.supports(rate, 16000)) {
            throw ApiException.badRequest("The audio's sample rate (" + rate + " Hz) is not supported; "
                    + "use a common rate such as 8000, 16000, 22050, 44100 or 48000 Hz");
        }
        return rate == 16000 ? samples : Resampler.resample(samples, rate, 16000);
    }
}
