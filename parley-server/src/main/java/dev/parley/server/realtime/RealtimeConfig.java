package dev.parley.server.realtime;

import dev.parley.server.net.OutboundHttp;
import dev.parley.server.net.OutboundPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Server-side settings of realtime sessions (not the client's {@code session} object).
 *
 * @param model the model name reported in {@code session.model} (the requested one, spec §2.1)
 * @param defaultVoice voice at connect; {@code eve} (CONFLICT #3)
 * @param serverVadAtConnect turn detection at connect: false reports {@code {"type": null}} (manual, CONFLICT #2,
 *     the default), true starts with {@code server_vad}
 * @param textDeltaEvent text-modality delta event name: {@code response.output_text.delta} (default, CONFLICT #4)
 *     or {@code response.text.delta}; the matching {@code .done} name is used
 * @param voiceExists which voice ids {@code session.update} accepts (case-insensitive; ids are lowercased)
 * @param maxAppendBytes largest decoded audio in one {@code input_audio_buffer.append} (default 15 MiB)
 * @param maxBufferedSeconds most uncommitted input audio kept; an append beyond it is refused with an error
 * @param maxOutputTokens default token limit per response
 * @param temperature sampling temperature, or null for the model's default
 * @param inactivity a session with no client frame for this long, while no response is in progress, ends with an
 *     {@code error} of type {@code timeout} (spec §4.8 J)
 * @param maxDuration a session ends with {@code max_duration} this long after it started
 * @param maxItemTextChars the most text of one conversation item (its text parts and transcripts, a function call's
 *     {@code arguments} or {@code output}, a {@code force_message}), and the longest {@code instructions}; more is
 *     refused with {@code invalid_value} naming the field ({@code realtime.max_item_text_chars})
 * @param maxEventChars the longest server event that echoes what a client sent ({@code session.updated},
 *     {@code conversation.item.added} of a client's item): a {@code session.update} or item whose echo would be longer
 *     is refused with {@code invalid_value}, so echoing client input never produces a message the connection's outbound
 *     bound cannot carry (the feature sets half of {@code websocket.max_outbound_bytes})
 * @param outbound the client that reaches {@code mcp} tools' servers, under the server's outbound policy
 */
public record RealtimeConfig(String model, String defaultVoice, boolean serverVadAtConnect, String textDeltaEvent,
        Predicate<String> voiceExists, int maxAppendBytes, int maxBufferedSeconds, int maxOutputTokens,
        Double temperature, Duration inactivity, Duration maxDuration, int maxItemTextChars, long maxEventChars,
        OutboundHttp outbound) {
    public static final String OUTPUT_TEXT_DELTA = "response.output_text.delta";
    public static final String TEXT_DELTA = "response.text.delta";

    public RealtimeConfig {
        Objects.requireNonNull(model, "model");
        defaultVoice = defaultVoice.toLowerCase(Locale.ROOT);
        if (!textDeltaEvent.equals(OUTPUT_TEXT_DELTA) && !textDeltaEvent.equals(TEXT_DELTA)) {
            throw new IllegalArgumentException("textDeltaEvent must be " + OUTPUT_TEXT_DELTA + " or " + TEXT_DELTA);
        }
        Objects.requireNonNull(voiceExists, "voiceExists");
        if (maxAppendBytes < 1) throw new IllegalArgumentException("maxAppendBytes must be > 0");
        if (maxBufferedSeconds < 1) throw new IllegalArgumentException("maxBufferedSeconds must be > 0");
        if (!inactivity.isPositive() || !maxDuration.isPositive())
            throw new IllegalArgumentException("realtime limits must be positive");
        Objects.requireNonNull(outbound, "outbound");
        if (maxItemTextChars < 1 || maxEventChars < 1) throw new IllegalArgumentException("text limits must be positive");
    }

    /** {@link #maxItemTextChars()} by default: as {@code tts.max_text_chars} (spec §11: 15,000). */
    public static final int DEFAULT_MAX_ITEM_TEXT_CHARS = 15_000;

    /**
     * Defaults: model {@code grok-voice-latest}, voice eve, manual turns, GA text event, 15 MiB appends, 120 s buffer,
     * 10 minutes of inactivity, 120 minutes in all, 15,000 characters of text per item, echoes of at most 4 MiB (half
     * the default outbound bound), MCP servers reached under the strict outbound policy (public addresses only; one
     * process-wide client, started on first use).
     */
    public static RealtimeConfig defaults() {
        return new RealtimeConfig("grok-voice-latest", "eve", false, OUTPUT_TEXT_DELTA, v -> true, 15 * 1024 * 1024,
                120, 512, null, Duration.ofMinutes(10), Duration.ofMinutes(120), DEFAULT_MAX_ITEM_TEXT_CHARS, 4L << 20,
                StrictOutbound.CLIENT);
    }

    /** The strict client of {@link #defaults()}, made when first needed. */
    private static final class StrictOutbound {
        static final OutboundHttp CLIENT = OutboundHttp.create(OutboundPolicy.strict());
    }

    /** A copy whose MCP servers are reached through {@code client} (the server's: its {@code outbound} policy). */
    public RealtimeConfig withOutbound(OutboundHttp client) {
        return new RealtimeConfig(model, defaultVoice, serverVadAtConnect, textDeltaEvent, voiceExists, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                client);
    }

    /** A copy with other text limits ({@link #maxItemTextChars()}, {@link #maxEventChars()}). */
    public RealtimeConfig withTextLimits(int itemTextChars, long eventChars) {
        return new RealtimeConfig(model, defaultVoice, serverVadAtConnect, textDeltaEvent, voiceExists, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, itemTextChars, eventChars,
                outbound);
    }

    public RealtimeConfig withLimits(Duration inactivity, Duration maxDuration) {
        return new RealtimeConfig(model, defaultVoice, serverVadAtConnect, textDeltaEvent, voiceExists, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                outbound);
    }

    public RealtimeConfig withModel(String m) {
        return new RealtimeConfig(m, defaultVoice, serverVadAtConnect, textDeltaEvent, voiceExists, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                outbound);
    }

    public RealtimeConfig withServerVadAtConnect(boolean on) {
        return new RealtimeConfig(model, defaultVoice, on, textDeltaEvent, voiceExists, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                outbound);
    }

    public RealtimeConfig withTextDeltaEvent(String name) {
        return new RealtimeConfig(model, defaultVoice, serverVadAtConnect, name, voiceExists, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                outbound);
    }

    public RealtimeConfig withVoiceExists(Predicate<String> p) {
        return new RealtimeConfig(model, defaultVoice, serverVadAtConnect, textDeltaEvent, p, maxAppendBytes,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                outbound);
    }

    public RealtimeConfig withMaxAppendBytes(int n) {
        return new RealtimeConfig(model, defaultVoice, serverVadAtConnect, textDeltaEvent, voiceExists, n,
                maxBufferedSeconds, maxOutputTokens, temperature, inactivity, maxDuration, maxItemTextChars, maxEventChars,
                outbound);
    }
}
