package dev.parley.server.http;

import dev.parley.engines.runtime.TestRuntime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.testing.TestServers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS termination with a self-signed certificate that the test client trusts. */
class TlsTest {
    @TempDir
    Path dir;

    private Path[] selfSigned() throws Exception {
        Path cert = dir.resolve("cert.pem"), key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return new Path[] {cert, key};
    }

    private static HttpClient trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("parley", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).build();
    }

    @Test
    void serverWithCertAndKeyServesHttpsThatAClientTrustingTheCertificateReaches() throws Exception {
        Path[] pem = selfSigned();
        var cfg = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0", "tls.cert", pem[0].toString(),
                        "tls.key", pem[1].toString()));
        try (ParleyServer server = ParleyServer.builder(cfg).engines(TestRuntime.get()).start()) {
            assertThat(server.uri().getScheme()).isEqualTo("https");
            HttpResponse<String> r = trusting(pem[0]).send(HttpRequest.newBuilder(server.uri().resolve("/v1/tts/voices"))
                    .header("Authorization", "Bearer " + TestServers.KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"voice_id\":\"eve\"");
        }
    }

    @Test
    void withTlsPortSetPlainHttpAndHttpsAreServedSideBySide() throws Exception {
        Path[] pem = selfSigned();
        var cfg = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY, "PARLEY_TLS_PORT", "0"),
                Map.of("server.host", "127.0.0.1", "server.port", "0", "tls.cert", pem[0].toString(),
                        "tls.key", pem[1].toString()));
        try (ParleyServer server = ParleyServer.builder(cfg).engines(TestRuntime.get()).start()) {
            assertThat(server.uri().getScheme()).isEqualTo("http");
            assertThat(server.tlsUri().getScheme()).isEqualTo("https");
            assertThat(server.tlsUri().getPort()).isNotEqualTo(server.port());
            for (URI base : new URI[] {server.uri(), server.tlsUri()}) {
                HttpResponse<String> r = trusting(pem[0]).send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(base.toString()).isEqualTo(200);
            }
        }
    }

    @Test
    void tlsPortWithoutACertificateIsAConfigurationError() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY),
                Map.of("tls.port", "8443"))).hasMessageContaining("tls.port: needs tls.cert and tls.key");
    }

    @Test
    void clientThatDoesNotTrustTheSelfSignedCertificateIsRefusedAtTheHandshake() throws Exception {
        Path[] pem = selfSigned();
        var cfg = ConfigLoader.load(null, Map.of("PARLEY_API_KEYS", TestServers.KEY),
                Map.of("server.host", "127.0.0.1", "server.port", "0", "tls.cert", pem[0].toString(),
                        "tls.key", pem[1].toString()));
        try (ParleyServer server = ParleyServer.builder(cfg).engines(TestRuntime.get()).start()) {
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void keyThatIsNotPkcs8PemIsRejectedWithAMessageNamingTheFileAndTheFix() throws Exception {
        Path[] pem = selfSigned();
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "not a key");
        assertThatThrownBy(() -> PemKeyStore.load(pem[0], bad, "x".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.pem").hasMessageContaining("openssl pkcs8");
    }
}
