package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.TestSpeech;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser playground at {@code /}, driven end to end in headless Chromium (Debian {@code /usr/bin/chromium}) by
 * npm {@code playwright-core} ({@code conformance/playground/playground.test.mjs}): a fake microphone plays a recorded
 * question, and the page must show the user's transcript, the agent's spoken answer as text and a latency figure;
 * the TTS panel must put playable audio in its audio element; the STT panel must list words with times. A second
 * browser asks the question again while the answer plays: the page must stop the answer's audio (barge-in).
 *
 * <p>The Node script runs once (one browser, one page, the panels in order) and writes one JSON line per panel to
 * {@code target/playground-results.jsonl} (a file rather than stdout: Node's TAP reporter escapes backslashes in
 * console output, which broke the JSON of an answer holding a quote); each test here checks one panel's result. A full-page screenshot
 * is saved to {@code target/playground.png}; with {@code -Dparley.playground.screenshot=update} it is also copied to
 * {@code docs/playground.png} (the README's picture), so ordinary runs never modify tracked files.
 */
class PlaygroundBrowserTest {
    static final String CHROMIUM = "/usr/bin/chromium";
    /** 3 s of LibriVox speech: a sentence the small default LLM answers. */
    static final String QUESTION = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
    static final String QUESTION_TEXT = "he was not an ill disposed young man";
    static final String STT_FILE = "misc/jfk.wav";
    static final String STT_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you "
            + "can do for your country.";

    static final Map<String, JsonNode> results = new HashMap<>();
    static Path screenshot;
    static String output;

    @BeforeAll
    static void driveThePlaygroundInChromium() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian chromium is needed (./parley installs it: apt-get install chromium)")
                .isExecutable();
        LiveServer live = LiveServer.get();
        Path dir = LiveServer.conformanceDir("playground");
        LiveServer.run(dir, Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");
        screenshot = Path.of("target", "playground.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        Path shared = TestSpeech.shared().dir();
        Path resultsFile = screenshot.resolveSibling("playground-results.jsonl");
        Files.deleteIfExists(resultsFile);
        output = LiveServer.run(dir, Map.of(
                "PARLEY_URL", live.http().toString(),
                "PARLEY_QUESTION_WAV", shared.resolve(QUESTION).toString(),
                "PARLEY_QUESTION_TEXT", QUESTION_TEXT,
                "PARLEY_STT_WAV", shared.resolve(STT_FILE).toString(),
                "PARLEY_STT_TEXT", STT_TEXT,
                "PARLEY_SCREENSHOT", screenshot.toString(),
                "PARLEY_RESULTS", resultsFile.toString(),
                "CHROMIUM", CHROMIUM), 420, "node", "--test", "--test-reporter=tap", "playground.test.mjs");
        JsonMapper json = JsonMapper.builder().build();
        for (String line : Files.exists(resultsFile) ? Files.readAllLines(resultsFile) : java.util.List.<String>of()) {
            if (line.isBlank()) continue;
            JsonNode r = json.readTree(line);
            results.put(r.get("panel").stringValue(), r);
        }
        if ("update".equals(System.getProperty("parley.playground.screenshot"))) {
            Path docs = LiveServer.conformanceDir("playground").getParent().resolveSibling("docs");
            Files.createDirectories(docs);
            Files.copy(screenshot, docs.resolve("playground.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static JsonNode result(String panel) {
        assertThat(results).as("no PLAYGROUND_RESULT for %s in:%n%s", panel, output).containsKey(panel);
        return results.get(panel);
    }

    @Test
    void theAgentPanelShowsTheRecordedQuestionTheSpokenAnswerAndItsLatency() {
        JsonNode agent = result("agent");
        assertThat(agent.get("user").stringValue().toLowerCase()).contains("young man");
        assertThat(agent.get("answer").stringValue()).isNotBlank(); // one word ("Paris.") is a whole sampled answer
        assertThat(agent.get("latencyMs").asInt()).isBetween(1, 30_000);
    }

    @Test
    void speakingOverTheAgentsAnswerStopsItsPlaybackAndMarksItInterrupted() {
        JsonNode bargeIn = result("barge-in");
        assertThat(bargeIn.get("bargeIns").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(bargeIn.get("playing").asInt()).isZero();
        assertThat(bargeIn.get("users").asInt()).isEqualTo(2);
    }

    @Test
    void theTtsPanelPutsTheWholeSynthesizedClipInTheAudioElement() {
        JsonNode tts = result("tts");
        assertThat(tts.get("text").stringValue()).contains("[pause]").contains("<whisper>");
        assertThat(tts.get("error").isNull()).isTrue();
        assertThat(tts.get("readyState").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(tts.get("seconds").asDouble()).isGreaterThan(1.0);
        assertThat(tts.get("duration").asDouble()).isCloseTo(tts.get("seconds").asDouble(),
                org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void theSttPanelListsTheUploadedFilesWordsWithTimes() {
        JsonNode stt = result("stt");
        assertThat(stt.get("text").stringValue().toLowerCase()).contains("fellow americans").contains("country");
        assertThat(stt.get("words").asInt()).isGreaterThanOrEqualTo(15);
        assertThat(stt.get("first").get("start").asDouble()).isLessThan(1.0);
        assertThat(stt.get("last").get("end").asDouble()).isBetween(9.0, 11.0); // jfk.wav is 11.0 s
    }

    @Test
    void aFullPageScreenshotOfTheConversationIsSaved() throws Exception {
        assertThat(screenshot).isRegularFile();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 8);
        assertThat(ihdr.getInt()).as("width").isEqualTo(1180);
        assertThat(ihdr.getInt()).as("height: the whole page, not just the viewport").isGreaterThan(900);
    }
}
