package dev.parley.server.realtime;

import static dev.parley.server.realtime.SessionContext.RATE;

import dev.parley.audio.WireDecoder;
import dev.parley.audio.WireFormat;
import dev.parley.engines.vad.Vad;
import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SampleBuffer;
import dev.parley.server.realtime.internal.SessionSettings;
import dev.parley.server.realtime.internal.TurnDetector;
import tools.jackson.databind.node.ObjectNode;

/**
 * The input audio buffer of a session and its turns (spec §4.4 {@code input_audio_buffer.*}, §4.2
 * {@code turn_detection}): client audio is decoded from the session's input format to 16 kHz and buffered; with
 * server VAD every frame is scored inline, {@link TurnDetector} finds where speech starts and stops, a stopped turn is
 * committed as a user item (and answered when {@code create_response} is on), and while nobody speaks only the
 * prefix padding is kept. Without server VAD the client commits and clears the buffer itself.
 *
 * <h2>Threading</h2>
 * Every method runs under the session lock, on the reading thread; the VAD runs inline, so a slow VAD slows reading.
 *
 * <h2>Bound (overflow action)</h2>
 * The buffer holds at most {@link RealtimeConfig#maxBufferedSeconds()} of uncommitted audio: without server VAD an
 * append beyond it is refused with {@code input_audio_buffer_full} (the buffered audio is kept); with server VAD a turn
 * that outgrows it is committed as it stands ({@code speech_stopped}) and detection goes on.
 */
final class InputAudio {
    /** Shortest audio a manual commit accepts (OpenAI: 100 ms). */
    static final int MIN_COMMIT_MS = 100;

    private final SessionContext ctx;
    private final ConversationItems items;
    private final ResponseRunner responses;
    private final SampleBuffer input;
    private long bufferStartSample; // input-stream index of input[0]
    private long streamSamples;     // input-stream samples received (16 kHz)
    private WireDecoder inDecoder; // the input format's decoder to 16 kHz, carrying an odd byte to the next append
    private Vad.Stream vad;
    private float[] vadFrame;
    private int vadFill;
    private TurnDetector turns;
    private SessionSettings.TurnDetection turnsFor;
    private String speechItemId;

    InputAudio(SessionContext ctx, ConversationItems items, ResponseRunner responses) {
        this.ctx = ctx;
        this.items = items;
        this.responses = responses;
        this.input = new SampleBuffer(ctx.config.maxBufferedSeconds() * RATE);
    }

    /**
     * Decodes wire audio, resamples it to 16 kHz, buffers it and runs server VAD on it. {@code bytes} is not retained.
     *
     * @param param the field that carried the audio, named in an error ({@code "audio"}, or null for a binary frame)
     * @throws RealtimeError {@code input_audio_buffer_full} (without server VAD), {@code server_busy} when a turn's
     *     transcription or response cannot be queued
     */
    void append(byte[] bytes, String param) {
        assert ctx.lock.isHeldByCurrentThread();
        SessionSettings settings = ctx.settings;
        WireFormat fmt = settings.inputFormat.wire();
        if (inDecoder == null || !inDecoder.format().equals(fmt)) inDecoder = new WireDecoder(fmt, RATE, false);
        float[] s16 = inDecoder.decode(bytes)[0];
        if (input.length() + s16.length > input.capacity() && !settings.turnDetection.serverVad()) {
            throw RealtimeError.invalid("input_audio_buffer_full", "The input audio buffer holds at most "
                    + ctx.config.maxBufferedSeconds() + " s of uncommitted audio; commit or clear it", param);
        }
        if (!settings.turnDetection.serverVad()) {
            input.append(s16, 0, s16.length);
            streamSamples += s16.length;
            return;
        }
        ensureVad();
        int off = 0;
        while (off < s16.length) {
            int n = Math.min(vadFrame.length - vadFill, s16.length - off);
            System.arraycopy(s16, off, vadFrame, vadFill, n);
            if (!input.append(s16, off, n)) { // a turn longer than the buffer: commit what we have
                if (speechItemId != null) speechStopped();
                input.append(s16, off, n);
            }
            vadFill += n;
            off += n;
            streamSamples += n;
            if (vadFill == vadFrame.length) {
                vadFill = 0;
                float p = vad.process(vadFrame);
                double frameMs = vadFrame.length * 1000.0 / RATE;
                switch (turns.frame(p, streamSamples * 1000 / RATE, frameMs)) {
                    case STARTED -> speechStarted();
                    case STOPPED -> speechStopped();
                    case NONE -> { }
                }
                if (!turns.speaking()) trimToPrefix();
            }
        }
    }

