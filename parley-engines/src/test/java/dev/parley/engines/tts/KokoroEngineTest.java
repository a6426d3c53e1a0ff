package dev.parley.engines.tts;

import dev.parley.engines.runtime.Inference;
import dev.parley.engines.runtime.Native;
import dev.parley.engines.runtime.TestRuntime;
import dev.parley.engines.text.Languages;
import dev.parley.engines.text.Prosody;
import dev.parley.engines.tts.internal.KokoroPhonemes;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KokoroEngineTest extends EngineContract {
    private static final KokoroEngine ENGINE = (KokoroEngine) TestRuntime.get().tts().get("kokoro");

    @Override
    TtsEngine engine() {
        return ENGINE;
    }

    @Override
    String voice() {
        return "af_heart";
    }

    @Override
    int expectedRate() {
        return 24000;
    }

    @Test
    void phonemesFollowKokoroJsFixUps() {
        String p = KokoroPhonemes.phonemize("Hello, world!", EN);
        assertThat(p).isEqualTo("həlˈoʊ, wˈɜːld!");
    }

    @Test
    void americanNinetyIsFlapped() {
        assertThat(KokoroPhonemes.phonemize("ninety", EN)).contains("nˈaɪndi");
    }

    @Test
    void tokensLongerThanTheContextAreSplitAtSpaces() {
        int[] tokens = KokoroPhonemes.tokens(KokoroPhonemes.phonemize("word ".repeat(200), EN));
        assertThat(tokens.length).isGreaterThan(KokoroPhonemes.MAX_TOKENS);
        var chunks = KokoroPhonemes.chunks(tokens);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(KokoroPhonemes.MAX_TOKENS));
        assertThat(chunks.stream().mapToInt(c -> c.length).sum()).isEqualTo(tokens.length);
    }

    @Test
    void speaksSpanishWithASpanishVoice() {
        float[] a = ENGINE.synthesize("Hola, ¿cómo estás?", "ef_dora", Prosody.NORMAL, Languages.resolve("es-ES", null));
        assertThat(AudioChecks.rms(a)).isGreaterThan(0.01);
        assertThat(a.length / 24000.0).isBetween(0.6, 4.0);
    }

    @Test
    void aLoneCallRunsOnEveryThreadOfThePoolAndACallBesideOtherWorkOnOne() throws Exception {
        Path models = TestRuntime.modelsDir();
        try (Inference pool = new Inference("kokoro-cores", 2)) {
            KokoroEngine k = new KokoroEngine(models.resolve("kokoro-82m-int8"), models.resolve("kokoro-voices"),
                    new Native(pool, 1));
            try {
                float[] alone = k.synthesize("Hi.", "af_heart", Prosody.NORMAL, EN);
                assertThat(k.wideCalls()).isEqualTo(1);
                assertThat(AudioChecks.rms(alone)).isGreaterThan(0.01);

                CountDownLatch started = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Future<Boolean> other = pool.submit(() -> {
                    started.countDown();
                    return release.await(60, TimeUnit.SECONDS);
                });
                assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
                float[] beside = k.synthesize("Hi.", "af_heart", Prosody.NORMAL, EN);
                release.countDown();
                assertThat(Inference.await(other)).isTrue();
                assertThat(k.wideCalls()).as("a call beside another task runs on one thread").isEqualTo(1);
                assertThat(AudioChecks.rms(beside)).isGreaterThan(0.01);
                assertThat(beside.length).isCloseTo(alone.length, org.assertj.core.data.Percentage.withPercentage(5));
            } finally {
                k.close();
            }
        }
    }

    @Test
    void supportsOnlyLanguagesWithKokoroVoices() {
        assertThat(ENGINE.supports(Languages.resolve("fr", null))).isTrue();
        assertThat(ENGINE.supports(Languages.resolve("de", null))).isFalse();
    }
}
