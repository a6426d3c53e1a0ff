package dev.parley.server.realtime;

import dev.parley.audio.WireEncoder;
import dev.parley.engines.text.ChunkPolicy;
import dev.parley.engines.text.UnspeakableTextException;
import dev.parley.engines.tts.SpeechSynthesizer;
import dev.parley.engines.tts.Utterance;
import dev.parley.server.realtime.internal.Item;
import java.util.Arrays;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * The assistant message of a response (spec §4.5): opened on the model's first words, filled with text deltas (text
 * modality) or with speech (audio modality: the text becomes an {@link Utterance} a sentence or clause at a time, each
 * clause's transcript delta before its audio deltas), closed with its {@code .done} events.
 *
 * <h2>Threading</h2>
 * Called on the session's worker only, for the response it runs. {@link #close} runs under the session lock; the
 * other methods take it themselves to change the message and emit, and synthesise speech outside it. Every delta
 * is emitted under the lock only while its response is not cancelled, so none leaves after a cancel made under the
 * lock (a barge-in's {@code speech_started}, a {@code response.cancel}).
 */
final class AnswerOutput {
    /** Audio deltas carry at most this much audio each. */
    static final int AUDIO_DELTA_MS = 100;

    private final SessionContext ctx;

    AnswerOutput(SessionContext ctx) {
        this.ctx = ctx;
    }

    /** The model wrote {@code text}: a text delta, or more words for speech (spoken once a clause is complete). */
    void text(Response r, String text) {
        ctx.lock.lock();
        try {
            if (r.cancelled) return;
            open(r);
            if (!r.audio()) {
                Item.Part part = r.message.content.getFirst();
                part.text = part.text + text;
                ObjectNode e = ctx.events.contentEvent(ctx.config.textDeltaEvent(), r.id, r.message.id, r.messageIndex);
                e.put("delta", text);
                ctx.events.emit(e);
                return;
            }
        } finally {
            ctx.lock.unlock();
        }
        if (!r.cancelled) speak(r, r.text.push(text));
    }

    /** The model turn ended: speaks the words still waiting for the end of their clause. */
    void finish(Response r) {
        speak(r, r.text.finish());
    }

    /** Spoken preamble first ("all audio deltas first", flow E): finishes the message before a tool call. */
    void closeBeforeCalls(Response r) {
        if (r.message == null || !"in_progress".equals(r.message.status)) return;
        if (r.audio()) {
            speak(r, r.text.finish());
        }
        ctx.lock.lock();
        try {
            if (!r.cancelled) close(r, "completed");
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Ends the message in progress with {@code status}: its {@code .done} events. Under the lock. */
    void close(Response r, String status) {
        assert ctx.lock.isHeldByCurrentThread();
        Item m = r.message;
        if (m == null || !"in_progress".equals(m.status)) return;
        m.status = status;
        Item.Part part = m.content.getFirst();
        if (r.audio()) {
            ctx.events.emit(ctx.events.contentEvent("response.output_audio.done", r.id, m.id, r.messageIndex));
            ObjectNode t = ctx.events.contentEvent("response.output_audio_transcript.done", r.id, m.id, r.messageIndex);
            t.put("transcript", part.transcript);
            ctx.events.emit(t);
        } else {
            String doneName = ctx.config.textDeltaEvent().equals(RealtimeConfig.TEXT_DELTA) ? "response.text.done"
                    : "response.output_text.done";
            ObjectNode t = ctx.events.contentEvent(doneName, r.id, m.id, r.messageIndex);
            t.put("text", part.text);
            ctx.events.emit(t);
        }
        ObjectNode pd = ctx.events.contentEvent("response.content_part.done", r.id, m.id, r.messageIndex);
        pd.set("part", r.audio() ? ServerEvents.object().put("type", "audio").put("transcript", part.transcript)
                : ServerEvents.object().put("type", "text").put("text", part.text));
        ctx.events.emit(pd);
        ctx.events.outputItemDone(r.id, r.messageIndex, m);
    }

    /** Opens the message of the model turn on its first words, once. Under the lock. */
    private void open(Response r) {
        assert ctx.lock.isHeldByCurrentThread();
        if (r.message != null) return;
        Item m = new Item(ServerEvents.newId("item"), Item.MESSAGE, "assistant");
        m.status = "in_progress";
        m.content.add(r.audio() ? new Item.Part("audio", null, "") : new Item.Part("text", "", null));
        r.message = m;
        r.messageIndex = r.output.size();
        r.output.add(m);
        String prev = ctx.conversation.insert(m, null);
        ObjectNode added = ctx.events.event("response.output_item.added");
        added.put("response_id", r.id).put("output_index", r.messageIndex);
        ObjectNode shown = m.toJson();
        shown.putArray("content");
        added.set("item", shown);
        ctx.events.emit(added);
        ctx.events.itemAdded(prev, shown);
        ObjectNode part = ctx.events.contentEvent("response.content_part.added", r.id, m.id, r.messageIndex);
        part.set("part", r.audio() ? ServerEvents.object().put("type", "audio").put("transcript", "")
                : ServerEvents.object().put("type", "text").put("text", ""));
        ctx.events.emit(part);
    }

    /**
     * Speaks a sentence or clause of the answer: it joins the response's utterance, whose chunks are synthesised (outside
     * the lock) and sent as each is ready (inside the lock, unless cancelled): the clause's transcript delta before
     * its first audio, then its audio in deltas of at most {@value #AUDIO_DELTA_MS} ms.
     */
    private void speak(Response r, String released) {
        String clause = released.strip();
        if (clause.isEmpty() || r.cancelled) return;
        if (r.speech == null) {
            // no preferred engine: the voice speaks with its own (voices.<id>.engine), as on /v1/tts
            r.speech = ctx.engines.speech().open(new SpeechSynthesizer.Request(r.voice, "en", r.speed, true, null,
                    null, ChunkPolicy.DEFAULT));
        }
        int segment;
        try {
            segment = r.speech.add(released);
        } catch (UnspeakableTextException e) { // e.g. a clause in a script English voices cannot speak
            segment = -1;
        }
        if (segment < 0) { // nothing to pronounce: the words are in the transcript all the same
            ctx.lock.lock();
            try {
                if (!r.cancelled && !ctx.closed) transcriptDelta(r, clause);
            } finally {
                ctx.lock.unlock();
            }
            return;
        }
        r.segments.put(segment, clause);
        while (r.speech.hasNext() && !r.cancelled) {
            Utterance.Chunk c;
            try (AutoCloseable counted = ctx.engines.meters().synthesis(r.voice)) {
                c = r.speech.next();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            byte[] wire = WireEncoder.encodeAll(c.samples(), c.sampleRate(), r.outFormat);
            ctx.lock.lock();
            try {
                if (r.cancelled || ctx.closed) return;
                Item m = r.message;
                if (c.segment() != r.segment) { // the first audio of a clause: its words first
                    r.segment = c.segment();
                    r.segmentStartMs = m.audioMs;
                    transcriptDelta(r, r.segments.get(c.segment()));
                }
                int bytesPerSample = r.outFormat.codec().bytesPerSample();
                int chunk = r.outFormat.sampleRate() * AUDIO_DELTA_MS / 1000 * bytesPerSample;
                for (int off = 0; off < wire.length; off += chunk) {
                    int n = Math.min(chunk, wire.length - off);
                    ObjectNode a = ctx.events.contentEvent("response.output_audio.delta", r.id, m.id, r.messageIndex);
                    a.put("delta", Base64.getEncoder().encodeToString(Arrays.copyOfRange(wire, off, off + n)));
                    ctx.events.emit(a);
                }
                m.audioMs += wire.length / (double) bytesPerSample * 1000.0 / r.outFormat.sampleRate();
                if (c.segmentEnd()) m.clauses.add(new Item.Clause(r.segments.remove(c.segment()), r.segmentStartMs, m.audioMs));
            } finally {
                ctx.lock.unlock();
            }
        }
    }

    /** {@code response.output_audio_transcript.delta} with {@code clause}, joined to the transcript with a space. */
    private void transcriptDelta(Response r, String clause) {
        assert ctx.lock.isHeldByCurrentThread();
        Item m = r.message;
        Item.Part part = m.content.getFirst();
        String delta = part.transcript.isEmpty() ? clause : " " + clause;
        part.transcript = part.transcript + delta;
        ObjectNode t = ctx.events.contentEvent("response.output_audio_transcript.delta", r.id, m.id, r.messageIndex);
        t.put("delta", delta);
        ctx.events.emit(t);
    }
}
