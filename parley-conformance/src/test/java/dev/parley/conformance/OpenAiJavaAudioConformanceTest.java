package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.BadRequestException;
import com.openai.models.audio.AudioModel;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.speech.SpeechModel;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.transcriptions.TranscriptionSegment;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import com.openai.models.audio.transcriptions.TranscriptionWord;
import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.WireCodec;
import dev.parley.audio.Wav;
import dev.parley.bench.eval.WerScorer;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance with a client nobody here wrote: Maven {@code com.openai:openai-java} (4.100.0) with
 * {@code baseUrl("<live server>/v1")}: {@code client.audio().speech().create(...)} (mp3, wav, pcm decoded and
 * transcribed back) and {@code client.audio().transcriptions().create(...)} (json; verbose_json with word timestamps,
 * parsed into the client's typed {@link TranscriptionVerbose}, every segment field read), and OpenAI's error shape
 * surfacing as the client's typed exceptions.
 */
class OpenAiJavaAudioConformanceTest {
    static final String SENTENCE = "The quick brown fox jumps over the lazy dog.";
    static OpenAIClient client;
    static SpeechSample jfk;

    @BeforeAll
    static void connect() {
        LiveServer live = LiveServer.get();
        client = OpenAIOkHttpClient.builder().baseUrl(live.http().resolve("/v1").toString()).apiKey(LiveServer.KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(120)).build();
        jfk = SpeechSample.jfk();
    }

    static byte[] speech(SpeechCreateParams.ResponseFormat format, String voice) throws Exception {
        SpeechCreateParams params = SpeechCreateParams.builder().model(SpeechModel.TTS_1).voice(voice).input(SENTENCE)
                .responseFormat(format).build();
        try (HttpResponse r = client.audio().speech().create(params); InputStream body = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            return body.readAllBytes();
        }
    }

    /** What the alias transcribes from {@code audio} (round trip through the same client). */
    static String transcribe(byte[] audio) {
        TranscriptionCreateResponse r = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(audio).model(AudioModel.WHISPER_1).build());
        return r.asTranscription().text();
    }

    @Test
    void speechMp3DecodesTo24kHzAudioThatTranscribesBackToTheInput() throws Exception {
        byte[] mp3 = speech(SpeechCreateParams.ResponseFormat.MP3, "alloy");

        AudioClip clip = AudioFiles.decode(mp3);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.durationSeconds()).isBetween(1.5, 6.0);
        assertThat(WerScorer.wer(SENTENCE, transcribe(mp3))).isLessThanOrEqualTo(0.25);
    }

    @Test
    void speechWavIsA24kHzMonoFileThatTranscribesBackToTheInput() throws Exception {
        byte[] wav = speech(SpeechCreateParams.ResponseFormat.WAV, "shimmer");

        AudioClip clip = Wav.read(wav);
        assertThat(clip.sampleRate()).isEqualTo(24000);
        assertThat(clip.channelCount()).isEqualTo(1);
        assertThat(clip.durationSeconds()).isBetween(1.5, 6.0);
        assertThat(WerScorer.wer(SENTENCE, transcribe(wav))).isLessThanOrEqualTo(0.25);
    }

    @Test
    void speechPcmIsRaw24kHzS16leThatTranscribesBackToTheInput() throws Exception {
        byte[] pcm = speech(SpeechCreateParams.ResponseFormat.PCM, "onyx");

        assertThat(pcm.length % 2).isZero();
        AudioClip clip = AudioFiles.decodeRaw(pcm, WireCodec.PCM, 24000, 1);
        assertThat(clip.durationSeconds()).isBetween(1.5, 6.0);
        assertThat(WerScorer.wer(SENTENCE, transcribe(Wav.write(clip)))).isLessThanOrEqualTo(0.25);
    }

    @Test
    void speechWithAnUnknownVoiceThrowsBadRequestExceptionNamingParamVoice() {
        assertThatThrownBy(() -> speech(SpeechCreateParams.ResponseFormat.MP3, "nobody"))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).hasValue("voice");
                    assertThat(e.type()).hasValue("invalid_request_error");
                    assertThat(e.getMessage()).contains("nobody");
                });
    }

    @Test
    void aWrongKeyThrowsUnauthorizedExceptionWithCodeInvalidApiKey() {
        OpenAIClient bad = OpenAIOkHttpClient.builder().baseUrl(LiveServer.get().http().resolve("/v1").toString())
                .apiKey("wrong-key").maxRetries(0).build();
        assertThatThrownBy(() -> bad.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(jfk.file()).model(AudioModel.WHISPER_1).build()))
                .isInstanceOfSatisfying(UnauthorizedException.class,
                        e -> assertThat(e.code()).hasValue("invalid_api_key"));
    }

    @Test
    void transcriptionJsonIsTheTextOfTheRecording() {
        TranscriptionCreateResponse r = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(jfk.file()).model(AudioModel.WHISPER_1).build());

        assertThat(r.isTranscription()).isTrue();
        assertThat(WerScorer.wer(jfk.transcript(), r.asTranscription().text())).isLessThanOrEqualTo(0.1);
    }

    @Test
    void transcriptionVerboseJsonWithWordTimestampsParsesIntoTheTypedVerboseModel() {
        TranscriptionCreateResponse r = client.audio().transcriptions().create(TranscriptionCreateParams.builder()
                .file(jfk.file()).model(AudioModel.WHISPER_1).responseFormat(AudioResponseFormat.VERBOSE_JSON)
                .timestampGranularities(List.of(TranscriptionCreateParams.TimestampGranularity.WORD,
                        TranscriptionCreateParams.TimestampGranularity.SEGMENT))
                .language("en").build());

        assertThat(r.isVerbose()).as("%s", r).isTrue();
        TranscriptionVerbose v = r.asVerbose();
        assertThat(v.language()).isEqualTo("english");
        assertThat(v.duration()).isEqualTo(11.0);
        assertThat(WerScorer.wer(jfk.transcript(), v.text())).isLessThanOrEqualTo(0.1);
        List<TranscriptionWord> words = v.words().orElseThrow();
        assertThat(words).hasSizeGreaterThanOrEqualTo(20);
        double prev = -1;
        for (TranscriptionWord w : words) {
            assertThat(w.start()).isGreaterThanOrEqualTo(prev);
            assertThat(w.end()).isGreaterThanOrEqualTo(w.start()).isLessThanOrEqualTo(v.duration());
            prev = w.start();
        }
        assertThat(String.join(" ", words.stream().map(TranscriptionWord::word).toList())).isEqualTo(v.text());
        List<TranscriptionSegment> segments = v.segments().orElseThrow();
        assertThat(segments).isNotEmpty();
        for (TranscriptionSegment s : segments) {
            // every required field of the typed model is present and of the right type (the getters throw otherwise)
            assertThat(s.end()).isGreaterThan(s.start());
            assertThat(s.seek()).isGreaterThanOrEqualTo(0);
            assertThat(s.tokens()).isEmpty();
            assertThat(s.avgLogprob()).isLessThanOrEqualTo(0f);
            assertThat(s.compressionRatio()).isPositive();
            assertThat(s.noSpeechProb()).isBetween(0f, 1f);
            assertThat(s.temperature()).isZero();
            assertThat(s.text()).isNotBlank();
        }
        assertThat(segments.getFirst().id()).isZero();
    }
}
