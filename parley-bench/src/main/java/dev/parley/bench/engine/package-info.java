/**
 * Engine-level benchmarks: TTS time to first audio, real-time factor and round-trip WER
 * ({@link dev.parley.bench.engine.TtsBench}), Parley's hibari engine against the {@code hibari-tts} Python package
 * ({@link dev.parley.bench.engine.HibariPythonBench}), STT word error rate and cost
 * ({@link dev.parley.bench.engine.SttBench}), diarization error rate ({@link dev.parley.bench.engine.DiarizationBench}).
 * The engines come in through {@link dev.parley.bench.engine.TtsUnderTest}, {@link dev.parley.bench.engine.SttUnderTest}
 * and {@link dev.parley.bench.engine.DiarizerUnderTest}, implemented in {@code parley-cli} over {@code parley-engines}.
 */
package dev.parley.bench.engine;
