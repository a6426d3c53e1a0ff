package dev.parley.server.stt.internal;

import dev.parley.audio.WireDecoder;
import dev.parley.audio.WireFormat;
import dev.parley.engines.diarize.Diarizer;
import dev.parley.engines.diarize.SpeakerTurn;
import dev.parley.engines.diarize.SpeechSegment;
import dev.parley.engines.diarize.WordSpeakers;
import dev.parley.engines.runtime.Inference;
import dev.parley.engines.stt.SttOptions;
import dev.parley.engines.stt.SttWord;
import dev.parley.engines.stt.StreamingTranscriber;
import dev.parley.server.http.Json;
import dev.parley.server.ws.Inbox;
import dev.parley.server.ws.ProtocolSession;
import dev.parley.server.ws.SessionSink;
import dev.parley.server.ws.WsConnection;
import java.io.ByteArrayOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One {@code GET /v1/stt} connection as a transport-free {@link ProtocolSession} (spec §9): binary audio and JSON text
 * messages in, {@code transcript.*} and {@code error} events out through the {@link SessionSink}.
 *
 * <p>Events: {@code transcript.created} (from {@link #start}) once the pipelines are ready; {@code transcript.partial}
 * interims (only with {@code interim_results}), chunk finals and utterance finals as the
 * {@link StreamingTranscriber} decides them; on {@code audio.done} the decoder is flushed and each pipeline sends its
 * {@code transcript.done} (the audio no {@code speech_final} covered, and the turn's total duration), one per channel
 * with {@code channel_index} when multichannel. {@code finalize}/{@code Finalize} (optional {@code channel}) forces an
 * utterance final now.
 *
 * <p>After {@code transcript.done} (spec §12 CONFLICT #12): with {@code closeAfterDone} the session closes with 1000;
 * otherwise (the default, the April text) it stays open and the next audio is a new turn with fresh pipelines, whose
 * times start at 0 again (as on a new connection).
 *
 * <p>Errors: a text message that is not JSON or has an unknown {@code type} gets an {@code error} event and the
 * session goes on; a failure of the pipeline sends an {@code error} event and closes the connection with 1011.
 *
 * <p>Threading and bounds: {@link #onText} and {@link #onBinary} run on the connection's reader and only enqueue into
 * an {@link Inbox} bounded by {@code maxPendingAudioSeconds} of audio (at the connection's rate, encoding and
 * channels) and {@value #MAX_PENDING_MESSAGES} messages; when it is full they block, the transport stops reading the
 * socket and TCP pushes back on the client (nothing is dropped). One virtual worker thread per connection, started by
 * {@link #start}, takes the messages in order and runs the pipelines (native work on the inference pool); only it
 * sends, so events are never interleaved. {@link #close} stops it and frees the pipelines.
 *
 * <p>Falling behind: the audio messages waiting when the worker takes one are joined and fed as one (up to the
 * inbox's bound), so a stream whose inference task waited behind other work on a busy pool catches up in one task
 * instead of waiting once more for every 100 ms message.
 */
public final class StreamSession implements ProtocolSession {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    /** Most messages waiting in the inbox. */
    public static final int MAX_PENDING_MESSAGES = 256;

    /** Audio kept for live diarization (mono without multichannel), seconds. */
    static final int DIARIZE_WINDOW_SECONDS = 60;

    private final StreamingTranscriber engine;
    private final Inference inference;
    private final StreamRequest req;
    private final boolean closeAfterDone;
    private final Inbox<Object> inbox;
    private final long maxJoinBytes;
    private volatile SessionSink sink;
    private volatile Thread worker;
    private final String id = UUID.randomUUID().toString();
    private WireDecoder decoder;
    private Pipeline[] pipelines;
    private boolean closed;
    private int turns;
    /** A text message taken from the inbox while joining audio, handled next. */
    private Object held;

    /**
     * @param engine                 the live transcriber (one stream per pipeline)
     * @param inference              where live diarization (CPU-heavy Java) runs
     * @param req                    the connection's settings (from the handshake)
     * @param closeAfterDone         close with 1000 after {@code transcript.done}
     * @param maxPendingAudioSeconds inbox bound, in seconds of the connection's audio
     */
    public StreamSession(StreamingTranscriber engine, Inference inference, StreamRequest req, boolean closeAfterDone,
            int maxPendingAudioSeconds) {
        this.engine = engine;
        this.inference = inference;
        this.req = req;
        this.closeAfterDone = closeAfterDone;
        this.maxJoinBytes = (long) maxPendingAudioSeconds * req.sampleRate() * req.frameBytes();
        this.inbox = new Inbox<>(MAX_PENDING_MESSAGES, maxJoinBytes);
    }

    /** The end of the worker's loop. */
    private static final Object END = new Object();

    /** Starts the worker, which opens the pipelines and sends {@code transcript.created}. */
    @Override
    public void start(SessionSink out) {
        this.sink = out;
        worker = Thread.ofVirtual().name("stt-ws").start(this::work);
    }

    /** Enqueues a text message; blocks while the inbox is full. */
    @Override
    public void onText(String text) {
        put(text, 0);
    }

    /** Enqueues audio (raw, in the connection's encoding, any size); blocks while the inbox is full. */
    @Override
    public void onBinary(byte[] data) {
        put(data, data.length);
    }

    private void put(Object item, long bytes) {
        try {
            inbox.put(item, bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the worker after the message in hand; its pipelines are freed. Idempotent; any thread. */
    @Override
    public void close(CloseReason reason) {
        inbox.clear();
        inbox.close();
    }

    /** Waits for the worker to end (tests). */
    public boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
        Thread w = worker;
        return w == null || w.join(timeout);
    }

    private void work() {
        try {
            newTurn();
            send(new Wire.Created(id));
            while (!closed) {
                Object item = held != null ? held : inbox.poll(java.time.Duration.ofDays(1));
                held = null;
                if (item == null) {
                    if (inbox.isClosed()) return;
                    continue;
                }
                if (item instanceof byte[] audio) onAudio(joinWaitingAudio(audio));
                else onMessage((String) item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stt stream {} failed", id, e);
            send(new Wire.Error("Transcription failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage())));
            sink.close(WsConnection.CLOSE_INTERNAL_ERROR, "transcription failed");
        } finally {
            closePipelines();
        }
    }

    private void send(Object event) {
        sink.send(Json.MAPPER.writeValueAsString(event));
    }

    /** The session id sent in {@code transcript.created}. */
    public String id() {
        return id;
    }

    /** Whether the session has closed itself (after {@code transcript.done} with close-after-done). */
    public boolean closed() {
        return closed;
    }

    /** Completed turns ({@code audio.done} handled). */
    public int turns() {
        return turns;
    }

    /**
     * {@code first} and the audio messages waiting right behind it, as one message (the first text message met is
     * kept in {@link #held} for next), at most the inbox's bound in bytes. The bytes are joined as they came: the
     * decoder takes any split.
     */
    private byte[] joinWaitingAudio(byte[] first) {
        if (first.length >= maxJoinBytes) return first;
        Object next = inbox.poll();
        if (next == null) return first;
        ByteArrayOutputStream joined = new ByteArrayOutputStream(first.length * 4);
        joined.writeBytes(first);
        while (true) {
            if (!(next instanceof byte[] b)) {
                held = next;
                break;
            }
            joined.writeBytes(b);
            if (joined.size() >= maxJoinBytes) break;
            next = inbox.poll();
            if (next == null) break;
        }
        return joined.toByteArray();
    }

    /** A binary message: raw audio in the connection's encoding, any size. */
    private void onAudio(byte[] data) {
        if (closed) return;
        if (pipelines == null) newTurn();
        float[][] pcm = decoder.decode(data, 0, data.length);
        for (int i = 0; i < pipelines.length; i++) pipelines[i].accept(pcm[i]);
    }

    /** A text message: {@code audio.done}, {@code finalize}/{@code Finalize}; anything else gets an error event. */
    private void onMessage(String text) {
        if (closed) return;
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            send(new Wire.Error("Invalid message: not JSON; expected {\"type\": \"audio.done\"}"));
            return;
        }
        String type = msg != null && msg.isObject() && msg.get("type") != null && msg.get("type").isString()
                ? msg.get("type").asString() : null;
        if (type == null) {
            send(new Wire.Error("Invalid message: expected {\"type\": \"audio.done\"}"));
            return;
        }
        switch (type) {
            case "audio.done" -> done();
            case "finalize", "Finalize" -> finalizeNow(msg.get("channel"));
            default -> send(new Wire.Error("Invalid message: unknown type '" + type
                    + "'; expected {\"type\": \"audio.done\"} or {\"type\": \"finalize\"}"));
        }
    }

    private void finalizeNow(JsonNode channel) {
        if (pipelines == null) newTurn();
        if (channel == null || channel.isNull()) {
            for (Pipeline p : pipelines) p.stt.finalizeUtterance();
            return;
        }
        if (!channel.canConvertToInt() || channel.asInt() < 0 || channel.asInt() >= pipelines.length) {
            send(new Wire.Error("Invalid message: 'channel' must be an integer from 0 to "
                    + (pipelines.length - 1)));
            return;
        }
        pipelines[channel.asInt()].stt.finalizeUtterance();
    }

    private void done() {
        if (pipelines == null) newTurn();
        float[][] tails = decoder.flush();
        for (int i = 0; i < pipelines.length; i++) pipelines[i].accept(tails[i]);
        for (Pipeline p : pipelines) p.finish();
        closePipelines();
        turns++;
        if (closeAfterDone) {
            closed = true;
            sink.close(1000, "transcript.done");
        } else {
            newTurn();
        }
    }

    private void newTurn() {
        closePipelines();
        decoder = new WireDecoder(new WireFormat(req.encoding(), req.sampleRate(), req.channels(), 0), 16000,
                req.multichannel());
        StreamingTranscriber.Options o = StreamingTranscriber.Options.defaults()
                .withInterimResults(req.interimResults())
                .withEndpointingMs(req.endpointingMs())
                .withOptions(new SttOptions(0.5f, req.language(), !req.language().isEmpty(), req.fillerWords()));
        Pipeline[] ps = new Pipeline[req.pipelines()];
        try {
            for (int i = 0; i < ps.length; i++) ps[i] = new Pipeline(i, o);
        } catch (RuntimeException e) {
            for (Pipeline p : ps) if (p != null) p.stt.close();
            throw e;
        }
        pipelines = ps;
    }

    private void closePipelines() {
        if (pipelines == null) return;
        Pipeline[] ps = pipelines;
        pipelines = null;
        for (Pipeline p : ps) p.stt.close();
    }


    /** One channel (or the mix): transcriber, plus the live diarization window when diarizing a mono stream. */
    private final class Pipeline {
        final int index;
        final StreamingTranscriber.Stream stt;
        final Integer channelIndex;
        final LiveDiarization diarization;

        Pipeline(int index, StreamingTranscriber.Options o) {
            this.index = index;
            this.channelIndex = req.multichannel() ? index : null;
            this.diarization = req.diarize() && !req.multichannel() ? new LiveDiarization() : null;
            this.stt = engine.open(o, this::onTranscript);
        }

        void accept(float[] pcm16k) {
            if (pcm16k.length == 0) return;
            if (diarization != null) diarization.append(pcm16k);
            stt.accept(pcm16k, 0, pcm16k.length);
        }

        void onTranscript(StreamingTranscriber.Transcript t) {
            int[] speakers = speakers(t.words(), t.isFinal(), t.start(), t.start() + t.duration());
            send(new Wire.Partial("transcript.partial", t.text(), Wire.words(t.words(), speakers), t.isFinal(),
                    t.speechFinal(), Wire.round2(t.start()), Wire.round2(t.duration()), channelIndex));
        }

        void finish() {
            StreamingTranscriber.Transcript t = stt.finish();
            int[] speakers = speakers(t.words(), true, t.words().isEmpty() ? 0 : t.words().getFirst().start(),
                    t.words().isEmpty() ? 0 : t.words().getLast().end());
            send(new Wire.Done("transcript.done", t.text(), Wire.words(t.words(), speakers),
                    Wire.round2(t.duration()), channelIndex));
        }

        int[] speakers(List<SttWord> words, boolean isFinal, double from, double to) {
            if (!req.diarize()) return null;
            int[] out = new int[words.size()];
            if (diarization == null) {
                java.util.Arrays.fill(out, index); // multichannel: one speaker per channel
                return out;
            }
            return diarization.speakers(words, isFinal, from, to);
        }
    }

    /**
     * Speakers for a live mono stream: the last {@value #DIARIZE_WINDOW_SECONDS} s of audio and the spans of the
     * finals in it are re-diarized on every final (classical {@link Diarizer} on the inference pool), and the
     * final's words take the speaker of the turns they overlap; interims use the last turns. Speakers are numbered
     * by first appearance inside the window, so numbering is stable while the first speaker stays in the window.
     */
    private final class LiveDiarization {
        private final float[] ring = new float[DIARIZE_WINDOW_SECONDS * 16000];
        private long written; // samples appended since the turn began
        private final List<double[]> spans = new ArrayList<>();
        private List<SpeakerTurn> turns = List.of();

        void append(float[] pcm) {
            int n = ring.length;
            for (float v : pcm) ring[(int) (written++ % n)] = v;
        }

        int[] speakers(List<SttWord> words, boolean isFinal, double from, double to) {
            if (words.isEmpty()) return new int[0];
            if (isFinal && to > from) {
                spans.add(new double[] {from, to});
                double windowStart = Math.max(0, written - ring.length) / 16000.0;
                spans.removeIf(s -> s[1] <= windowStart);
                float[] audio = window();
                List<SpeechSegment> speech = new ArrayList<>();
                for (double[] s : spans) {
                    double a = Math.max(0, s[0] - windowStart), b = Math.max(a, s[1] - windowStart);
                    speech.add(new SpeechSegment(a, b));
                }
                List<SpeakerTurn> local = inference.run(() -> new Diarizer().diarize(audio, 16000, speech));
                List<SpeakerTurn> shifted = new ArrayList<>(local.size());
                for (SpeakerTurn t : local) {
                    shifted.add(new SpeakerTurn(t.start() + windowStart, t.end() + windowStart, t.speaker()));
                }
                turns = shifted;
            }
            return WordSpeakers.assign(turns, words, SttWord::start, w -> Math.max(w.start(), w.end()));
        }

        private float[] window() {
            int n = ring.length;
            if (written <= n) return java.util.Arrays.copyOf(ring, (int) written);
            float[] out = new float[n];
            int head = (int) (written % n);
            System.arraycopy(ring, head, out, 0, n - head);
            System.arraycopy(ring, 0, out, n - head, head);
            return out;
        }
    }
}
