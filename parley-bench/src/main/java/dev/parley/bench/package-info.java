/**
 * Benchmarks, evaluation scorers, the shared speech set and the test WebSocket client of Parley. Never part of the
 * server: {@code parley-cli} runs the benchmarks ({@code ./parley bench ...}) and the other modules' tests use the
 * scorers and the client with a test-scoped dependency. It depends on the SDK ({@code parley-client}), the audio core
 * and Jackson only, so that no module it serves is among its dependencies.
 *
 * <ul>
 *   <li>{@link dev.parley.bench.SpeechSet}: {@code shared/speech} and its {@code manifest.tsv}.</li>
 *   <li>{@link dev.parley.bench.eval}: word error rate ({@link dev.parley.bench.eval.WerScorer} with the set's text
 *       normalisation) and diarization error rate ({@link dev.parley.bench.eval.DerScorer}).</li>
 *   <li>{@link dev.parley.bench.ws.TestSocket}: the one test WebSocket client.</li>
 *   <li>{@link dev.parley.bench.audio}: the audio hot path ({@code bench audio}).</li>
 *   <li>{@link dev.parley.bench.engine}: engine-level benchmarks ({@code bench tts|stt|diarize}, engine part); they
 *       reach the engines through small interfaces ({@link dev.parley.bench.engine.TtsUnderTest},
 *       {@link dev.parley.bench.engine.SttUnderTest}, {@link dev.parley.bench.engine.DiarizerUnderTest}) that the CLI
 *       implements over {@code parley-engines}.</li>
 *   <li>{@link dev.parley.bench.api}: server-level benchmarks ({@code bench tts|stt} API part, {@code bench realtime},
 *       {@code bench client}); they talk to an {@link dev.parley.bench.api.ApiServer}: a base URL and a key.</li>
 * </ul>
 *
 * <p>Every benchmark runs on the calling thread (some start virtual threads of their own), one run at a time, and
 * returns a plain-text report.
 */
package dev.parley.bench;
