/** {@link dev.parley.bench.ws.TestSocket}: the project's one test WebSocket client, on {@code java.net.http}. */
package dev.parley.bench.ws;
