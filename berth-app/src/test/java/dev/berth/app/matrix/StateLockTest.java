package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.state.StateLockedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Two deploys of one stack at once: the second stops before any call, naming the first. */
class StateLockTest {

  /** Holds the first CreateVpc until opened, so the first deploy is caught mid-run. */
  private static final class Gate implements ExecutionInterceptor {
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if ("CreateVpc".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
        reached.countDown();
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Test
  @Timeout(120)
  void deploy_whileAnotherDeployOfTheStackRuns_failsAtOnceNamingTheHolder() throws Exception {
    try (StackHarness h = StackHarness.start(Example.HELLO)) {
      Gate gate = new Gate();
      h.clients(CrashSwitch.never(), gate);
      WebServiceStack first = h.stack();
      CompletableFuture<WebServiceStack.DeployReport> running =
          CompletableFuture.supplyAsync(() -> first.deploy(WebServiceStack.Options.DEFAULT));
      assertTrue(gate.reached.await(60, TimeUnit.SECONDS), "the first deploy never started");
      h.accessKey = "AKIDSECOND";
      h.clients(CrashSwitch.never());
      long t0 = System.nanoTime();
      StateLockedException e = assertThrows(StateLockedException.class, h::deploy);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertEquals(FailureKind.LOCKED, e.kind());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains("berth deploy hello"), e.getMessage());
      assertEquals(
          0,
          h.calls().stream().filter(c -> "AKIDSECOND".equals(c.accessKey())).count(),
          "the locked-out deploy made calls");
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "waited " + took + " for the lock");

      gate.open.countDown();
      assertTrue(running.get(60, TimeUnit.SECONDS).succeeded());
      assertTrue(h.deploy().succeeded(), "the lock was not released");
      h.assertNoSecrets();
    }
  }
}
