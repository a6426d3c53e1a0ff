package dev.parley.server.realtime;

import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.ws.SessionSink;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server side of the realtime event codec: builds server events (each with a fresh {@code event_id}) and sends
 * them to the session's {@link SessionSink}, plus the ids of everything else the session names ({@link #newId}).
 *
 * <h2>Threading</h2>
 * {@link #emit} and everything that emits run only while the caller holds the session lock (asserted), so the sink is
 * never called concurrently and events leave in the order the session's state changed. {@link #event} and
 * {@link #newId} may be called from any thread.
 *
 * <h2>Lifecycle</h2>
 * Events emitted before {@link #attach} or after {@link #detach} are dropped: nothing leaves before the session
 * starts or after it closed. {@link SessionSink#send} never blocks; when it returns false the connection is closing
 * (the transport closes the session when the client does not read) and the event is dropped.
 */
final class ServerEvents {
    /** The longest {@code message} of an {@code error} event; a longer one is cut. */
    static final int MAX_ERROR_MESSAGE_CHARS = 1024;

    private final ReentrantLock lock;
    private final long maxEchoChars;
    private final AtomicLong seq = new AtomicLong();
    private final String idSeed = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private SessionSink sink; // guarded by lock

    /**
     * @param lock         the session lock, held by every caller of {@link #emit}
     * @param maxEchoChars the longest event that echoes client input ({@link #requireFits})
     */
    ServerEvents(ReentrantLock lock, long maxEchoChars) {
        this.lock = lock;
        this.maxEchoChars = maxEchoChars;
    }

    /**
     * Refuses what a client sent when the event echoing it would be longer than {@link RealtimeConfig#maxEventChars()}:
     * the transport closes a client that leaves more than its outbound bound unread, and one such message alone would
     * do it. Call before the state changes, so the refusal leaves the session as it was. Any thread.
     *
     * @param echo  the event (or the part of it) that would carry the client's input back
     * @param param the field of the client's event at fault
     * @throws RealtimeError {@code invalid_value} naming {@code param}
     */
    void requireFits(ObjectNode echo, String param) {
        int chars = echo.toString().length();
        if (chars > maxEchoChars) {
            throw RealtimeError.invalid("invalid_value", param + " is too large: echoed back it would be " + chars
                    + " characters, more than the " + maxEchoChars + " one server event may carry", param);
        }
    }

    /** A fresh id: {@code prefix}, an underscore and 20 random hex digits. Any thread. */
    static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** An empty JSON object, for the bodies of events. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** From now on events go to {@code out}. Under the lock. */
    void attach(SessionSink out) {
        assert lock.isHeldByCurrentThread();
        sink = out;
    }

    /** From now on events are dropped (the session closed). Under the lock. */
    void detach() {
        assert lock.isHeldByCurrentThread();
        sink = null;
    }

    /** Closes the connection after the events already sent; does nothing when detached. Under the lock. */
    void closeConnection(int code, String reason) {
        assert lock.isHeldByCurrentThread();
        if (sink != null) sink.close(code, reason);
    }

    /** A new event of {@code type} with its {@code event_id}, not yet sent. */
    ObjectNode event(String type) {
        ObjectNode e = object();
        e.put("event_id", "event_" + idSeed + Long.toString(seq.incrementAndGet(), 36));
        e.put("type", type);
        return e;
    }

    /** A new event about content part 0 of {@code itemId}, output {@code outputIndex} of response {@code responseId}. */
    ObjectNode contentEvent(String type, String responseId, String itemId, int outputIndex) {
        ObjectNode e = event(type);
        e.put("response_id", responseId).put("item_id", itemId).put("output_index", outputIndex).put("content_index", 0);
        return e;
    }

    /** Sends {@code event}. Under the lock. */
    void emit(ObjectNode event) {
        assert lock.isHeldByCurrentThread();
        if (sink == null) return;
        // false: the connection is closing (the transport closes this session when the client does not read)
        sink.send(event.toString());
    }

    /** {@code error} for {@code err}, naming the client event {@code eventId} (null: none). Under the lock. */
    void error(RealtimeError err, String eventId) {
        ObjectNode e = event("error");
        ObjectNode o = e.putObject("error");
        String message = err.getMessage();
        if (message.length() > MAX_ERROR_MESSAGE_CHARS) message = message.substring(0, MAX_ERROR_MESSAGE_CHARS) + "…";
        o.put("type", err.type()).put("code", err.code()).put("message", message).put("param", err.param())
                .put("event_id", eventId);
        emit(e);
    }

    /** {@code conversation.item.added} for {@code item}, now after {@code prev}. Under the lock. */
    void itemAdded(String prev, Item item) {
        itemAdded(prev, item.toJson());
    }

    /** {@code conversation.item.added} showing the item as {@code json}. Under the lock. */
    void itemAdded(String prev, ObjectNode json) {
        ObjectNode e = event("conversation.item.added");
        e.put("previous_item_id", prev);
        e.set("item", json);
        emit(e);
    }

    /** {@code response.output_item.done} for {@code item} at {@code index} of the response's output. Under the lock. */
    void outputItemDone(String responseId, int index, Item item) {
        ObjectNode done = event("response.output_item.done");
        done.put("response_id", responseId).put("output_index", index);
        done.set("item", item.toJson());
        emit(done);
    }
}
