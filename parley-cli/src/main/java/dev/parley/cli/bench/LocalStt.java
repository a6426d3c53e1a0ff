package dev.parley.cli.bench;

import dev.parley.bench.engine.SttUnderTest;
import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.engines.stt.MoonshineVosk;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.VoskRecognizer;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * {@link SttUnderTest} on the runtime's speech-to-text engines: its file transcriber, its live transcriber, and the
 * Vosk model behind the partials. Stateless beyond the engines, which {@link LocalEngines} owns.
 */
public final class LocalStt implements SttUnderTest {
    private final EngineRuntime runtime;

    /** Over {@code engines}' transcribers; models load on first use. */
    public LocalStt(LocalEngines engines) {
        this.runtime = engines.runtime();
    }

    @Override
    public String describe() {
        return "Silero VAD + Moonshine tiny (text) + Vosk small (word times)";
    }

    @Override
    public String transcribe(float[] audio16k) {
        return runtime.fileTranscriber().transcribe(audio16k, SttOptions.defaults()).text();
    }

    @Override
    public int poolThreads() {
        return runtime.inference().threads();
    }

    @Override
    public double partialsCpuMillis(List<float[]> clips16k) {
        MoonshineVosk engine = (MoonshineVosk) runtime.fileTranscriber();
        return runtime.inference().run(() -> {
            var mx = ManagementFactory.getThreadMXBean();
            long t0 = mx.getCurrentThreadCpuTime();
            for (float[] a : clips16k) {
                try (VoskRecognizer r = engine.vosk().newRecognizer()) {
                    int chunk = 1600;
                    for (int at = 0, k = 0; at < a.length; at += chunk, k++) {
                        if (r.acceptFloat(a, at, Math.min(chunk, a.length - at))) r.result();
                        else if (k % 5 == 4) r.partial();
                    }
                    r.finalResult();
                }
            }
            return (mx.getCurrentThreadCpuTime() - t0) / 1e6;
        });
    }

    @Override
    public Stream openStream(Listener listener) {
        StreamingTranscriber.Stream st = runtime.streamingTranscriber().open(StreamingTranscriber.Options.defaults(),
                t -> listener.onTranscript(t.text(), t.isFinal(), t.speechFinal()));
        return new Stream() {
            @Override
            public void accept(float[] samples, int off, int len) {
                st.accept(samples, off, len);
            }

            @Override
            public String finish() {
                return st.finish().text();
            }

            @Override
            public void close() {
                st.close();
            }
        };
    }
}
