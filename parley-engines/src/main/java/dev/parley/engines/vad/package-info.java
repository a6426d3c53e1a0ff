/**
 * Voice activity detection with Silero VAD v6 (ONNX Runtime).
 *
 * <p>{@link dev.parley.engines.vad.SileroVad} holds the one shared ONNX session (its {@code run} is thread-safe) and
 * opens per-stream {@link dev.parley.engines.vad.SileroVad.Stream}s carrying the recurrent state and the 64-sample
 * (32 at 8 kHz) context of the previous chunk. {@link dev.parley.engines.vad.VadSegmenter} turns a stream into speech
 * start/end events with sample positions (Silero's {@code get_speech_timestamps} rules, incrementally) and cuts whole
 * files into {@link dev.parley.engines.vad.SpeechSegment}s.
 *
 * <p>Native-call policy (decided here): VAD methods are plain blocking calls that refuse to run on a virtual thread;
 * the caller batches them into one {@link dev.parley.engines.InferencePool} task (a 32 ms chunk costs ~0.1 ms, a pool
 * hop per chunk would cost more than the inference). No per-session executor: a stream is fed by one task at a time.
 */
package dev.parley.engines.vad;
