package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conformance with a client nobody here wrote: the official {@code openai} npm package (7.55.0) calls
 * {@code client.audio.speech.create} (mp3, wav, pcm, opus, aac, flac: the bytes are parsed and transcribed back;
 * {@code stream_format: 'sse'} read with the SDK's own {@code Stream.fromSSEResponse}) and
 * {@code client.audio.transcriptions.create} (json, text, verbose_json with word timestamps, srt, vtt) against the
 * live server's OpenAI-compatible aliases {@code /v1/audio/speech} and {@code /v1/audio/transcriptions}, and checks
 * that Parley's errors reach it as OpenAI's typed errors ({@code BadRequestError} with {@code param},
 * {@code AuthenticationError}). Runs {@code npm ci} (cached in ~/.npm) and {@code node --test audio.test.mjs} in
 * {@code conformance/openai-audio}; fails with the Node output.
 */
class OpenAiNodeAudioConformanceTest {
    @Test
    void theOpenAiNpmClientsSpeechAndTranscriptionHelpersWorkAgainstParleysAliases() throws Exception {
        LiveServer live = LiveServer.get();
        SpeechSample speech = SpeechSample.jfk();
        Path dir = LiveServer.conformanceDir("openai-audio");
        LiveServer.run(dir, Map.of(), 300, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline");

        String out = LiveServer.run(dir, Map.of(
                "PARLEY_BASE_URL", live.http().resolve("/v1").toString(),
                "PARLEY_API_KEY", LiveServer.KEY,
                "PARLEY_SPEECH_FILE", speech.file().toString(),
                "PARLEY_SPEECH_TEXT", speech.transcript()), 400, "node", "--test", "audio.test.mjs");

        System.out.println(out);
        assertThat(out).contains("# fail 0").doesNotContain("# pass 0");
    }
}
