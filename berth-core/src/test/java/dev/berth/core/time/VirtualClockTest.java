package dev.berth.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.time.BerthClock.Registration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class VirtualClockTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final VirtualClock clock = new VirtualClock(T0);

  /**
   * Starts a registered worker; the hold makes sure time cannot move before it has registered.
   * Starting several at once needs a hold around all of them, as the engine's scheduler does.
   */
  private Thread worker(ThrowingRunnable body) {
    Registration hold = clock.hold();
    Thread t =
        new Thread(
            () -> {
              try (Registration r = clock.register()) {
                hold.close();
                body.run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    return t;
  }

  interface ThrowingRunnable {
    void run() throws InterruptedException;
  }

  @Test
  void sleep_whenUnregisteredAndAlone_advancesAtOnce() throws Exception {
    clock.sleep(Duration.ofMinutes(5));
    assertEquals(T0.plus(Duration.ofMinutes(5)), clock.instant());
  }

  @Test
  void sleep_whenTwoWorkersSleepTogether_bothWakeAtTheSameVirtualTime() throws Exception {
    Map<String, Instant> woke = new ConcurrentHashMap<>();
    Registration starting = clock.hold();
    Thread a = worker(() -> sleepAndRecord("a", Duration.ofSeconds(60), woke));
    Thread b = worker(() -> sleepAndRecord("b", Duration.ofSeconds(60), woke));
    starting.close();
    a.join();
    b.join();

    assertEquals(Map.of("a", T0.plusSeconds(60), "b", T0.plusSeconds(60)), woke);
    assertEquals(T0.plusSeconds(60), clock.instant());
  }

  @Test
  void sleep_whenAnotherWorkerIsBusy_timeStandsStillUntilItFinishes() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    Map<String, Instant> woke = new ConcurrentHashMap<>();
    Thread blocked = worker(busy::await);
    Thread sleeper = worker(() -> sleepAndRecord("s", Duration.ofSeconds(10), woke));

    clock.awaitSleepers(1);
    assertEquals(T0, clock.instant());
    assertTrue(woke.isEmpty());

    busy.countDown();
    blocked.join();
    sleeper.join();
    assertEquals(Map.of("s", T0.plusSeconds(10)), woke);
  }

  @Test
  void sleep_manyWorkersWithRandomSleeps_eachWakesExactlyAtItsOwnSchedule() throws Exception {
    Random random = new Random(42);
    List<Thread> threads = new ArrayList<>();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    long latest = 0;
    Registration starting = clock.hold();
    for (int i = 0; i < 16; i++) {
      List<Integer> sleeps = new ArrayList<>();
      for (int j = 0; j < 20; j++) {
        sleeps.add(1 + random.nextInt(30));
      }
      latest = Math.max(latest, sleeps.stream().mapToLong(Integer::longValue).sum());
      int id = i;
      threads.add(
          worker(
              () -> {
                long expected = 0;
                for (int s : sleeps) {
                  clock.sleep(Duration.ofSeconds(s));
                  expected += s;
                  if (!clock.instant().equals(T0.plusSeconds(expected))) {
                    errors.add(id + " woke at " + clock.instant() + " expected +" + expected);
                  }
                }
              }));
    }
    starting.close();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), errors.subList(0, Math.min(3, errors.size())));
    assertEquals(T0.plusSeconds(latest), clock.instant());
  }

  @Test
  void advance_wakesDueSleepersWhileAHoldKeepsTimeStill() throws Exception {
    Registration hold = clock.hold();
    Map<String, Instant> woke = new ConcurrentHashMap<>();
    Thread t = worker(() -> sleepAndRecord("t", Duration.ofSeconds(30), woke));
    clock.awaitSleepers(1);
    assertEquals(T0, clock.instant());

    clock.advance(Duration.ofSeconds(30));
    t.join();
    hold.close();
    assertEquals(Map.of("t", T0.plusSeconds(30)), woke);
  }

  @Test
  void sleep_whenInterrupted_throwsAndLeavesTheClockConsistent() throws Exception {
    Registration hold = clock.hold();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try (Registration r = clock.register()) {
                clock.sleep(Duration.ofSeconds(10));
              } catch (InterruptedException e) {
                thrown.set(e);
              }
            });
    t.start();
    clock.awaitSleepers(1);
    t.interrupt();
    t.join();
    hold.close();

    assertTrue(thrown.get() instanceof InterruptedException);
    assertEquals(0, clock.sleeping());
    assertEquals(T0, clock.instant());
    clock.sleep(Duration.ofSeconds(1));
    assertEquals(T0.plusSeconds(1), clock.instant());
  }

  @Test
  void register_nestedAndClosedTwice_countsTheThreadOnce() throws Exception {
    Registration outer = clock.register();
    Registration inner = clock.register();
    inner.close();
    inner.close();
    Map<String, Instant> woke = new ConcurrentHashMap<>();
    Thread t = worker(() -> sleepAndRecord("t", Duration.ofSeconds(5), woke));
    clock.awaitSleepers(1);
    assertEquals(T0, clock.instant(), "the outer registration still holds time");
    outer.close();
    t.join();
    assertEquals(Map.of("t", T0.plusSeconds(5)), woke);
  }

  private void sleepAndRecord(String name, Duration d, Map<String, Instant> woke)
      throws InterruptedException {
    clock.sleep(d);
    woke.put(name, clock.instant());
  }
}
