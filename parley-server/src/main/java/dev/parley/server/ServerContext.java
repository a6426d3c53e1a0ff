package dev.parley.server;

import dev.parley.server.auth.Credentials;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.Router;
import dev.parley.server.ops.Readiness;
import dev.parley.server.ws.WsSessions;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a {@link Feature} gets at install time.
 *
 * @param config           the validated configuration
 * @param router           where to register HTTP routes and WebSocket endpoints
 * @param meters           the metrics registry ({@code /metrics})
 * @param readiness        where to register readiness checks ({@code /ready})
 * @param credentials      the verifier chain; add one for new kinds of credentials (ephemeral client secrets)
 * @param webSockets       the registry of open WebSocket sessions
 * @param secretSigningKey key for signing ephemeral client secrets (from config, else random per process);
 *                         do not modify
 */
public record ServerContext(ParleyConfig config, Router router, MeterRegistry meters, Readiness readiness,
        Credentials credentials, WsSessions webSockets, byte[] secretSigningKey) {}
