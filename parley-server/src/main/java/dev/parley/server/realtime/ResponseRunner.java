package dev.parley.server.realtime;

import static dev.parley.server.realtime.SessionContext.LOG;

import dev.parley.engines.EngineBusyException;
import dev.parley.engines.llm.ChatEvent;
import dev.parley.engines.llm.ChatHandle;
import dev.parley.engines.llm.ChatMessage;
import dev.parley.engines.llm.ChatRequest;
import dev.parley.engines.llm.FinishReason;
import dev.parley.engines.llm.ToolSpec;
import dev.parley.engines.llm.Usage;
import dev.parley.server.realtime.internal.Item;
import dev.parley.server.realtime.internal.RealtimeError;
import dev.parley.server.realtime.internal.SessionSettings;
import dev.parley.server.realtime.mcp.McpException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * The responses of one session (spec §4.5): creates them on the reading thread, runs each on the session's worker
 * from the model's events to {@code response.done}, and cancels them. A model turn's text becomes an assistant message
 * ({@link AnswerOutput}: text deltas, or speech and audio deltas); its tool calls become function call items (the
 * response then ends for the client's round trip) or MCP call items, which the runner calls itself before the model
 * answers again in the same response (at most {@value #MAX_MCP_ROUNDS} turns).
 *
 * <h2>Threading</h2>
 * {@link #create}, {@link #cancel}, {@link #interrupt}, {@link #inProgress}, {@link #responding} and
 * {@link #detach} run under the session lock (the reading thread, or {@code close} from any thread). {@link #run}
 * runs on the worker and takes the lock only to change state and emit; the model's stream, speech synthesis and MCP
 * calls run outside it. At most one response is active; a response created while the cancelled active one still
 * finishes is announced ({@code response.created}) right after that one's {@code response.done}.
 */
final class ResponseRunner {
    /** The most model turns one response runs for server-side (MCP) tool calls before it ends. */
    static final int MAX_MCP_ROUNDS = 8;

    private final SessionContext ctx;
    private final McpServers mcp;
    private final AnswerOutput answer;
    private Response active; // guarded by lock
    /** A response created while the cancelled {@link #active} one still finishes: announced after its response.done. */
    private Response announceAfterActive; // guarded by lock

    ResponseRunner(SessionContext ctx, McpServers mcp) {
        this.ctx = ctx;
        this.mcp = mcp;
        this.answer = new AnswerOutput(ctx);
    }

    // ------------------------------------------------------------------------------------------------ under the lock

    /**
     * Creates a response and queues it for the worker: {@code response.created} now, or after the {@code
     * response.done} of the cancelled response still finishing.
     *
     * @param request the client's {@code response.create}, or null for the session's defaults
     * @param fixedText the answer to speak verbatim ({@code force_message}), or null to ask the model
     * @param eventId the client event asking for it, named by an {@code error} the response may end with; null for
     *     a response of the server's turn detection
     * @throws RealtimeError {@code conversation_already_has_active_response} while a response runs (checked first),
     *     {@code invalid_value} for bad parameters, {@code server_busy} when the worker's queue is full
     */
    void create(ClientEvent.ResponseCreate request, String fixedText, String eventId) {
        assert ctx.lock.isHeldByCurrentThread();
        Response current = active;
        if (current != null && !current.cancelled) {
            throw RealtimeError.invalid("conversation_already_has_active_response",
                    "Conversation already has an active response in progress: " + current.id
                            + ". Wait until the response is finished before creating a new one.", null);
        }
        ClientEvent.ResponseCreate.Params params = request == null ? ClientEvent.ResponseCreate.DEFAULTS
                : request.params(ctx.settings, ctx.limits);
        Response r = new Response(ctx.settings, params, fixedText, eventId);
        ctx.submit(() -> run(r));
        active = r;
        if (current != null) {
            // a cancelled response is still finishing on the worker: keep response.done before the next response.created
            announceAfterActive = r;
            return;
        }
        announceCreated(r);
    }

    /**
     * The client's {@code response.cancel}.
     *
     * @param responseId the response to cancel, or null for the active one
     * @throws RealtimeError {@code response_cancel_not_active} when no such response is running
     */
    void cancel(String responseId) {
        assert ctx.lock.isHeldByCurrentThread();
        Response r = active;
        if (r == null || r.cancelled || (responseId != null && !responseId.equals(r.id))) {
            throw RealtimeError.invalid("response_cancel_not_active", "Cancellation failed: no active response found", null);
        }
        r.cancel("client_cancelled");
    }

    /** Barge-in: cancels the running response for {@code turn_detected}, if there is one. */
    void interrupt() {
        assert ctx.lock.isHeldByCurrentThread();
        Response r = active;
        if (r != null && !r.cancelled) {
            r.cancel("turn_detected"); // no audio of r leaves after speech_started
        }
    }

    /** Whether a response runs that is not cancelled (a new one would be refused). */
    boolean inProgress() {
        assert ctx.lock.isHeldByCurrentThread();
        Response r = active;
        return r != null && !r.cancelled;
    }

    /** Whether a response is active, also one cancelled and still finishing. */
    boolean responding() {
        assert ctx.lock.isHeldByCurrentThread();
        return active != null;
    }

    /** Forgets the active response and returns it (the session closes); cancel it outside the lock. */
    Response detach() {
        assert ctx.lock.isHeldByCurrentThread();
        Response r = active;
        active = null;
        return r;
    }

    private void announceCreated(Response r) {
        ObjectNode e = ctx.events.event("response.created");
        e.set("response", r.toJson("in_progress", null));
        ctx.events.emit(e);
    }

    // ------------------------------------------------------------------------------------------------ the worker

    /** Worker: runs one response from LLM tokens to audio deltas and {@code response.done}. */
    private void run(Response r) {
        Usage usage = Usage.NONE;
        FinishReason reason = FinishReason.STOP;
        String failure = null;
        try {
            if (r.fixedText != null) {
                r.events.add(new ChatEvent.TextDelta(r.fixedText));
                r.events.add(new ChatEvent.Done(FinishReason.STOP, Usage.NONE));
            } else if (!r.cancelled) {
                startGeneration(r, false);
            }
            int rounds = 0;
            long inTokens = 0, outTokens = 0;
            while (true) {
                loop:
                while (true) {
                    if (r.cancelled) break;
                    ChatEvent ev = r.events.poll(1, TimeUnit.SECONDS);
                    if (ev == null) continue;
                    if (r.cancelled) break;
                    switch (ev) {
                        case ChatEvent.TextDelta t -> answer.text(r, t.text());
                        case ChatEvent.ToolCallDelta d -> onToolCallDelta(r, d);
                        case ChatEvent.ToolCallDone d -> onToolCallDone(r, d);
                        case ChatEvent.Done d -> {
                            inTokens += d.usage().inputTokens();
                            outTokens += d.usage().outputTokens();
                            usage = new Usage((int) inTokens, (int) outTokens);
                            reason = d.reason();
                            break loop;
                        }
                        case ChatEvent.Failed f -> {
                            failure = f.error().getMessage();
                            LOG.warn("realtime {} response {} failed: {}", ctx.id, r.id, failure);
                            break loop;
                        }
                    }
                }
                // server-side tools (flow F): run the MCP calls, then let the model answer in the same response
                if (r.cancelled || failure != null || r.pendingMcp.isEmpty()) break;
                runMcpCalls(r);
                if (r.cancelled || r.clientCalls || ++rounds >= MAX_MCP_ROUNDS) break;
                startGeneration(r, true);
            }
            if (!r.cancelled && failure == null && r.message != null && r.audio()) {
                answer.finish(r);
            }
        } catch (InterruptedException e) {
            r.cancel("client_disconnected");
        } catch (EngineBusyException e) { // the voice's engine speaks its limit of utterances: the answer cannot be spoken
            failure = e.getMessage();
            busy(r, e);
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            if (r.cancelled) LOG.debug("realtime {} response {} stopped after cancel: {}", ctx.id, r.id, e.toString());
            else LOG.warn("realtime {} response {} failed", ctx.id, r.id, e);
        }
        finish(r, reason, usage, failure);
        if (r.speech != null) r.speech.close(); // waits for a chunk still being synthesised
    }

    /**
     * Worker: {@code r} cannot be spoken because its voice's engine already speaks its limit of utterances
     * ({@code tts.kokoro_max_sessions}): an {@code error} of code {@code server_busy} naming the event that asked for
     * the response, as the session's other busy refusals; the response then ends {@code failed}.
     */
    private void busy(Response r, EngineBusyException e) {
        LOG.debug("realtime {} response {} refused: {}", ctx.id, r.id, e.getMessage());
        ctx.lock.lock();
        try {
            if (!r.cancelled && !ctx.closed) {
                ctx.events.error(new RealtimeError("server_error", "server_busy", e.getMessage(), null), r.eventId);
            }
        } finally {
            ctx.lock.unlock();
        }
    }

    /**
     * Starts one model turn of {@code r} (outside the lock): the conversation so far with the session's function tools
     * and the listed MCP tools. {@code next}: a later turn of the same response, after server-side tool calls.
     */
    private void startGeneration(Response r, boolean next) {
        ChatRequest request;
        ctx.lock.lock();
        try {
            if (next) {
                r.calls.clear();
                r.pendingMcp.clear();
                if (r.message != null && !"in_progress".equals(r.message.status)) r.message = null; // a new message item
            }
            SessionSettings settings = ctx.settings;
            StringBuilder system = new StringBuilder(r.instructions != null ? r.instructions : settings.instructions);
            StringBuilder extra = new StringBuilder();
            List<ChatMessage> messages = ctx.conversation.toMessages(extra);
            if (!extra.isEmpty()) system.append(system.isEmpty() ? "" : "\n").append(extra);
            List<ToolSpec> tools = new ArrayList<>(settings.tools);
            r.mcpRoutes = mcp.offer(tools);
            Double temperature = r.temperature != null ? r.temperature
                    : settings.temperature != null ? settings.temperature : ctx.config.temperature();
            int maxTokens = r.maxOutputTokens != null ? r.maxOutputTokens
                    : settings.maxOutputTokens != null ? settings.maxOutputTokens : ctx.config.maxOutputTokens();
            request = new ChatRequest(system.toString(), messages, tools, temperature, maxTokens, settings.toolChoice);
        } finally {
            ctx.lock.unlock();
        }
        r.handle = ctx.engines.chatModel().stream(request, ev -> {
            if (!r.events.offer(ev)) {
                r.overflowed = true;
                ChatHandle h = r.handle;
                if (h != null) h.cancel();
            }
        });
        if (r.cancelled) r.handle.cancel();
    }

    /** Runs the MCP calls of the model turn one by one (the calls outside the lock), emitting their progress. */
    private void runMcpCalls(Response r) {
        for (Item call : List.copyOf(r.pendingMcp)) {
            McpServers.Server server;
            ctx.lock.lock();
            try {
                if (r.cancelled || ctx.closed) return;
                server = r.mcpRoutes.get(call.name);
                ObjectNode e = ctx.events.event("response.mcp_call.in_progress");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", r.output.indexOf(call));
                ctx.events.emit(e);
            } finally {
                ctx.lock.unlock();
            }
            String output = null;
            String error = null;
            try {
                output = server.call(call.name, call.arguments);
            } catch (McpException e) { // its message names the reason, never the upstream's body
                error = e.getMessage();
                LOG.info("realtime {}: MCP call {} on {} failed: {}", ctx.id, call.name, server.config.label(), error);
            } catch (RuntimeException e) {
                error = "The call of tool " + call.name + " on MCP server '" + server.config.label() + "' failed";
                LOG.warn("realtime {}: MCP call {} on {} failed", ctx.id, call.name, server.config.label(), e);
            }
            ctx.lock.lock();
            try {
                if (r.cancelled || ctx.closed) return; // finish marks the call incomplete
                int index = r.output.indexOf(call);
                call.output = output;
                call.error = error;
                call.status = error == null ? "completed" : "failed";
                ObjectNode e = ctx.events.event(error == null ? "response.mcp_call.completed" : "response.mcp_call.failed");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", index);
                if (error != null) e.putObject("error").put("type", "mcp_tool_error").put("message", error);
                ctx.events.emit(e);
                ctx.events.outputItemDone(r.id, index, call);
            } finally {
                ctx.lock.unlock();
            }
        }
    }

    private void onToolCallDelta(Response r, ChatEvent.ToolCallDelta d) {
        if (!r.calls.containsKey(d.index())) {
            answer.closeBeforeCalls(r);
        }
        ctx.lock.lock();
        try {
            if (r.cancelled) return;
            Item call = r.calls.get(d.index());
            if (call == null) {
                McpServers.Server server = d.name() == null ? null : r.mcpRoutes.get(d.name());
                call = new Item(ServerEvents.newId(server != null ? "mcp" : "item"),
                        server != null ? Item.MCP_CALL : Item.FUNCTION_CALL, null);
                if (server != null) call.serverLabel = server.config.label();
                else r.clientCalls = true;
                call.status = "in_progress";
                call.callId = d.id() != null ? d.id() : ServerEvents.newId("call");
                call.name = d.name() != null ? d.name() : "";
                call.arguments = "";
                r.calls.put(d.index(), call);
                int index = r.output.size();
                r.output.add(call);
                String prev = ctx.conversation.insert(call, null);
                ObjectNode added = ctx.events.event("response.output_item.added");
                added.put("response_id", r.id).put("output_index", index);
                added.set("item", call.toJson());
                ctx.events.emit(added);
                ctx.events.itemAdded(prev, call);
            }
            if (d.argumentsDelta() != null && !d.argumentsDelta().isEmpty()) {
                call.arguments = call.arguments + d.argumentsDelta();
                ObjectNode e = ctx.events.event(Item.MCP_CALL.equals(call.type) ? "response.mcp_call_arguments.delta"
                        : "response.function_call_arguments.delta");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", r.output.indexOf(call))
                        .put("call_id", call.callId).put("delta", d.argumentsDelta());
                ctx.events.emit(e);
            }
        } finally {
            ctx.lock.unlock();
        }
    }

    private void onToolCallDone(Response r, ChatEvent.ToolCallDone d) {
        if (!r.calls.containsKey(d.index())) {
            onToolCallDelta(r, new ChatEvent.ToolCallDelta(d.index(), d.call().id(), d.call().name(), ""));
        }
        ctx.lock.lock();
        try {
            if (r.cancelled) return;
            Item call = r.calls.get(d.index());
            call.arguments = d.call().argumentsJson();
            int index = r.output.indexOf(call);
            if (Item.MCP_CALL.equals(call.type)) { // runs after the model turn ends (runMcpCalls)
                ObjectNode e = ctx.events.event("response.mcp_call_arguments.done");
                e.put("response_id", r.id).put("item_id", call.id).put("output_index", index).put("call_id", call.callId)
                        .put("name", call.name).put("arguments", call.arguments);
                ctx.events.emit(e);
                r.pendingMcp.add(call);
                return;
            }
            call.name = d.call().name();
            call.status = "completed";
            ObjectNode e = ctx.events.event("response.function_call_arguments.done");
            e.put("response_id", r.id).put("item_id", call.id).put("output_index", index).put("call_id", call.callId)
                    .put("name", call.name).put("arguments", call.arguments);
            ctx.events.emit(e);
            ctx.events.outputItemDone(r.id, index, call);
        } finally {
            ctx.lock.unlock();
        }
    }

    /** Worker: the final events of {@code r} ({@code response.done} last), then announces a response waiting for it. */
    private void finish(Response r, FinishReason reason, Usage usage, String failure) {
        ctx.lock.lock();
        try {
            String status;
            ObjectNode details = null;
            if (r.cancelled) {
                status = "cancelled";
                details = ServerEvents.object().put("type", "cancelled").put("reason", r.cancelReason);
            } else if (failure != null) {
                status = "failed";
                details = ServerEvents.object().put("type", "failed");
                details.putObject("error").put("type", "server_error").put("message", failure);
            } else if (reason == FinishReason.LENGTH || r.overflowed) {
                status = "incomplete";
                details = ServerEvents.object().put("type", "incomplete").put("reason", "max_output_tokens");
            } else {
                status = "completed";
            }
            String itemStatus = status.equals("completed") ? "completed" : "incomplete";
            if (!ctx.closed) {
                answer.close(r, itemStatus);
                for (Item call : r.calls.values()) {
                    if ("in_progress".equals(call.status)) {
                        call.status = "incomplete";
                        ctx.events.outputItemDone(r.id, r.output.indexOf(call), call);
                    }
                }
                ObjectNode done = ctx.events.event("response.done");
                ObjectNode resp = r.toJson(status, details);
                ObjectNode u = resp.putObject("usage");
                u.put("input_tokens", usage.inputTokens()).put("output_tokens", usage.outputTokens())
                        .put("total_tokens", usage.totalTokens());
                done.set("response", resp);
                ctx.events.emit(done);
            }
            if (active == r) active = null;
            Response next = announceAfterActive;
            if (next != null) {
                announceAfterActive = null;
                announceCreated(next);
            }
        } finally {
            ctx.lock.unlock();
        }
    }
}
