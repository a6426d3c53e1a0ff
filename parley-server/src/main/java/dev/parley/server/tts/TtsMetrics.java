package dev.parley.server.tts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The TTS meters (exported on {@code /metrics}):
 * <ul>
 *   <li>{@code parley_tts_ttfa_seconds{api,engine}}: time to first audio, from the request (REST: body read; WebSocket:
 *       the first {@code text.delta} of an utterance) to the first audio bytes handed to the network;</li>
 *   <li>{@code parley_tts_synthesis_seconds{engine}}: engine time per synthesised chunk (its count is the number of
 *       chunks synthesised);</li>
 *   <li>{@code parley_tts_syntheses_active}: REST responses being synthesised plus TTS WebSocket workers alive;</li>
 *   <li>{@code parley_tts_cancelled_total{api,reason}}: syntheses stopped early ({@code client_gone},
 *       {@code clear}, {@code slow_reader});</li>
 *   <li>{@code parley_tts_characters_total{api}}: input characters accepted for synthesis (the billing unit).</li>
 * </ul>
 * Thread-safe.
 */
final class TtsMetrics {
    private final MeterRegistry registry;
    final AtomicInteger active = new AtomicInteger();

    TtsMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("parley.tts.syntheses.active", active, AtomicInteger::get)
                .description("TTS syntheses in progress (REST responses and WebSocket workers)").register(registry);
    }

    void ttfa(String api, String engine, long nanos) {
        Timer.builder("parley.tts.ttfa").description("Time to first audio byte").tag("api", api).tag("engine", engine)
                .publishPercentiles(0.5, 0.95).register(registry).record(Duration.ofNanos(nanos));
    }

    void chunk(String engine, long nanos) {
        Timer.builder("parley.tts.synthesis").description("Engine time per synthesised chunk").tag("engine", engine)
                .register(registry).record(Duration.ofNanos(nanos));
    }

    void cancelled(String api, String reason) {
        Counter.builder("parley.tts.cancelled").description("Syntheses stopped before the end").tag("api", api)
                .tag("reason", reason).register(registry).increment();
    }

    void characters(String api, int n) {
        Counter.builder("parley.tts.characters").description("Input characters accepted for synthesis")
                .tag("api", api).register(registry).increment(n);
    }

    /** Chunks synthesised so far by every engine (for tests and diagnostics). */
    long chunks() {
        long n = 0;
        for (Timer t : registry.find("parley.tts.synthesis").timers()) n += t.count();
        return n;
    }
}
