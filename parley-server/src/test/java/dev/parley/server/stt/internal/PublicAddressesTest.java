package dev.parley.server.stt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "fe80::1", "fd00::1", "100.64.0.1", "224.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "255.255.255.255"})
    void nonPublicAddressesAreRefusedIncludingCloudMetadataAndMappedForms(String address) throws Exception {
        assertThat(PublicAddresses.kind(InetAddress.getByName(address))).as(address).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "100.128.0.1", "172.32.0.1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(PublicAddresses.kind(InetAddress.getByName(address))).as(address).isNull();
    }

    @org.junit.jupiter.api.Test
    void aRefusalNamesTheAddressAndItsKind() {
        assertThat(PublicAddresses.refusal("127.0.0.1")).isEqualTo("a loopback address (127.0.0.1)");
        assertThat(PublicAddresses.refusal("[::1]")).startsWith("a loopback address");
        assertThat(PublicAddresses.refusal("localhost")).startsWith("a loopback address");
    }
}
