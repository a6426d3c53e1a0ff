/**
 * Server-level benchmarks over real connections to an {@link dev.parley.bench.api.ApiServer}: TTS time to first audio
 * ({@link dev.parley.bench.api.TtsApiBench}), concurrent TTS streams played in real time
 * ({@link dev.parley.bench.api.TtsStreamsBench} on a {@link dev.parley.bench.api.RealtimePlayer}), STT REST and
 * streaming ({@link dev.parley.bench.api.SttApiBench}), the voice agent ({@link dev.parley.bench.api.RealtimeBench})
 * and the Java SDK against a raw client ({@link dev.parley.bench.api.ClientBench}).
 */
package dev.parley.bench.api;
