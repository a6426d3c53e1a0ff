package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ApiException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    static final HttpHeaders HEADERS = HttpHeaders.of(Map.of("x-request-id", List.of("req-1")), (a, b) -> true);

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theXaiFlatBodyGivesCodeAndErrorAndTheRequestId() {
        ApiException e = Errors.of(400, HEADERS, utf8("{\"code\":\"Client specified an invalid argument\",\"error\":\"text is empty\"}"));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("Client specified an invalid argument");
        assertThat(e.error()).isEqualTo("text is empty");
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(e).hasMessage("HTTP 400 (Client specified an invalid argument): text is empty");
    }

    @Test
    void theOpenAiNestedBodyGivesItsMessageAndCode() {
        ApiException e = Errors.of(401, HEADERS, utf8("{\"error\":{\"message\":\"bad key\",\"type\":\"auth\",\"code\":\"invalid_api_key\"}}"));
        assertThat(e.code()).isEqualTo("invalid_api_key");
        assertThat(e.error()).isEqualTo("bad key");
    }

    @Test
    void aBodyThatIsNotJsonBecomesTheMessage() {
        ApiException e = Errors.of(502, HEADERS, utf8("Bad Gateway\n"));
        assertThat(e.code()).isNull();
        assertThat(e.error()).isEqualTo("Bad Gateway");
    }
}
