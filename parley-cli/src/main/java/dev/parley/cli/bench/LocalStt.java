package dev.parley.cli.bench;

import dev.parley.bench.engine.SttUnderTest;
import dev.parley.engines.stt.SttEngine;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.engines.stt.VoskRecognizer;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

/** {@link SttUnderTest} on this machine's default speech-to-text models ({@link SttEngine#loadDefault()}). */
public final class LocalStt implements SttUnderTest, AutoCloseable {
    private final SttEngine engine;

    /** Loads the default models (fails naming {@code ./parley models fetch} when one is missing). */
    public LocalStt() {
        this.engine = SttEngine.loadDefault();
    }

    @Override
    public String describe() {
        return "Silero VAD + Moonshine tiny (text) + Vosk small (word times)";
    }

    @Override
    public String transcribe(float[] audio16k) {
        return engine.transcribe(audio16k, SttOptions.defaults()).text();
    }

    @Override
    public int poolThreads() {
        return engine.pool().executor() instanceof ThreadPoolExecutor tpe ? tpe.getMaximumPoolSize() : -1;
    }

    @Override
    public double partialsCpuMillis(List<float[]> clips16k) {
        return engine.pool().call(() -> {
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
        StreamingTranscriber st = new StreamingTranscriber(engine, StreamingTranscriber.Options.defaults(),
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

    @Override
    public void close() {
        engine.close();
    }
}
