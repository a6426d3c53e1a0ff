package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.audio.AudioClip;
import dev.parley.audio.AudioFiles;
import dev.parley.audio.G711;
import dev.parley.audio.Pcm16;
import dev.parley.audio.Wav;
import dev.parley.bench.TestSpeech;
import dev.parley.client.ApiException;
import dev.parley.client.AudioCodec;
import dev.parley.client.ClientEvent;
import dev.parley.client.OutputFormat;
import dev.parley.client.RealtimeOptions;
import dev.parley.client.RealtimeSocket;
import dev.parley.client.Response;
import dev.parley.client.ServerEvent;
import dev.parley.client.SessionConfig;
import dev.parley.client.SttEvent;
import dev.parley.client.SttRequest;
import dev.parley.client.SttSocket;
import dev.parley.client.SttStreamOptions;
import dev.parley.client.TimedSpeech;
import dev.parley.client.Transcription;
import dev.parley.client.TtsEvent;
import dev.parley.client.TtsRequest;
import dev.parley.client.TtsSocket;
import dev.parley.client.TtsStreamOptions;
import dev.parley.client.TurnDetection;
import dev.parley.client.VoiceClient;
import dev.parley.bench.eval.WerScorer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The SDK against a live Parley server: every endpoint's typed results and typed errors. */
class VoiceClientLiveTest {
    static final String TEXT = "Parley speaks every codec.";

    static VoiceClient client() {
        return LiveServer.get().client();
    }

    static VoiceClient clientWithKey(String key) {
        return VoiceClient.builder().baseUrl(LiveServer.get().url()).apiKey(key).build();
    }

    /** Seconds of audio in a response of the given codec at the given rate. */
    static double seconds(AudioCodec codec, int rate, byte[] body) {
        return switch (codec) {
            case PCM -> Pcm16.toFloat(body).length / (double) rate;
            case MULAW, ALAW -> body.length / (double) rate;
            case WAV -> Wav.read(body).durationSeconds();
            case MP3 -> AudioFiles.decode(body).durationSeconds();
        };
    }

    @Test
    void everyCodecAndSampleRateGivesTheSameSpeechAtTheRequestedRate() throws Exception {
        record Case(AudioCodec codec, int rate) {}
        List<Case> cases = List.of(new Case(AudioCodec.PCM, 24000), new Case(AudioCodec.PCM, 44100),
                new Case(AudioCodec.WAV, 16000), new Case(AudioCodec.WAV, 48000), new Case(AudioCodec.MULAW, 8000),
                new Case(AudioCodec.ALAW, 8000), new Case(AudioCodec.MP3, 22050));
        List<Double> durations = new ArrayList<>();
        try (VoiceClient c = client()) {
            for (Case k : cases) {
                byte[] body = c.speech(TtsRequest.of(TEXT).withFormat(OutputFormat.of(k.codec(), k.rate())));
                if (k.codec() == AudioCodec.WAV) assertThat(Wav.read(body).sampleRate()).isEqualTo(k.rate());
                if (k.codec() == AudioCodec.MP3) assertThat(AudioFiles.decode(body).sampleRate()).isEqualTo(k.rate());
                if (k.codec() == AudioCodec.MULAW) assertThat(rms(decode(G711.ULAW, body))).isGreaterThan(0.01);
                if (k.codec() == AudioCodec.ALAW) assertThat(rms(decode(G711.ALAW, body))).isGreaterThan(0.01);
                durations.add(seconds(k.codec(), k.rate(), body));
            }
        }
        double first = durations.getFirst();
        assertThat(first).isBetween(1.0, 6.0);
        for (double d : durations) assertThat(d).as("durations %s", durations).isCloseTo(first, org.assertj.core.data.Offset.offset(0.15));
    }

