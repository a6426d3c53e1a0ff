package dev.parley.server;

import dev.parley.engines.runtime.EngineRuntime;
import dev.parley.server.auth.Credentials;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.Router;
import dev.parley.server.net.OutboundHttp;
import dev.parley.server.ops.Readiness;
import dev.parley.server.voices.VoiceCatalog;
import dev.parley.server.ws.WsSessions;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a {@link Feature} gets at install time.
 *
 * @param config           the validated configuration (a feature's own section also comes through its constructor)
 * @param engines          the engine runtime of the process: every engine, loaded once, shared by every feature
 * @param voices           the configured voices and how each sounds on every engine
 * @param router           where to register HTTP routes and WebSocket endpoints
 * @param meters           the metrics registry ({@code /metrics})
 * @param readiness        where to register readiness checks ({@code /ready})
 * @param credentials      the verifier chain; add one for new kinds of credentials (ephemeral client secrets)
 * @param webSockets       the registry of open WebSocket sessions
 * @param secretSigningKey key for signing ephemeral client secrets (from config, else random per process);
 *                         do not modify
 * @param outbound         the HTTP client of every server-side request (STT {@code url}, MCP servers), bound to the
 *                         {@code outbound} policy; shared by every feature, closed by the server
 */
public record ServerContext(ParleyConfig config, EngineRuntime engines, VoiceCatalog voices, Router router,
        MeterRegistry meters, Readiness readiness, Credentials credentials, WsSessions webSockets,
        byte[] secretSigningKey, OutboundHttp outbound) {}
