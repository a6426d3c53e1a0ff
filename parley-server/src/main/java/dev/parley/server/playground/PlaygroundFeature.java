package dev.parley.server.playground;

import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.http.ApiException;
import dev.parley.server.http.Exchange;
import dev.parley.server.playground.internal.Assets;
import dev.parley.server.playground.internal.MintAccess;
import dev.parley.server.secrets.ClientSecrets;
import dev.parley.server.secrets.ClientSecretsJson;
import dev.parley.server.secrets.MintedSecret;
import dev.parley.server.secrets.SessionDefaults;
import dev.parley.server.voices.VoiceCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The browser playground: a page at {@code /} (plain HTML/JS/CSS from the classpath folder {@code playground/},
 * works offline) that talks to the voice agent from the microphone, tries every voice and speech tag in TTS and
 * transcribes an uploaded file.
 *
 * <h2>Routes (none needs an API key)</h2>
 * <ul>
 *   <li>{@code GET /} — the page; {@code GET /playground/{file}} — its scripts and styles.</li>
 *   <li>{@code POST /playground/session} — mints an ephemeral client secret ({@code {"value","expires_at"}}, as
 *       {@code POST /v1/realtime/client_secrets}, lifetime {@link #SECRET_TTL_SECONDS}) with the server's first API
 *       key, so the browser never holds the key. The page opens {@code /v1/realtime}, {@code /v1/tts} and
 *       {@code /v1/stt} as WebSockets with the subprotocol {@code xai-client-secret.<value>}: the only places a
 *       secret is accepted. Who may mint: {@link MintAccess} (loopback callers unless
 *       {@code playground.allow_remote}); others get 403.</li>
 *   <li>{@code GET /playground/voices} — the built-in voices, as {@code GET /v1/tts/voices} (which a secret cannot
 *       call: secrets are refused on REST routes).</li>
 * </ul>
 * With {@code playground.enabled: false} nothing is registered ({@code /} answers 404).
 */
public final class PlaygroundFeature implements Feature {
    /** Lifetime of a playground secret: long enough to open a connection; an open session outlives it. */
    public static final int SECRET_TTL_SECONDS = 120;
    /** The page. */
    public static final String PAGE_ROUTE = "/";
    /** The mint route. */
    public static final String SESSION_ROUTE = "/playground/session";
    /** The voice list route. */
    public static final String VOICES_ROUTE = "/playground/voices";
    /** Static files. */
    public static final String ASSET_ROUTE = "/playground/{file}";

    /** Same-origin only; WebSockets to this server; audio from blobs the page builds. */
    static final String CSP = "default-src 'self'; connect-src 'self'; media-src 'self' blob:; img-src 'self' data:;"
            + " style-src 'self'; script-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'none'";

    private final ParleyConfig.Playground cfg;
    private final Clock clock;

    /** @param config the {@code playground} section */
    public PlaygroundFeature(ParleyConfig.Playground config) {
        this(config, Clock.systemUTC());
    }

    /**
     * @param config the {@code playground} section
     * @param clock  clock of secret minting (tests)
     */
    public PlaygroundFeature(ParleyConfig.Playground config, Clock clock) {
        this.cfg = config;
        this.clock = clock;
    }

    @Override
    public void install(ServerContext ctx) {
        if (cfg == null || !cfg.enabled()) return;
        boolean allowRemote = cfg.allowRemote();
        List<String> keys = ctx.config().auth().apiKeys();
        String apiKey = keys.isEmpty() ? null : keys.getFirst();
        // Same signing key as the realtime feature: its verifier accepts what is minted here.
        ClientSecrets secrets = new ClientSecrets(ctx.secretSigningKey(), clock, ClientSecrets.DEFAULT_MAX_REVOCATIONS);
        Assets assets = new Assets(PlaygroundFeature.class.getClassLoader(), "playground");
        VoiceCatalog catalog = ctx.voices();

        ctx.router()
                .get(PAGE_ROUTE, ex -> serve(ex, assets, "index.html"))
                .get(ASSET_ROUTE, ex -> serve(ex, assets, ex.pathParam("file")))
                .get(VOICES_ROUTE, ex -> {
                    noStore(ex);
                    ex.json(200, Map.of("voices", catalog.voices()));
                })
                .post(SESSION_ROUTE, ex -> {
                    String refusal = MintAccess.refusal(caller(ex.request()), allowRemote);
                    if (refusal != null) throw new ApiException(403, refusal);
                    if (apiKey == null) throw ApiException.unavailable("No API key is configured to mint with");
                    MintedSecret minted = secrets.mint(apiKey, SECRET_TTL_SECONDS, SessionDefaults.NONE);
                    noStore(ex);
                    ex.send(200, "application/json",
                            ClientSecretsJson.responseBody(minted).getBytes(StandardCharsets.UTF_8));
                });
    }

    private static void serve(Exchange ex, Assets assets, String name) throws IOException {
        Assets.Asset a = assets.find(name).orElseThrow(() -> ApiException.notFound("No playground file " + name));
        ex.header("Cache-Control", "no-cache");
        ex.header("X-Content-Type-Options", "nosniff");
        ex.header("Referrer-Policy", "no-referrer");
        if (name.endsWith(".html")) ex.header("Content-Security-Policy", CSP);
        ex.send(200, a.contentType(), a.bytes());
    }

    private static void noStore(Exchange ex) {
        ex.header("Cache-Control", "no-store");
    }

    static MintAccess.Caller caller(Request request) {
        SocketAddress sa = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress remote = sa instanceof InetSocketAddress isa ? isa.getAddress() : null;
        boolean forwarded = false;
        for (String h : MintAccess.FORWARDING_HEADERS) forwarded |= request.getHeaders().contains(h);
        return new MintAccess.Caller(remote, request.getHeaders().get(HttpHeader.HOST),
                request.getHeaders().get(HttpHeader.ORIGIN), forwarded);
    }
}
