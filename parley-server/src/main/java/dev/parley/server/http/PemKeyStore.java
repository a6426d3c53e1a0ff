package dev.parley.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an in-memory key store from PEM files, so TLS is configured the way every other server takes it
 * (a certificate chain file and an unencrypted PKCS#8 {@code BEGIN PRIVATE KEY} file, as {@code openssl req
 * -newkey} and certbot write them).
 */
public final class PemKeyStore {
    /** Alias of the single key entry. */
    public static final String ALIAS = "parley";
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeyStore() {}

    /**
     * Loads the chain and key.
     *
     * @param password the password the returned store protects the key with
     * @throws IllegalArgumentException with a message naming the file when either cannot be read or parsed
     */
    public static KeyStore load(Path certChain, Path privateKey, char[] password) {
        Certificate[] chain;
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certChain)));
            if (certs.isEmpty()) throw new IllegalArgumentException("tls.cert " + certChain + ": no certificate in it");
            chain = certs.toArray(Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.cert " + certChain + ": " + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            Matcher m = KEY.matcher(Files.readString(privateKey, StandardCharsets.US_ASCII));
            if (!m.find()) {
                throw new IllegalArgumentException("tls.key " + privateKey
                        + ": expected an unencrypted PKCS#8 PEM key ('-----BEGIN PRIVATE KEY-----'); convert with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            String algorithm = chain[0].getPublicKey().getAlgorithm();
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.key " + privateKey + ": " + e.getMessage(), e);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, password, chain);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls: cannot build a key store: " + e.getMessage(), e);
        }
    }
}
