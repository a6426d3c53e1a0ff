package dev.parley.server.voices;

import dev.parley.server.Feature;
import dev.parley.server.ServerContext;
import dev.parley.server.http.ApiException;
import java.util.Map;

/**
 * {@code GET /v1/tts/voices} → {@code {"voices":[Voice,...]}} and {@code GET /v1/tts/voices/{voice_id}} → Voice
 * (case-insensitive id; unknown → 404 with the error body). Spec §7.
 */
public final class VoicesFeature implements Feature {
    @Override
    public void install(ServerContext context) {
        VoiceCatalog catalog = context.voices();
        context.router()
                .get("/v1/tts/voices", ex -> ex.json(200, Map.of("voices", catalog.voices())))
                .get("/v1/tts/voices/{voice_id}", ex -> {
                    String id = ex.pathParam("voice_id");
                    VoiceCatalog.Entry e = catalog.find(id).orElseThrow(
                            () -> ApiException.notFound("Voice '" + id + "' not found"));
                    ex.json(200, e.voice());
                });
    }
}
