package dev.parley.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.bench.ws.TestSocket;
import dev.parley.server.ParleyServer;
import dev.parley.server.testing.EchoEndpoint;
import dev.parley.server.testing.Http;
import dev.parley.server.testing.RawHttp;
import dev.parley.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainTest {
    static TestSocket echo(ParleyServer server) {
        return TestSocket.to(server.uri().resolve("/v1/echo")).bearer(TestServers.KEY).connect();
    }

    @Test
    void drainClosesOpenSessionsWith1012AndRefusesNewUpgradesWith503() throws Exception {
        ParleyServer server = TestServers.start(ctx -> ctx.router().websocket("/v1/echo", hs -> new EchoEndpoint()));
        TestSocket socket = echo(server);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets().total() == 1);

        // the refused upgrade and /ready below must land inside the grace period: 5 s leaves room on a busy machine
        Thread drainer = Thread.ofVirtual().start(() -> server.drain(Duration.ofSeconds(5)));
        await().atMost(Duration.ofSeconds(5)).until(server::isDraining);

        RawHttp.Response refused = RawHttp.upgrade(server.port(), "/v1/echo", "Authorization: Bearer " + TestServers.KEY);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("x-request-id")).isNotBlank();
        assertThat(Http.json(refused.body()).get("code").stringValue()).isEqualTo("The service is currently unavailable");

        HttpResponse<String> ready = new Http(server.uri()).get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(Http.json(ready).get("error").stringValue()).contains("server (draining)");

        assertThat(socket.closed().get(20, TimeUnit.SECONDS)).isEqualTo(1012);
        assertThat(socket.closeReason()).isEqualTo("service restart");
        drainer.join(Duration.ofSeconds(20));
        assertThat(drainer.isAlive()).isFalse();
    }

    @Test
    void sessionsThatEndWithinTheGracePeriodAreNotClosedBySever() throws Exception {
        ParleyServer server = TestServers.start(ctx -> ctx.router().websocket("/v1/echo", hs -> new EchoEndpoint()));
        TestSocket socket = echo(server);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.webSockets().total() == 1);
        Thread drainer = Thread.ofVirtual().start(() -> server.drain(Duration.ofSeconds(10)));
        await().atMost(Duration.ofSeconds(5)).until(server::isDraining);
        socket.close(1000, "done");
        assertThat(socket.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        drainer.join(Duration.ofSeconds(8));
        assertThat(drainer.isAlive()).as("drain returns as soon as the last session ends").isFalse();
    }

    @Test
    void inFlightHttpRequestFinishesDuringShutdownEvenWhenQuietLongerThanTheShutdownIdleTimeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        ParleyServer server = TestServers.start(ctx -> ctx.router().get("/v1/slow", ex -> {
            entered.countDown();
            Thread.sleep(1500);
            ex.json(200, java.util.Map.of("done", true));
        }));
        Http http = new Http(server.uri());
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return http.getWithKey("/v1/slow");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        server.drain(Duration.ofSeconds(3));
        HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"done\":true}");
    }
}
