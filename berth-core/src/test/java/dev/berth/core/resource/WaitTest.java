package dev.berth.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.engine.StandaloneContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitTest {
  private final VirtualClock clock = new VirtualClock();
  private final StandaloneContext ctx = new StandaloneContext("web", "vpc", clock, e -> null);
  private static final Backoff POLL =
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0);

  private static Wait.Read<String> reads(String... states) {
    Deque<String> q = new ArrayDeque<>(List.of(states));
    return () -> {
      String s = q.size() > 1 ? q.poll() : q.peek();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    };
  }

  @Test
  void inState_waitsThroughNotVisibleAndPendingStates_andReturnsTheReadValue() throws Exception {
    var start = clock.instant();
    String v =
        Wait.until(
                ctx,
                "vpc-1 to be available",
                Duration.ofMinutes(1),
                POLL,
                reads("", "pending", "available"))
            .notVisible("vpc-1 not visible yet")
            .inState(s -> s.equals("available"), s -> "vpc-1 is " + s);

    assertEquals("available", v);
    assertEquals(List.of("vpc-1 not visible yet", "vpc-1 is pending"), ctx.progressMessages());
    assertEquals(Duration.ofSeconds(2), Duration.between(start, clock.instant()));
  }

  @Test
  void gone_endsOnceTheReadIsEmpty() throws Exception {
    Wait.until(ctx, "lb to be deleted", Duration.ofMinutes(1), POLL, reads("active", "active", ""))
        .gone(s -> "deleting");
    assertEquals(List.of("deleting"), ctx.progressMessages());
  }

  @Test
  void failIf_endsTheWaitAtOnce_withTheMessageAndHint() {
    BerthException e =
        assertThrows(
            BerthException.class,
            () ->
                Wait.until(ctx, "lb to become active", Duration.ofMinutes(1), POLL, reads("failed"))
                    .failIf(s -> s.equals("failed"), s -> "lb failed: no subnets", "Fix it.")
                    .inState(s -> s.equals("active"), s -> s));
    assertTrue(e.getMessage().contains("lb failed: no subnets"), e.getMessage());
    assertEquals("Fix it.", e.hint());
  }

  @Test
  void onTimeout_keepsTheMessage_andGivesItsHint() {
    WaitTimeoutException e =
        assertThrows(
            WaitTimeoutException.class,
            () ->
                Wait.until(
                        ctx,
                        "lb to become active",
                        Duration.ofSeconds(5),
                        POLL,
                        reads("provisioning"))
                    .onTimeout(() -> "Attach an internet gateway.")
                    .inState(s -> s.equals("active"), s -> s));
    assertTrue(e.getMessage().startsWith("Timed out after 5 s waiting for lb to become active"));
    assertEquals("Attach an internet gateway.", e.hint());
  }
}
