package dev.parley.server.http;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids for the {@code x-request-id} header: a client-sent id is echoed when it is sane (1..128 characters
 * of {@code [A-Za-z0-9._:-]}), otherwise a random UUID is generated.
 */
public final class RequestIds {
    private RequestIds() {}

    /** The response header name. */
    public static final String HEADER = "x-request-id";
    /** The request attribute under which the router stores the id. */
    public static final String ATTRIBUTE = "dev.parley.requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    /** {@code clientId} when sane, else a new random id. */
    public static String echoOrGenerate(String clientId) {
        if (clientId != null && SANE.matcher(clientId).matches()) return clientId;
        return UUID.randomUUID().toString();
    }
}
