package dev.parley.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The resolution step of {@link OutboundPolicy}: a DNS name to its addresses. Injectable, so that tests map names to
 * addresses without DNS. Only ever asked for names that {@link Host} accepted, never for literals.
 */
@FunctionalInterface
public interface Resolver {
    /** The system resolver ({@link InetAddress#getAllByName}). */
    Resolver SYSTEM = name -> List.of(InetAddress.getAllByName(name));

    /**
     * Every address {@code name} stands for, in the order to try them.
     *
     * @throws UnknownHostException when it does not resolve
     */
    List<InetAddress> resolve(String name) throws UnknownHostException;
}