    static float[] decode(G711 law, byte[] codes) {
        float[] out = new float[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = law.decodeFloat(codes[i]);
        return out;
    }

    static double rms(float[] s) {
        double sum = 0;
        for (float f : s) sum += f * f;
        return Math.sqrt(sum / Math.max(1, s.length));
    }

    @Test
    void speechStreamIsReadableWhileTheServerStillSynthesises() throws Exception {
        String longText = "This is the first sentence. This is the second one. And here comes a third sentence. "
                + "Finally a fourth sentence ends the text.";
        try (VoiceClient c = client();
                InputStream in = c.speechStream(TtsRequest.of(longText).withFormat(OutputFormat.of(AudioCodec.PCM, 24000)))) {
            byte[] first = in.readNBytes(4800);
            assertThat(first).hasSize(4800);
            byte[] rest = in.readAllBytes();
            assertThat((first.length + rest.length) / 48000.0).isGreaterThan(4.0);
        }
    }

    @Test
    void speechWithTimestampsGivesOneTimeRangePerCharacterWithinTheAudio() throws Exception {
        try (VoiceClient c = client()) {
            TimedSpeech t = c.speechWithTimestamps(TtsRequest.of("Hi there.").withFormat(OutputFormat.of(AudioCodec.WAV, 24000)));
            assertThat(t.contentType()).isEqualTo("audio/wav");
            assertThat(Wav.read(t.audio()).durationSeconds()).isCloseTo(t.duration(), org.assertj.core.data.Offset.offset(0.05));
            assertThat(String.join("", t.characters().stream().map(TimedSpeech.CharTime::character).toList())).isEqualTo("Hi there.");
            assertThat(t.characters().getLast().end()).isLessThanOrEqualTo(t.duration() + 0.01);
        }
    }

    @Test
    void oneTtsSocketCarriesTwoUtterancesAndAnswersClearWithAudioClear() throws Exception {
        BlockingQueue<TtsEvent> events = new LinkedBlockingQueue<>();
        try (VoiceClient c = client(); TtsSocket s = c.openTts(TtsStreamOptions.pcm("sal", 16000), events::add)) {
            List<Integer> bytes = new ArrayList<>();
            for (String text : List.of("First utterance.", "The second utterance is longer than the first one.")) {
                s.sendText(text);
                s.done();
                int n = 0;
                TtsEvent e;
                while ((e = events.poll(60, TimeUnit.SECONDS)) instanceof TtsEvent.AudioDelta d) n += d.audio().length;
                assertThat(e).isInstanceOf(TtsEvent.AudioDone.class);
                bytes.add(n);
            }
            assertThat(bytes.get(0) / 32000.0).isGreaterThan(0.5);
            assertThat(bytes.get(1)).isGreaterThan(bytes.get(0) * 3 / 2);
            s.clear();
            TtsEvent e = events.poll(30, TimeUnit.SECONDS);
            assertThat(e).isInstanceOf(TtsEvent.AudioClear.class);
        }
    }

    @Test
    void aWrongKeyIsAnApiExceptionWithStatus401AndTheServersCodeAndMessage() {
        try (VoiceClient c = clientWithKey("wrong-key-000")) {
            assertThatThrownBy(c::voices).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.code()).isNotBlank();
                assertThat(e.error()).contains("Incorrect API key provided");
            });
        }
    }

    @Test
    void aMissingLanguageIsAnApiExceptionWithStatus400NamingTheField() {
        try (VoiceClient c = client()) {
            assertThatThrownBy(() -> c.speech(new TtsRequest("Hello", "", null, null, null, null, null, null)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.error()).containsIgnoringCase("language");
                    });
        }
    }

    @Test
    void anUnknownVoiceIdIsAnApiExceptionWithStatus404() {
        try (VoiceClient c = client()) {
            assertThatThrownBy(() -> c.voice("nobody")).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.statusCode()).isEqualTo(404));
        }
    }

    @Test
    void aBadCodecOnTheTtsWebSocketIsRefusedBeforeTheUpgradeWithAnApiException() {
        try (VoiceClient c = client()) {
            assertThatThrownBy(() -> c.openTts(new TtsStreamOptions("eve", "en", AudioCodec.PCM, 12345, null, null,
                    null, null, null), e -> { })).isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.error()).contains("12345");
                    });
        }
    }

    @Test
    void aWrongKeyOnTheRealtimeWebSocketIsRefusedWith401() {
        try (VoiceClient c = clientWithKey("wrong-key-000")) {
            assertThatThrownBy(() -> c.openRealtime(RealtimeOptions.defaults(), e -> { }))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
        }
    }

    @Test
    void sttUploadReportsProgressUpToTheWholeBody() throws Exception {
        Path file = TestSpeech.shared().path("multispeaker/ami_ES2011a_40s-46s.wav");
        AtomicLong last = new AtomicLong(), total = new AtomicLong();
        Transcription t;
        try (VoiceClient c = client()) {
            t = c.transcribe(SttRequest.file(file).language("en").build(), (sent, all) -> {
                last.set(sent);
                total.set(all);
            });
        }
        assertThat(total.get()).isGreaterThan(Files.size(file));
        assertThat(last.get()).isEqualTo(total.get());
        assertThat(t.duration()).isEqualTo(6.0);
        assertThat(WerScorer.wer("i'm abigail claflin you can call me abbie", t.text())).isLessThanOrEqualTo(0.5);
    }

    @Test
    void sttDiarizationGivesEveryWordASpeakerAndFindsBothSpeakersOfAConversation() throws Exception {
        Path file = TestSpeech.shared().path("multispeaker/pyannote_sample.wav");
        try (VoiceClient c = client()) {
            Transcription t = c.transcribe(SttRequest.file(file).diarize(true).build());
            assertThat(t.words()).isNotEmpty().allSatisfy(w -> assertThat(w.speaker()).isNotNull());
            assertThat(t.speakers()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void sttMultichannelGivesOneTranscriptPerChannel() throws Exception {
        Path file = TestSpeech.shared().path("multispeaker/stereo_diarization.wav");
        try (VoiceClient c = client()) {
            Transcription t = c.transcribe(SttRequest.file(file).multichannel(true).build());
            assertThat(t.channels()).extracting(Transcription.Channel::index).containsExactly(0, 1);
            assertThat(t.channels()).allSatisfy(ch -> assertThat(ch.text()).isNotBlank());
        }
    }

    @Test
    void sttOfRawPcmBytesNeedsOnlyTheRawFields() throws Exception {
        String name = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
        AudioClip clip = Wav.read(TestSpeech.shared().path(name));
        byte[] pcm = Pcm16.fromFloat(clip.mono());
        try (VoiceClient c = client()) {
            Transcription t = c.transcribe(SttRequest.bytes(pcm, "audio.raw").raw("pcm", clip.sampleRate()).build());
            assertThat(WerScorer.wer(TestSpeech.shared().transcript(name), t.text())).isLessThanOrEqualTo(0.3);
            assertThat(t.duration()).isCloseTo(clip.durationSeconds(), org.assertj.core.data.Offset.offset(0.02));
        }
    }

    @Test
    void sttStreamingFinalizeEndsTheUtteranceWithASpeechFinalPartial() throws Exception {
        String name = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
        AudioClip clip = Wav.read(TestSpeech.shared().path(name));
        byte[] pcm = Pcm16.fromFloat(clip.mono());
        BlockingQueue<SttEvent> events = new LinkedBlockingQueue<>();
        try (VoiceClient c = client();
                SttSocket s = c.openStt(SttStreamOptions.pcm(clip.sampleRate(), false).withEndpointing(5000), events::add)) {
            assertThat(events.poll()).isInstanceOf(SttEvent.Created.class);
            assertThat(s.id()).isNotBlank();
            s.sendAudio(pcm).join();
            s.finalizeUtterance().join();
            SttEvent e;
            do {
                e = events.poll(60, TimeUnit.SECONDS);
            } while (e != null && !(e instanceof SttEvent.Partial p && p.speechFinal()));
            assertThat(e).isInstanceOf(SttEvent.Partial.class);
            assertThat(WerScorer.wer(TestSpeech.shared().transcript(name), ((SttEvent.Partial) e).text())).isLessThanOrEqualTo(0.3);
            s.audioDone();
            do {
                e = events.poll(60, TimeUnit.SECONDS);
            } while (e != null && !(e instanceof SttEvent.Done));
            assertThat(e).isInstanceOfSatisfying(SttEvent.Done.class,
                    d -> assertThat(d.duration()).isCloseTo(clip.durationSeconds(), org.assertj.core.data.Offset.offset(0.05)));
        }
    }

    @Test
    void aRealtimeErrorCarriesTheEventIdOfTheClientEventThatFailed() throws Exception {
        BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
        try (VoiceClient c = client(); RealtimeSocket s = c.openRealtime(RealtimeOptions.defaults(), events::add)) {
            s.send(new ClientEvent.ResponseCancel(), "c_cancel_1");
            ServerEvent e;
            do {
                e = events.poll(30, TimeUnit.SECONDS);
            } while (e != null && !(e instanceof ServerEvent.Error));
            assertThat(e).isInstanceOfSatisfying(ServerEvent.Error.class, err -> {
                assertThat(err.code()).isEqualTo("response_cancel_not_active");
                assertThat(err.clientEventId()).isEqualTo("c_cancel_1");
            });
        }
    }

    @Test
    void aRealtimeManualVoiceTurnIsTranscribedAndAnsweredWithAudio() throws Exception {
        String name = "librispeech/1221-135766-0002.wav";
        AudioClip clip = Wav.read(TestSpeech.shared().path(name)).resample(24000);
        BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Response> done = new CompletableFuture<>();
        try (VoiceClient c = client(); RealtimeSocket s = c.openRealtime(RealtimeOptions.defaults(), e -> {
            events.add(e);
            if (e instanceof ServerEvent.ResponseDone d) done.complete(d.response());
        })) {
            s.send(new ClientEvent.SessionUpdate(SessionConfig.empty().withTurnDetection(TurnDetection.manual())
                    .withInstructions("Answer in one short sentence.")));
            s.send(new ClientEvent.InputAudioAppend(Pcm16.fromFloat(clip.mono())));
            s.send(new ClientEvent.InputAudioCommit());
            s.send(new ClientEvent.ResponseCreate());
            Response r = done.get(180, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.text()).isNotBlank();
        }
        List<ServerEvent> seen = new ArrayList<>(events);
        assertThat(seen.getFirst()).isInstanceOf(ServerEvent.SessionCreated.class);
        assertThat(seen).anySatisfy(e -> assertThat(e).isInstanceOf(ServerEvent.AudioCommitted.class));
        String heard = seen.stream().filter(e -> e instanceof ServerEvent.InputTranscriptionCompleted)
                .map(e -> ((ServerEvent.InputTranscriptionCompleted) e).transcript()).findFirst().orElse("");
        assertThat(WerScorer.wer(TestSpeech.shared().transcript(name), heard)).isLessThanOrEqualTo(0.35);
        long audioBytes = seen.stream().filter(e -> e instanceof ServerEvent.OutputAudioDelta)
                .mapToLong(e -> ((ServerEvent.OutputAudioDelta) e).audio().length).sum();
        assertThat(audioBytes / 48000.0).isGreaterThan(0.3); // a sampled one-word answer is about half a second
    }
}
