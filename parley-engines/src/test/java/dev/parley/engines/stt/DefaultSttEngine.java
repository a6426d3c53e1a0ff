package dev.parley.engines.stt;

/** The default speech-to-text engine (VAD, Moonshine, Vosk) of the test JVM, loaded once on first use. */
public final class DefaultSttEngine {
    private static SttEngine engine;
    private static RuntimeException loadFailure;

    private DefaultSttEngine() {}

    /** The engine; fails naming {@code ./parley models fetch} when a model is absent. */
    public static synchronized SttEngine get() {
        if (engine == null && loadFailure == null) {
            try {
                engine = SttEngine.loadDefault();
            } catch (RuntimeException e) {
                loadFailure = e;
            }
        }
        if (loadFailure != null) throw new IllegalStateException(loadFailure.getMessage(), loadFailure);
        return engine;
    }
}
