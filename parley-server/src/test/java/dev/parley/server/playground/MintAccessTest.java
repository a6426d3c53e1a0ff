package dev.parley.server.playground;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.playground.internal.MintAccess;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who may mint: pure decisions on what a request says about its caller. */
class MintAccessTest {
    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    static String refusal(String remote, String host, String origin, boolean forwarded, boolean allowRemote)
            throws Exception {
        return MintAccess.refusal(new MintAccess.Caller(remote == null ? null : ip(remote), host, origin, forwarded),
                allowRemote);
    }

    @Test
    void loopbackCallerNamingALoopbackHostMayMint() throws Exception {
        assertThat(refusal("127.0.0.1", "127.0.0.1:8080", null, false, false)).isNull();
        assertThat(refusal("127.0.0.1", "localhost:8080", "http://localhost:8080", false, false)).isNull();
        assertThat(refusal("::1", "[::1]:8080", "http://[::1]:8080", false, false)).isNull();
        assertThat(refusal("127.0.0.1", "127.0.0.2", null, false, false)).isNull();
        assertThat(refusal("127.0.0.1", "localhost.", null, false, false)).isNull();
    }

    @Test
    void remoteCallerIsRefusedUnlessRemoteMintingIsAllowed() throws Exception {
        assertThat(refusal("192.168.1.20", "192.168.1.10:8080", null, false, false))
                .contains("only for clients on this machine");
        assertThat(refusal("192.168.1.20", "192.168.1.10:8080", null, false, true)).isNull();
    }

    @Test
    void unknownPeerAddressIsRefused() throws Exception {
        assertThat(refusal(null, "127.0.0.1:8080", null, false, false)).isNotNull();
    }

    @Test
    void hostNamesThatOnlyLookLocalAreNotLoopback() throws Exception {
        assertThat(refusal("127.0.0.1", "localhost.evil.example", null, false, false)).isNotNull();
        assertThat(refusal("127.0.0.1", "127.0.0.1.nip.io:8080", null, false, false)).isNotNull();
        assertThat(refusal("127.0.0.1", "10.0.0.1:8080", null, false, false)).isNotNull();
        assertThat(refusal("127.0.0.1", null, null, false, false)).isNotNull();
    }

    @Test
    void forwardedRequestIsRefusedEvenFromLoopback() throws Exception {
        assertThat(refusal("127.0.0.1", "127.0.0.1:8080", null, true, false)).contains("proxy");
    }

    @Test
    void originMustBeTheServerItselfEvenWhenRemoteMintingIsAllowed() throws Exception {
        assertThat(refusal("127.0.0.1", "127.0.0.1:8080", "http://127.0.0.1:9999", false, false)).contains("Origin");
        assertThat(refusal("10.0.0.5", "parley.example:443", "https://parley.example", false, true)).isNull();
        assertThat(refusal("10.0.0.5", "parley.example", "http://parley.example", false, true)).isNull();
        assertThat(refusal("10.0.0.5", "parley.example", "https://evil.example", false, true)).contains("Origin");
        assertThat(refusal("127.0.0.1", "127.0.0.1:8080", "null", false, false)).contains("Origin");
        assertThat(refusal("127.0.0.1", "127.0.0.1:8080", "http://127.0.0.1", false, false)).contains("Origin");
    }
}
