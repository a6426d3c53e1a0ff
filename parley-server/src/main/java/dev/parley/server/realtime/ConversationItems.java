package dev.parley.server.realtime;

import static dev.parley.server.realtime.SessionContext.LOG;
import static dev.parley.server.realtime.SessionContext.RATE;

import dev.parley.audio.WireDecoder;
import dev.parley.server.realtime.internal.Conversation;
import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's edits of the conversation (spec §4.3: {@code conversation.item.create}, {@code .delete},
 * {@code .truncate}) on the session's {@link Conversation}, and the transcription of user audio items, whether
 * committed from the input buffer or created with audio.
 *
 * <h2>Threading</h2>
 * Every method runs under the session lock, on the reading thread. A transcription is a worker job: it runs the
 * transcriber outside the lock and emits its result under it.
 */
final class ConversationItems {
    private final SessionContext ctx;

    ConversationItems(SessionContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Inserts the item of {@code e} ({@code conversation.item.added}) and queues the transcription of its audio.
     *
     * @throws RealtimeError {@code item_not_found} for an unknown previous item, {@code invalid_value} for a duplicate
     *     id or an item too large to echo ({@link ServerEvents#requireFits}), {@code server_busy} when the worker's
     *     queue is full
     */
    void create(ClientEvent.ItemCreate e) {
        assert ctx.lock.isHeldByCurrentThread();
        Item item = e.item();
        ctx.events.requireFits(item.toJson(), "item");
        float[] audio = e.audio() == null ? null : WireDecoder.decodeAll(e.audio(), ctx.settings.inputFormat.wire(), RATE);
        String prev = ctx.conversation.insert(item, e.previousItemId());
        ctx.events.itemAdded(prev, item);
        if (audio != null) {
            Item.Part part = item.content.stream().filter(p -> p.transcript == null && !p.type.contains("text")).findFirst().orElseThrow();
            transcribeLater(item, part, audio);
        }
    }

    /** @throws RealtimeError {@code item_not_found} */
    void delete(ClientEvent.ItemDelete e) {
        assert ctx.lock.isHeldByCurrentThread();
        ctx.conversation.delete(e.itemId());
        ObjectNode out = ctx.events.event("conversation.item.deleted");
        out.put("item_id", e.itemId());
        ctx.events.emit(out);
    }

    /**
     * Cuts an assistant audio item to what the client played: its transcript keeps the words spoken by then.
     *
     * @throws RealtimeError {@code item_not_found}, then {@code invalid_value} for a bad {@code audio_end_ms}, an
     *     item that is not assistant audio, or an end beyond its audio
     */
    void truncate(ClientEvent.ItemTruncate e) {
        assert ctx.lock.isHeldByCurrentThread();
        String id = e.itemId();
        Item item = ctx.conversation.require(id, "item_id");
        int contentIndex = e.contentIndexOrZero();
        long end = e.requireAudioEndMs();
        if (!Item.MESSAGE.equals(item.type) || !"assistant".equals(item.role) || contentIndex != 0
                || item.content.isEmpty() || !item.content.getFirst().type.equals("audio")) {
            throw RealtimeError.invalid("invalid_value", "Only assistant audio content can be truncated", "item_id");
        }
        if (end > Math.ceil(item.audioMs)) {
            throw RealtimeError.invalid("invalid_value", "audio_end_ms " + end + " is beyond the item's audio ("
                    + Math.round(item.audioMs) + " ms)", "audio_end_ms");
        }
        String transcript = item.truncateAudio(end);
        ObjectNode out = ctx.events.event("conversation.item.truncated");
        out.put("item_id", id).put("content_index", contentIndex).put("audio_end_ms", end).put("transcript", transcript);
        ctx.events.emit(out);
    }

    /**
     * Queues the transcription of {@code audio16k} into {@code part} of {@code item}: the worker runs it and emits
     * {@code conversation.item.input_audio_transcription.completed} (an empty transcript when the transcriber failed).
     *
     * @throws RealtimeError {@code server_busy} when the worker's queue is full
     */
    void transcribeLater(Item item, Item.Part part, float[] audio16k) {
        ctx.submit(() -> transcribe(item, part, audio16k));
    }

    private void transcribe(Item item, Item.Part part, float[] audio16k) {
        String text;
        try {
            text = ctx.engines.transcriber().transcribeUtterance(audio16k);
        } catch (RuntimeException e) {
            LOG.warn("realtime {} transcription of {} failed", ctx.id, item.id, e);
            text = "";
        }
        ctx.lock.lock();
        try {
            part.transcript = text;
            ObjectNode e = ctx.events.event("conversation.item.input_audio_transcription.completed");
            e.put("item_id", item.id).put("content_index", item.content.indexOf(part)).put("transcript", text);
            ctx.events.emit(e);
        } finally {
            ctx.lock.unlock();
        }
    }
}
