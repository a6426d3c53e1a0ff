package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * The real default models in the test runtime's model directory ({@code TestRuntime.modelsDir()}) verify by sha256 against the catalog. CI runs
 * {@code ./parley models fetch} before the tests; on a machine without them this fails naming that command.
 * Reads about 290 MB.
 */
class DefaultModelsInstalledTest {

    @Test
    void everyDefaultModelInTheCacheMatchesItsCatalogSha256() {
        ModelManager manager = new ModelManager(dev.parley.engines.runtime.TestRuntime.modelsDir(), ModelCatalog.builtin(), FetchConfig.defaults());
        for (ModelSpec spec : manager.catalog().defaults()) {
            ModelState s = manager.state(spec.id(), true);
            if (s.status() == ModelStatus.MISSING) {
                fail("model " + spec.id() + " is not installed in " + s.dir() + "; run: ./parley models fetch");
            }
            assertThat(s.status()).as(spec.id() + " " + s.detail() + " (fix: ./parley models fetch " + spec.id() + " --verify)")
                    .isEqualTo(ModelStatus.PRESENT);
        }
    }
}
