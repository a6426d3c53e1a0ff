/**
 * Speech to text on local models.
 *
 * <ul>
 *   <li>The SPIs: {@link dev.parley.engines.stt.FileTranscriber} (files and the voice agent's utterances) and
 *       {@link dev.parley.engines.stt.StreamingTranscriber} (live streams: Vosk interims, Moonshine chunk finals
 *       (~3 s) and utterance finals on VAD endpoints or on {@code finalize}).</li>
 *   <li>{@link dev.parley.engines.stt.MoonshineVosk} implements both: VAD segments, Moonshine tiny text per segment,
 *       word times from Vosk by alignment, filler removal, inverse text normalisation. Result:
 *       {@link dev.parley.engines.stt.SttResult}. The runtime ({@code dev.parley.engines.runtime.EngineRuntime})
 *       builds the one instance of the process.</li>
 *   <li>Building blocks: {@link dev.parley.engines.stt.MoonshineTiny}, {@link dev.parley.engines.stt.VoskModel} /
 *       {@link dev.parley.engines.stt.VoskRecognizer}, {@link dev.parley.engines.stt.InverseTextNormalizer}.</li>
 *   <li>Word error rate and the {@code parley bench stt} figures: {@code parley-bench}.</li>
 * </ul>
 *
 * <p>Where word times come from: Vosk. Moonshine (the more accurate text, 3.7% vs 10.2% WER on LibriSpeech) has no
 * timestamps, so each Moonshine word takes the time and confidence of the Vosk word it aligns with (edit-distance
 * alignment of normalised words); unmatched words are interpolated between their neighbours with confidence 0.
 *
 * <p>Input is 16 kHz mono everywhere; callers resample other rates with {@code dev.parley.audio.Resampler} (Vosk
 * returns nothing at 8 kHz). Native work runs on inference threads under the runtime's one rule
 * ({@code dev.parley.engines.runtime.Inference}): any thread may call; work already on an inference thread runs
 * inline.
 */
package dev.parley.engines.stt;
