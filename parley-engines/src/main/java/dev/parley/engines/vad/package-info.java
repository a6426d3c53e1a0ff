/**
 * Voice activity detection: the {@link dev.parley.engines.vad.Vad} SPI and Silero VAD v6 (ONNX Runtime).
 *
 * <p>{@link dev.parley.engines.vad.SileroVad} holds the one shared ONNX session (its {@code run} is thread-safe) and
 * opens per-stream {@link dev.parley.engines.vad.Vad.Stream}s carrying the recurrent state and the 64-sample (32 at
 * 8 kHz) context of the previous chunk. {@link dev.parley.engines.vad.VadSegmenter} turns a stream into speech
 * start/end events with sample positions (Silero's {@code get_speech_timestamps} rules, incrementally) and cuts whole
 * files into {@link dev.parley.engines.vad.SpeechSegment}s.
 *
 * <p>Native calls follow the runtime's one rule ({@code dev.parley.engines.runtime.Inference}): any thread may call;
 * the work runs on an inference thread, inline when the caller already is one. A 32 ms chunk costs ~0.1 ms, so
 * code that scores a whole file does it inside one inference task rather than hopping per chunk.
 */
package dev.parley.engines.vad;
