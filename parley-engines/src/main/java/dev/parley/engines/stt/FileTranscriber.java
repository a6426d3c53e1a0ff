package dev.parley.engines.stt;

/**
 * Speech to text of recorded audio, the SPI: a whole file ({@code POST /v1/stt}), or one utterance a VAD already cut
 * (the voice agent's committed turn). Implementation: {@link MoonshineVosk}.
 *
 * <p>Threading: thread-safe and shared by every request. Both methods block while the models run on inference
 * threads (any thread may call; see {@code dev.parley.engines.runtime.Inference}). Buffers: the caller's array is
 * read during the call only.
 */
public interface FileTranscriber {
    /**
     * Transcribes 16 kHz mono audio in [-1, 1]: text, words with times, and the speech segments the voice activity
     * detector found ({@link SttResult#speech()}, reused by diarization). Silence, or no speech above the threshold,
     * gives empty text and no words.
     *
     * @throws IllegalArgumentException for audio containing NaN or infinite samples
     */
    SttResult transcribe(float[] audio16k, SttOptions options);

    /**
     * The text of one utterance of 16 kHz mono audio that a VAD already cut (no segmentation, no word times): what the
     * voice agent needs for a committed turn. An utterance longer than the model's window is transcribed window by
     * window and the texts joined. Empty audio gives empty text.
     */
    String transcribeUtterance(float[] audio16k);
}
