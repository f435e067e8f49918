package dev.berth.cloudflare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.cloudflare.CloudflareClient.Zone;
import dev.berth.core.engine.Waiter;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.resource.Backoff;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloudflareClientTest {
  private final SteppingClock clock = new SteppingClock();
  private final List<String> authHeaders = new ArrayList<>();
  private final List<Instant> attemptTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private HttpServer fake;
  private LocalCloud cloud;

  /** A scripted server: each call takes the next {status, Retry-After or null, body}. */
  private URI fake(Deque<String[]> script) throws IOException {
    fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        ex -> {
          authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
          attemptTimes.add(clock.instant());
          String[] next = script.isEmpty() ? new String[] {"500", null, "{}"} : script.poll();
          if (next[1] != null) {
            ex.getResponseHeaders().set("Retry-After", next[1]);
          }
          byte[] body = next[2].getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(Integer.parseInt(next[0]), body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    fake.start();
    return URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + "/client/v4");
  }

  @AfterEach
  void tearDown() {
    if (fake != null) {
      fake.stop(0);
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  private static final String OK_VERIFY =
      "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"x\",\"status\":\"active\"}}";

  /** The token's status, each failed call retried as the engine retries, on {@link #clock}. */
  private String verifyThroughTheEngine(CloudflareClient c, Duration timeout) throws Exception {
    return new Waiter(clock, new CloudflareErrorClassifier(), new Random(7))
        .await(
            "verifying the token",
            timeout,
            Backoff.RETRY,
            () -> WaitStep.done(c.verifyToken()),
            reason -> {});
  }

  @Test
  void retryAfter_isHonouredOnTheEngineClock() throws Exception {
    Deque<String[]> script = new ArrayDeque<>();
    script.add(
        new String[] {
          "429", "7", "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"slow down\"}]}"
        });
    script.add(new String[] {"200", null, OK_VERIFY});
    CloudflareClient c = new CloudflareClient(fake(script), "t0k3n", clock);
    Instant before = clock.instant();
    assertEquals("active", verifyThroughTheEngine(c, Duration.ofMinutes(5)));
    assertEquals(Duration.ofSeconds(7), Duration.between(before, clock.instant()));
    assertEquals(List.of("Bearer t0k3n", "Bearer t0k3n"), authHeaders);
  }

  @Test
  void retryAfter_isCappedAtOneMinute() throws Exception {
    Deque<String[]> script = new ArrayDeque<>();
    script.add(new String[] {"429", "300", "{}"});
    script.add(new String[] {"200", null, OK_VERIFY});
    CloudflareClient c = new CloudflareClient(fake(script), "t", clock);
    Instant before = clock.instant();
    verifyThroughTheEngine(c, Duration.ofMinutes(5));
    assertEquals(Duration.ofSeconds(60), Duration.between(before, clock.instant()));
  }

  @Test
  void serverErrors_areRetriedWithCappedBackoff_thenTransient() throws Exception {
    CloudflareClient c = new CloudflareClient(fake(new ArrayDeque<>()), "t", clock);
    // One attempt: a transient error, for the engine to retry.
    var e = assertThrows(CloudflareException.class, c::verifyToken);
    assertEquals(500, e.status());
    assertEquals(ErrorKind.TRANSIENT, new CloudflareErrorClassifier().classify(e));
    assertEquals(1, authHeaders.size());
    // Through the engine: retried with its capped, growing backoff on its clock, until the end.
    Instant before = clock.instant();
    assertThrows(
        WaitTimeoutException.class, () -> verifyThroughTheEngine(c, Duration.ofMinutes(5)));
    assertEquals(Duration.ofMinutes(5), Duration.between(before, clock.instant()));
    List<Duration> gaps = new ArrayList<>();
    for (int i = 2; i < attemptTimes.size(); i++) {
      gaps.add(Duration.between(attemptTimes.get(i - 1), attemptTimes.get(i)));
    }
    // the engine's backoff: about 0.5 s first, doubling with jitter on the upper half, capped at 20
    // s
    assertTrue(gaps.get(0).compareTo(Duration.ofSeconds(1)) <= 0, gaps.toString());
    assertTrue(
        gaps.stream().anyMatch(g -> g.compareTo(Duration.ofSeconds(10)) >= 0), gaps.toString());
    assertTrue(
        gaps.stream().allMatch(g -> g.compareTo(Duration.ofSeconds(20)) <= 0), gaps.toString());
  }

  @Test
  void nonJsonErrorBody_stillGivesStatus() throws Exception {
    Deque<String[]> script = new ArrayDeque<>();
    script.add(new String[] {"403", null, "<html>denied</html>"});
    CloudflareClient c = new CloudflareClient(fake(script), "t", clock);
    var e = assertThrows(CloudflareException.class, c::verifyToken);
    assertEquals(403, e.status());
    assertEquals(ErrorKind.FATAL, new CloudflareErrorClassifier().classify(e));
  }

  @Test
  void connectionRefused_isTransientWithoutToken() throws Exception {
    CloudflareClient c =
        new CloudflareClient(URI.create("http://127.0.0.1:9/client/v4"), "sekrit", clock);
    var e = assertThrows(CloudflareException.class, c::verifyToken);
    assertEquals(0, e.status());
    assertEquals(ErrorKind.TRANSIENT, new CloudflareErrorClassifier().classify(e));
    assertTrue(!e.getMessage().contains("sekrit") && !e.hint().contains("sekrit"));
  }

  @Test
  void listRecords_followsPages() throws Exception {
    cloud = LocalCloud.builder().clock(clock).start();
    Res z = cloud.cloudflareZone("example.com", "tok");
    synchronized (cloud.world()) {
      for (int i = 0; i < 230; i++) {
        Res r = new Res("cloudflare", "dns_record", String.format("%032x", i));
        r.name = "t" + i + ".example.com";
        r.attrs.put("zoneId", z.id);
        r.attrs.put("type", "TXT");
        r.attrs.put("content", "v" + i);
        r.attrs.put("ttl", 1);
        r.attrs.put("proxied", false);
        cloud.world().put(r);
      }
    }
    CloudflareClient c = new CloudflareClient(cloud.cloudflareBase(), "tok", clock);
    Zone zone = c.zone("example.com").orElseThrow();
    assertEquals(230, c.listRecords(zone, Map.of()).size());
    long pages =
        cloud.world().calls().stream().filter(x -> x.action().equals("ListDnsRecords")).count();
    assertEquals(3, pages);
    assertEquals(1, c.listRecords(zone, Map.of("name", "t7.example.com")).size());
  }

  @Test
  void zoneCandidates_runFromTheFullNameToTwoLabels() {
    assertEquals(
        List.of("a.b.example.com", "b.example.com", "example.com"),
        CloudflareClient.zoneCandidates("A.b.example.com."));
  }

  @Test
  void fromEnvironment_withoutToken_isAnInputError() {
    var e =
        assertThrows(
            dev.berth.core.failure.BerthException.class,
            () -> CloudflareClient.fromEnvironment(Map.of(), clock));
    assertEquals(FailureKind.BAD_INPUT, e.kind());
  }
}
