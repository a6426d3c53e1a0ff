package dev.parley.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The shared server answers on both listeners with every feature installed. */
class LiveServerTest {
    @Test
    void theSharedServerServesVoicesOverPlainHttpWithTheConformanceKey() throws Exception {
        LiveServer live = LiveServer.get();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(live.http().resolve("/v1/tts/voices"))
                .header("Authorization", "Bearer " + LiveServer.KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"voice_id\":\"leo\"");
        assertThat(live.https().getScheme()).isEqualTo("https");
        assertThat(live.https().getPort()).isNotEqualTo(live.http().getPort());
    }
}