    /**
     * The client's {@code input_audio_buffer.commit}: the buffered audio becomes a user item, transcribed on the worker.
     *
     * @throws RealtimeError {@code input_audio_buffer_commit_empty} for less than {@value #MIN_COMMIT_MS} ms of audio,
     *     {@code server_busy} when the transcription cannot be queued
     */
    void commit() {
        assert ctx.lock.isHeldByCurrentThread();
        int minSamples = MIN_COMMIT_MS * RATE / 1000;
        if (input.length() < minSamples) {
            throw RealtimeError.invalid("input_audio_buffer_commit_empty", "Error committing input audio buffer: buffer too small. "
                    + "Expected at least " + MIN_COMMIT_MS + "ms of audio, but buffer only has "
                    + (input.length() * 1000 / RATE) + "ms of audio.", null);
        }
        float[] audio = input.copyFrom(0);
        bufferStartSample += input.length();
        input.clear();
        String id = speechItemId != null ? speechItemId : ServerEvents.newId("item");
        speechItemId = null;
        if (turns != null) turns.reset();
        vadFill = 0;
        commitAudio(id, audio);
    }

    /** The client's {@code input_audio_buffer.clear}: drops the buffered audio and any turn in progress. */
    void clear() {
        assert ctx.lock.isHeldByCurrentThread();
        input.clear();
        bufferStartSample = streamSamples;
        if (inDecoder != null) inDecoder.reset();
        vadFill = 0;
        speechItemId = null;
        if (turns != null) turns.reset();
        if (vad != null) vad.reset();
        ctx.events.emit(ctx.events.event("input_audio_buffer.cleared"));
    }

    /** Opens the VAD stream on first use; a new turn detector whenever the session's turn detection changed. */
    private void ensureVad() {
        if (vad == null) {
            vad = ctx.engines.vad().openStream(RATE);
            vadFrame = new float[vad.frameSamples()];
        }
        if (turns == null || !ctx.settings.turnDetection.equals(turnsFor)) {
            SessionSettings.TurnDetection td = ctx.settings.turnDetection;
            turns = new TurnDetector(td.threshold(), td.silenceDurationMs(), td.prefixPaddingMs());
            turnsFor = td;
        }
    }

    /** While nobody speaks, keep only the prefix padding (plus one frame) of audio. */
    private void trimToPrefix() {
        int keep = turns.prefixMs() * RATE / 1000 + vadFrame.length;
        if (input.length() > keep) {
            int drop = input.length() - keep;
            input.dropFirst(drop);
            bufferStartSample += drop;
        }
    }

    private void speechStarted() {
        speechItemId = ServerEvents.newId("item");
        ObjectNode e = ctx.events.event("input_audio_buffer.speech_started");
        e.put("audio_start_ms", turns.startMs()).put("item_id", speechItemId);
        ctx.events.emit(e);
        if (ctx.settings.turnDetection.interruptResponse()) responses.interrupt(); // barge-in
    }

    private void speechStopped() {
        ObjectNode e = ctx.events.event("input_audio_buffer.speech_stopped");
        e.put("audio_end_ms", turns.speechEndMs()).put("item_id", speechItemId);
        ctx.events.emit(e);
        int from = (int) Math.max(0, turns.paddedStartMs() * RATE / 1000 - bufferStartSample);
        float[] audio = input.copyFrom(from);
        String id = speechItemId;
        speechItemId = null;
        bufferStartSample += input.length();
        input.clear();
        turns.reset();
        commitAudio(id, audio);
        if (ctx.settings.turnDetection.createResponse() && !responses.inProgress()) {
            responses.create(null, null, null);
        }
    }

    /** The committed audio becomes a user item: {@code committed}, {@code conversation.item.added}, a transcription. */
    private void commitAudio(String itemId, float[] audio16k) {
        Item item = new Item(itemId, Item.MESSAGE, "user");
        Item.Part part = new Item.Part("input_audio", null, null);
        item.content.add(part);
        String prev = ctx.conversation.insert(item, null);
        ObjectNode c = ctx.events.event("input_audio_buffer.committed");
        c.put("previous_item_id", prev).put("item_id", itemId);
        ctx.events.emit(c);
        ctx.events.itemAdded(prev, item);
        items.transcribeLater(item, part, audio16k);
    }
}
