package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ClientOptions;
import com.openai.core.http.WebSocketWriteNotAttempted;
import com.openai.helpers.RealtimeConnection;
import com.openai.models.realtime.ConversationItemCreateEvent;
import com.openai.models.realtime.InputAudioBufferAppendEvent;
import com.openai.models.realtime.RealtimeAudioConfig;
import com.openai.models.realtime.RealtimeAudioConfigInput;
import com.openai.models.realtime.RealtimeAudioConfigOutput;
import com.openai.models.realtime.RealtimeAudioFormats;
import com.openai.models.realtime.RealtimeAudioInputTurnDetection;
import com.openai.models.realtime.RealtimeClientEvent;
import com.openai.models.realtime.RealtimeConversationItemUserMessage;
import com.openai.models.realtime.RealtimeResponse;
import com.openai.models.realtime.RealtimeResponseStatus;
import com.openai.models.realtime.RealtimeServerEvent;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import com.openai.models.realtime.ResponseCancelEvent;
import com.openai.models.realtime.ResponseCreateEvent;
import com.openai.models.realtime.SessionUpdateEvent;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateResponse;
import dev.parley.bench.TestSpeech;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Conformance with Maven {@code com.openai:openai-java} 4.100.0 (spec Part B row 7): its GA Realtime WebSocket helper
 * {@link RealtimeConnection} with typed {@link RealtimeClientEvent}s and {@link RealtimeServerEvent}s, and
 * {@code client.realtime().clientSecrets().create(...)}, against the shared live Parley server over plain
 * {@code http://…/v1} (the SDK hands the http URL to OkHttp, which upgrades it as {@code ws://}; no TLS needed).
 *
 * <p>"Typed" is checked per event: every server event whose type the SDK models must deserialize into its typed
 * variant (the SDK silently keeps an event it cannot bind as an untyped {@code _unknown}, so that is the signal of a
 * wire-shape mismatch). xAI-only events (for example {@code ping}) have no SDK type and are allowed to stay untyped.
 */
class OpenAiJavaRealtimeConformanceTest {
    static final String SPEECH = "librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
    static final String SPEECH_TEXT = "he was not an ill disposed young man";
    static final int RATE = 24000;
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** Event types the SDK models, with the predicate that says the event bound to its typed variant. */
    static final Map<String, Predicate<RealtimeServerEvent>> TYPED = Map.ofEntries(
            Map.entry("session.created", RealtimeServerEvent::isSessionCreated),
            Map.entry("session.updated", RealtimeServerEvent::isSessionUpdated),
            Map.entry("conversation.created", RealtimeServerEvent::isConversationCreated),
            Map.entry("conversation.item.added", RealtimeServerEvent::isConversationItemAdded),
            Map.entry("conversation.item.created", RealtimeServerEvent::isConversationItemCreated),
            Map.entry("conversation.item.input_audio_transcription.completed",
                    RealtimeServerEvent::isConversationItemInputAudioTranscriptionCompleted),
            Map.entry("input_audio_buffer.speech_started", RealtimeServerEvent::isInputAudioBufferSpeechStarted),
            Map.entry("input_audio_buffer.speech_stopped", RealtimeServerEvent::isInputAudioBufferSpeechStopped),
            Map.entry("input_audio_buffer.committed", RealtimeServerEvent::isInputAudioBufferCommitted),
            Map.entry("input_audio_buffer.cleared", RealtimeServerEvent::isInputAudioBufferCleared),
            Map.entry("response.created", RealtimeServerEvent::isResponseCreated),
            Map.entry("response.output_item.added", RealtimeServerEvent::isResponseOutputItemAdded),
            Map.entry("response.content_part.added", RealtimeServerEvent::isResponseContentPartAdded),
            Map.entry("response.output_audio.delta", RealtimeServerEvent::isResponseOutputAudioDelta),
            Map.entry("response.output_audio_transcript.delta", RealtimeServerEvent::isResponseOutputAudioTranscriptDelta),
            Map.entry("response.output_audio.done", RealtimeServerEvent::isResponseOutputAudioDone),
            Map.entry("response.output_audio_transcript.done", RealtimeServerEvent::isResponseOutputAudioTranscriptDone),
            Map.entry("response.output_text.delta", RealtimeServerEvent::isResponseOutputTextDelta),
            Map.entry("response.output_text.done", RealtimeServerEvent::isResponseOutputTextDone),
            Map.entry("response.content_part.done", RealtimeServerEvent::isResponseContentPartDone),
            Map.entry("response.output_item.done", RealtimeServerEvent::isResponseOutputItemDone),
            Map.entry("response.done", RealtimeServerEvent::isResponseDone),
            Map.entry("error", RealtimeServerEvent::isError));

    static String baseUrl() {
        return LiveServer.get().http() + "/v1";
    }

    /** The SDK's REST client with the server's API key (no retries: a failure must show as it is). */
    static OpenAIClient rest() {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl()).apiKey(LiveServer.KEY).maxRetries(0).build();
    }

    /** A realtime connection authenticated with {@code bearer} (API key or ephemeral secret). */
    static RealtimeConnection connect(String bearer) {
        ClientOptions options = ClientOptions.builder().httpClient(OkHttpClient.builder().build())
                .baseUrl(baseUrl()).apiKey(bearer).maxRetries(0).build();
        return RealtimeConnection.connect(options);
    }

    /** Receives events into {@code seen} until one matches {@code until}; fails with the types seen on timeout. */
    static RealtimeServerEvent await(RealtimeConnection c, List<RealtimeServerEvent> seen,
            Predicate<RealtimeServerEvent> until, String what) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            RealtimeServerEvent e;
            try {
                e = c.receiveAsync().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException t) {
                break;
            }
            seen.add(e);
            if (until.test(e)) return e;
        }
        throw new AssertionError("timed out waiting for " + what + "; got " + types(seen));
    }

    /**
     * Sends one event the way the SDK asks callers to: it refuses ({@code WebSocketWriteNotAttempted.Busy}, nothing
     * sent) while OkHttp still holds an earlier frame, so a burst of audio appends waits and tries again.
     */
    static void send(RealtimeConnection c, RealtimeClientEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                c.send(event);
                return;
            } catch (WebSocketWriteNotAttempted.Busy busy) {
                if (System.nanoTime() > deadline) throw busy;
                Thread.sleep(2);
            }
        }
    }

    static Predicate<RealtimeServerEvent> type(String type) {
        return e -> type.equals(typeOf(e));
    }

    static String typeOf(RealtimeServerEvent e) {
        com.openai.core.JsonValue json = e._json().orElse(null);
        if (json == null) return "?";
        // JsonValue extends the raw JsonField in Java's view; go through JsonField<?> to keep the generic returns
        Map<String, com.openai.core.JsonValue> object = ((com.openai.core.JsonField<?>) json).asObject().orElse(Map.of());
        com.openai.core.JsonField<?> type = object.get("type");
        return type == null ? "?" : type.asString().orElse("?");
    }

    static List<String> types(List<RealtimeServerEvent> events) {
        return events.stream().map(OpenAiJavaRealtimeConformanceTest::typeOf).toList();
    }

    /** The SDK-modelled events among {@code events} that did not bind to their typed variant. */
    static List<String> untyped(List<RealtimeServerEvent> events) {
        return events.stream().filter(e -> TYPED.containsKey(typeOf(e)) && !TYPED.get(typeOf(e)).test(e))
                .map(e -> e._json().map(Object::toString).orElse("?")).toList();
    }

    static RealtimeClientEvent sessionUpdate(RealtimeAudioInputTurnDetection.ServerVad vad) {
        var input = RealtimeAudioConfigInput.builder().format(RealtimeAudioFormats.AudioPcm.builder()
                .rate(RealtimeAudioFormats.AudioPcm.Rate.of(RATE)).type(RealtimeAudioFormats.AudioPcm.Type.AUDIO_PCM).build());
        if (vad != null) input.turnDetection(vad);
        var session = RealtimeSessionCreateRequest.builder()
                .instructions("You are a helpful voice assistant. Answer in one short sentence.")
                .maxOutputTokens(40)
                .audio(RealtimeAudioConfig.builder().input(input.build())
                        .output(RealtimeAudioConfigOutput.builder().voice("eve").build()).build())
                .build();
        return RealtimeClientEvent.ofSessionUpdate(SessionUpdateEvent.builder().session(session).build());
    }

    /**
     * The answer ended as documented: {@code completed}, or {@code incomplete} for {@code max_output_tokens} when the
     * sampled answer ran past the 40 tokens {@link #sessionUpdate} allows (seen once in a clean-clone run).
     */
    static void assertEnded(RealtimeResponse response) {
        if (response.status().equals(java.util.Optional.of(RealtimeResponse.Status.INCOMPLETE))) {
            assertThat(response.statusDetails().flatMap(RealtimeResponseStatus::reason)).as(response.toString())
                    .contains(RealtimeResponseStatus.Reason.MAX_OUTPUT_TOKENS);
        } else {
            assertThat(response.status()).as(response.toString()).contains(RealtimeResponse.Status.COMPLETED);
        }
    }

    static RealtimeClientEvent userText(String text) {
        var item = RealtimeConversationItemUserMessage.builder().addContent(RealtimeConversationItemUserMessage.Content.builder()
                .type(RealtimeConversationItemUserMessage.Content.Type.INPUT_TEXT).text(text).build()).build();
        return RealtimeClientEvent.ofConversationItemCreate(ConversationItemCreateEvent.builder().item(item).build());
    }

    static RealtimeClientEvent responseCreate() {
        return RealtimeClientEvent.ofResponseCreate(ResponseCreateEvent.builder().build());
    }

    static double audioSeconds(List<RealtimeServerEvent> events, String responseId) {
        long bytes = events.stream().filter(RealtimeServerEvent::isResponseOutputAudioDelta)
                .map(RealtimeServerEvent::asResponseOutputAudioDelta).filter(d -> d.responseId().equals(responseId))
                .mapToLong(d -> Base64.getDecoder().decode(d.delta()).length).sum();
        return bytes / 2.0 / RATE;
    }

    static Set<String> words(String s) {
        return Set.of(s.toLowerCase().replaceAll("[^a-z' ]", " ").trim().split("\\s+"));
    }

    /** Opens a session and waits for the two greeting events, checking their order and types. */
    static List<RealtimeServerEvent> greeted(RealtimeConnection c) throws Exception {
        List<RealtimeServerEvent> seen = new ArrayList<>();
        await(c, seen, type("conversation.created"), "conversation.created");
        assertThat(types(seen)).startsWith("session.created", "conversation.created");
        assertThat(seen.get(0).isSessionCreated()).as("session.created binds to the SDK type: %s", seen.get(0)).isTrue();
        return seen;
    }

    @Test
    void clientSecretsCreateMintsAFlatSecretThatOpensARealtimeSession() throws Exception {
        ClientSecretCreateResponse secret = rest().realtime().clientSecrets().create(ClientSecretCreateParams.builder()
                .expiresAfter(ClientSecretCreateParams.ExpiresAfter.builder().seconds(300).build()).build());
        long now = Instant.now().getEpochSecond();
        assertThat(secret.value()).isNotBlank().isNotEqualTo(LiveServer.KEY);
        assertThat(secret.expiresAt()).isBetween(now + 290, now + 310);
        // xAI's response is flat {value, expires_at} (spec §3, CONFIRMED): no OpenAI `session` echo. The SDK's lenient
        // default parses it; OpenAI's type marks `session` required, which only strict responseValidation would enforce.
        assertThat(secret._session().isMissing()).isTrue();

        try (RealtimeConnection c = connect(secret.value())) {
            List<RealtimeServerEvent> seen = greeted(c);
            assertThat(seen.get(0).asSessionCreated().session().isRealtimeSessionCreateRequest()).isTrue();
        }
    }

    @Test
    void aTypedGaTextTurnIsAnsweredWithTypedAudioTranscriptAndResponseDone() throws Exception {
        try (RealtimeConnection c = connect(LiveServer.KEY)) {
            List<RealtimeServerEvent> seen = greeted(c);
            send(c, sessionUpdate(null));
            RealtimeServerEvent updated = await(c, seen, type("session.updated"), "session.updated");
            assertThat(updated.isSessionUpdated()).as("session.updated binds: %s", updated).isTrue();

            send(c, userText("What is the capital of France?"));
            await(c, seen, type("conversation.item.added"), "conversation.item.added");
            send(c, responseCreate());
            String responseId = await(c, seen, RealtimeServerEvent::isResponseCreated, "response.created")
                    .asResponseCreated().response().id().orElseThrow();
            RealtimeServerEvent done = await(c, seen, type("response.done"), "response.done");

            assertThat(untyped(seen)).as("events the SDK could not bind").isEmpty();
            assertEnded(done.asResponseDone().response());
            String transcript = seen.stream().filter(RealtimeServerEvent::isResponseOutputAudioTranscriptDone)
                    .map(e -> e.asResponseOutputAudioTranscriptDone().transcript()).collect(Collectors.joining(" "));
            // the answer's words are the small model's business; its shape is Parley's: deltas that add up to it
            String deltas = seen.stream().filter(RealtimeServerEvent::isResponseOutputAudioTranscriptDelta)
                    .map(e -> e.asResponseOutputAudioTranscriptDelta().delta()).collect(Collectors.joining());
            // (one word is a whole answer: "Paris." is about half a second of speech)
            String[] words = transcript.strip().split("\\s+");
            assertThat(transcript).isNotBlank();
            assertThat(deltas).isEqualToIgnoringWhitespace(transcript);
            assertThat(audioSeconds(seen, responseId)).as(transcript).isBetween(0.1 * words.length, 2.0 + 1.5 * words.length);
            List<String> order = types(seen);
            assertThat(order.indexOf("response.output_item.added")).isLessThan(order.indexOf("response.output_audio.delta"));
            assertThat(order.lastIndexOf("response.output_audio.delta")).isLessThan(order.indexOf("response.output_audio.done"));
        }
    }

    /**
     * With strict {@code responseValidation} (off by default) the SDK rejects exactly two shapes, both OpenAI-only and
     * absent from the xAI contract: the session object's {@code type:"realtime"} (spec §4.2 has no such field) and the
     * assistant content part type {@code output_audio} (xAI uses {@code audio}, spec §4.4 {@code response.done}).
     * The client's strictness, not a Parley bug; anything else failing strict validation would be one.
     */
    @Test
    void strictSdkValidationObjectsOnlyToOpenAiOnlyFieldsTheXaiContractDoesNotHave() throws Exception {
        try (RealtimeConnection c = connect(LiveServer.KEY)) {
            List<RealtimeServerEvent> seen = greeted(c);
            send(c, sessionUpdate(null));
            await(c, seen, type("session.updated"), "session.updated");
            send(c, userText("Say hello."));
            send(c, responseCreate());
            await(c, seen, type("response.done"), "response.done");
            Set<String> strictFailures = new java.util.TreeSet<>();
            for (RealtimeServerEvent e : seen) {
                try {
                    e.validate();
                } catch (RuntimeException x) {
                    strictFailures.add(typeOf(e) + ": " + x.getMessage());
                }
            }
            assertThat(strictFailures).containsExactly(
                    "response.done: Unknown Type: audio",
                    "response.output_item.done: Unknown Type: audio",
                    "session.created: 'type' is invalid, received ",
                    "session.updated: 'type' is invalid, received ");
        }
    }

    @Test
    void aRecordedQuestionWithServerVadIsDetectedTranscribedAndAnsweredInTypedEvents() throws Exception {
        byte[] speech = TestSpeech.shared().pcm16(SPEECH, 24000);
        byte[] pcm = new byte[speech.length + RATE * 2 * 6 / 5]; // the recording, then 1.2 s of silence
        System.arraycopy(speech, 0, pcm, 0, speech.length);
        try (RealtimeConnection c = connect(LiveServer.KEY)) {
            List<RealtimeServerEvent> seen = greeted(c);
            send(c, sessionUpdate(RealtimeAudioInputTurnDetection.ServerVad.builder().threshold(0.5).silenceDurationMs(500).build()));
            await(c, seen, type("session.updated"), "session.updated");
            int chunk = RATE * 2 * 40 / 1000; // 40 ms
            for (int off = 0; off < pcm.length; off += chunk) {
                byte[] part = java.util.Arrays.copyOfRange(pcm, off, Math.min(pcm.length, off + chunk));
                send(c, RealtimeClientEvent.ofInputAudioBufferAppend(InputAudioBufferAppendEvent.builder()
                        .audio(Base64.getEncoder().encodeToString(part)).build()));
            }
            String itemId = await(c, seen, RealtimeServerEvent::isInputAudioBufferSpeechStarted, "speech_started")
                    .asInputAudioBufferSpeechStarted().itemId();
            await(c, seen, RealtimeServerEvent::isInputAudioBufferSpeechStopped, "speech_stopped");
            await(c, seen, e -> e.isInputAudioBufferCommitted() && e.asInputAudioBufferCommitted().itemId().equals(itemId),
                    "input_audio_buffer.committed");
            RealtimeServerEvent done = await(c, seen, type("response.done"), "response.done");
            if (seen.stream().noneMatch(RealtimeServerEvent::isConversationItemInputAudioTranscriptionCompleted))
                await(c, seen, type("conversation.item.input_audio_transcription.completed"), "transcription");

            assertThat(untyped(seen)).as("events the SDK could not bind").isEmpty();
            String heard = seen.stream().filter(RealtimeServerEvent::isConversationItemInputAudioTranscriptionCompleted)
                    .map(RealtimeServerEvent::asConversationItemInputAudioTranscriptionCompleted)
                    .filter(t -> t.itemId().equals(itemId)).map(t -> t.transcript()).reduce((a, b) -> b).orElse("");
            List<String> ref = List.of(SPEECH_TEXT.split(" "));
            long hits = ref.stream().filter(words(heard)::contains).count();
            assertThat(hits).as("transcript \"%s\" vs \"%s\"", heard, SPEECH_TEXT).isGreaterThanOrEqualTo(ref.size() * 7L / 10);
            assertEnded(done.asResponseDone().response());
            assertThat(audioSeconds(seen, done.asResponseDone().response().id().orElseThrow())).isGreaterThan(0.3);
        }
    }

    @Test
    void anErrorEventArrivesTypedWithItsCodeAndTheOffendingEventIdAndTheSessionGoesOn() throws Exception {
        try (RealtimeConnection c = connect(LiveServer.KEY)) {
            List<RealtimeServerEvent> seen = greeted(c);
            send(c, RealtimeClientEvent.ofResponseCancel(ResponseCancelEvent.builder().eventId("c_cancel_nothing").build()));
            RealtimeServerEvent error = await(c, seen, type("error"), "error");
            assertThat(error.isError()).as("error binds to the SDK type: %s", error).isTrue();
            var detail = error.asError().error();
            assertThat(detail.code()).contains("response_cancel_not_active");
            assertThat(detail.eventId()).contains("c_cancel_nothing");
            assertThat(detail.message()).contains("no active response");

            send(c, sessionUpdate(null));
            assertThat(await(c, seen, type("session.updated"), "session.updated").isSessionUpdated()).isTrue();
        }
    }
}
