package dev.parley.server.net;

import java.io.IOException;
import java.util.Objects;

/**
 * A server-side request that was refused or failed. The message is written by this package alone: it names the
 * reason and, for a refused address, its {@link AddressKind}, but never the address a name resolved to, an upstream
 * body or the text of an internal exception, so it may be shown to the client that supplied the URL.
 */
public final class OutboundException extends IOException {
    /** Why the request did not produce a response. */
    public enum Reason {
        /** The URL is not one this server fetches: scheme, host notation, credentials, port. Nothing was resolved. */
        INVALID_URL,
        /** Every address the host stands for is outside what the policy admits ({@link #kind()} says why). */
        REFUSED_ADDRESS,
        /** The host name does not resolve. */
        UNRESOLVED,
        /** No connection could be made, or it broke before the response headers. */
        UNREACHABLE,
        /** No answer within the time limit. */
        TIMEOUT,
        /** A redirect that is not followed: no usable location, a scheme other than http(s), https to http. */
        BAD_REDIRECT,
        /** More redirects than {@link OutboundHttp#MAX_REDIRECTS}. */
        TOO_MANY_REDIRECTS,
        /** The caller was interrupted or the client closed. */
        CANCELLED
    }

    private final Reason reason;
    private final AddressKind kind;
    private final boolean redirected;

    /** @param detail this package's own phrase completing the reason (no upstream or exception text) */
    public OutboundException(Reason reason, String detail) {
        this(reason, null, false, detail);
    }

    private OutboundException(Reason reason, AddressKind kind, boolean redirected, String detail) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.kind = kind;
        this.redirected = redirected;
    }

    /** A refused address: the host (or, with {@code redirected}, a redirect's host) leads to {@code kind}. */
    public static OutboundException refused(AddressKind kind) {
        return new OutboundException(Reason.REFUSED_ADDRESS, kind, false,
                "leads to " + kind.phrase() + ", which this server does not connect to");
    }

    /** This exception as it happened on a hop after a redirect. */
    OutboundException afterRedirect() {
        if (redirected) return this;
        String m = reason == Reason.REFUSED_ADDRESS
                ? "redirects to " + kind.phrase() + ", which this server does not connect to"
                : getMessage() + " (after a redirect)";
        OutboundException e = new OutboundException(reason, kind, true, m);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#REFUSED_ADDRESS}: what kind of address was refused; null otherwise. */
    public AddressKind kind() {
        return kind;
    }

    /** Whether it happened on a hop after a redirect rather than on the URL as given. */
    public boolean redirected() {
        return redirected;
    }
}
