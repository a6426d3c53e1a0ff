package dev.parley.server.http;

/**
 * Handles one HTTP request on a route.
 *
 * <p>Threading: called on a virtual thread, one call per request; blocking I/O is fine (reading the body, writing
 * the response), native inference is not (engines run it on the runtime's inference pool). The handler writes its response
 * through the {@link Exchange}; when it returns normally the exchange is completed (an empty 200 when nothing was
 * written). Throw {@link ApiException} for a documented error; any other exception becomes a 500 with the JSON
 * error body and is logged, never sent to the client.
 */
@FunctionalInterface
public interface HttpHandler {
    void handle(Exchange exchange) throws Exception;
}
