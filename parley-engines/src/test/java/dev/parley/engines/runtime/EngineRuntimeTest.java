package dev.parley.engines.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.engines.EngineBusyException;
import dev.parley.engines.EngineUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime loads each engine once, shares it, and says where every engine stands. */
class EngineRuntimeTest {

    private static Map<String, EngineState> byId(EngineRuntime r) {
        return r.states().stream().collect(Collectors.toMap(EngineState::id, Function.identity()));
    }

    @Test
    void nothingLoadsUntilAskedAndThenEachEngineLoadsOnceWhoeverAsks() throws Exception {
        try (EngineRuntime r = EngineRuntime.create(RuntimeConfig.defaults(TestRuntime.modelsDir()))) {
            assertThat(r.states()).allSatisfy(s -> assertThat(s.status()).isEqualTo(EngineState.Status.NOT_LOADED));
            List<Object> seen = new CopyOnWriteArrayList<>();
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> f = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    f.add(callers.submit(() -> {
                        seen.add(r.vad());
                        seen.add(r.fileTranscriber());
                        seen.add(r.streamingTranscriber());
                        return null;
                    }));
                }
                for (Future<?> x : f) x.get();
            }
            assertThat(seen.stream().distinct().count()).isEqualTo(2); // one VAD, one transcriber (both SPIs)
            for (String id : List.of("silero-vad", "moonshine-tiny", "vosk-small-en")) {
                assertThat(r.loads(id)).as(id).isEqualTo(1);
                assertThat(byId(r).get(id).status()).isEqualTo(EngineState.Status.READY);
            }
            r.warmUpTranscribers();
            r.warmUpTranscribers();
            assertThat(byId(r).get("moonshine-tiny").detail()).isEqualTo("loaded and warmed up");
            assertThat(r.loads("moonshine-tiny")).isEqualTo(1);
            assertThat(byId(r).get("kokoro").status()).isEqualTo(EngineState.Status.NOT_LOADED);
            assertThat(r.tts().get("espeak")).isSameAs(r.tts().get("espeak"));
            assertThat(r.loads("espeak")).isEqualTo(1);
        }
    }

    @Test
    void aMissingModelMakesItsEngineUnavailableNamingTheFetchCommandEveryTime(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty);
        try (EngineRuntime r = EngineRuntime.create(RuntimeConfig.defaults(empty))) {
            assertThatThrownBy(r::fileTranscriber).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("./parley models fetch silero-vad");
            assertThatThrownBy(r::vad).isInstanceOf(EngineUnavailableException.class);
            assertThatThrownBy(() -> r.tts().get("kokoro")).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("./parley models fetch kokoro-82m-int8");
            EngineState vad = byId(r).get("silero-vad");
            assertThat(vad.status()).isEqualTo(EngineState.Status.UNAVAILABLE);
            assertThat(vad.detail()).contains("./parley models fetch silero-vad");
            assertThat(vad.loads()).isZero();
            // espeak-ng is a system library, not a model: it still speaks
            assertThat(r.tts().available()).extracting(n -> n.id()).containsExactly("espeak");
        }
    }

    @Test
    void theRuntimeCapsKokoroUtterancesAtItsConfiguredLimitAndNoOtherEngine() {
        try (EngineRuntime r = EngineRuntime.create(new RuntimeConfig(Path.of("/nowhere"), 1, 1,
                EngineRuntime.TTS_ENGINES, 2, null, RuntimeConfig.Chat.EMBEDDED))) {
            var slots = r.tts().slots();
            assertThat(r.tts().slots()).as("one cap for every synthesizer of the process").isSameAs(slots);
            try (var a = slots.take("kokoro"); var b = slots.take("kokoro")) {
                assertThatThrownBy(() -> slots.take("kokoro")).isInstanceOf(EngineBusyException.class)
                        .hasMessageContaining("limit of 2");
                slots.take("piper").close();
                assertThat(slots.held("kokoro")).isEqualTo(2);
            }
            assertThat(slots.held("kokoro")).isZero();
        }
        assertThatThrownBy(() -> new RuntimeConfig(Path.of("/nowhere"), 1, 1, EngineRuntime.TTS_ENGINES, 0, null,
                RuntimeConfig.Chat.EMBEDDED)).hasMessageContaining("kokoroMaxSessions");
    }

    @Test
    void anUnknownTtsEngineIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> new RuntimeConfig(Path.of("/nowhere"), 1, 1, List.of("festival"), 2, null,
                RuntimeConfig.Chat.EMBEDDED)).hasMessageContaining("festival").hasMessageContaining("kokoro");
        try (EngineRuntime r = EngineRuntime.create(RuntimeConfig.defaults(Path.of("/nowhere")))) {
            assertThatThrownBy(() -> r.tts().get("festival")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedRuntimeRefusesToLoad() {
        EngineRuntime r = EngineRuntime.create(RuntimeConfig.defaults(TestRuntime.modelsDir()));
        r.close();
        assertThatThrownBy(r::vad).isInstanceOf(EngineUnavailableException.class).hasMessageContaining("closed");
    }

    @Test
    void closeWaitsForNativeWorkInFlightAndRefusesNewWork() throws Exception {
        EngineRuntime r = EngineRuntime.create(RuntimeConfig.defaults(TestRuntime.modelsDir()));
        var vad = r.vad();
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        float[][] result = new float[1][];
        Thread work = Thread.ofVirtual().start(() -> result[0] = r.inference().run(() -> {
            inside.countDown();
            release.await();
            return vad.probabilities(new float[4096], 16000); // the model is still there
        }));
        inside.await();
        Thread closer = Thread.ofVirtual().start(r::close);
        Thread.sleep(100); // close is waiting for the task, not freeing the model under it
        assertThat(closer.isAlive()).isTrue();
        release.countDown();
        work.join();
        closer.join();
        assertThat(result[0]).hasSize(8);
        assertThatThrownBy(() -> r.inference().run(() -> 1))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
