package dev.berth.aws.ecs;

import dev.berth.core.provider.Reader;
import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Reads a log group for {@code berth logs}: every event since a point in time, across all streams
 * in time order, then (when following) new events as they arrive, each exactly once.
 */
public final class LogsReader {
  public record Line(Instant timestamp, String stream, String message) {}

  /** Makes each call once: for callers that retry nothing (tests of the reading itself). */
  private static final Reader ONCE =
      new Reader() {
        @Override
        public <T> T get(String what, Callable<T> call) {
          try {
            return call.call();
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(what + " failed", e);
          }
        }
      };

  private final CloudWatchLogsClient logs;
  private final BerthClock clock;
  private final Duration interval;
  private final Reader reads;

  /**
   * @param clock waits between polls when following
   * @param interval how long to wait between polls when following
   */
  public LogsReader(CloudWatchLogsClient logs, BerthClock clock, Duration interval) {
    this(logs, clock, interval, ONCE);
  }

  /**
   * @param reads makes each page's call, retrying what is transient on the engine's clock (the SDK
   *     makes one attempt per call)
   */
  public LogsReader(CloudWatchLogsClient logs, BerthClock clock, Duration interval, Reader reads) {
    this.logs = logs;
    this.clock = clock;
    this.interval = interval;
    this.reads = reads;
  }

  /**
   * Passes every event of {@code group} since {@code since} to {@code sink}; then, as long as
   * {@code follow} answers true, waits and passes the events that arrived meanwhile.
   */
  public void tail(String group, Instant since, Consumer<Line> sink, BooleanSupplier follow)
      throws InterruptedException {
    long from = since.toEpochMilli();
    Set<String> seenAtFrom = new HashSet<>();
    while (true) {
      long[] last = {from};
      Set<String> seenAtLast = new HashSet<>(seenAtFrom);
      final long start = from;
      // Page by page, each page's call retried on its own: a retry never repeats a page passed on.
      String token = null;
      do {
        String page = token;
        FilterLogEventsResponse response =
            reads.get(
                "reading the log group " + group,
                () ->
                    logs.filterLogEvents(
                        r -> r.logGroupName(group).startTime(start).nextToken(page)));
        for (FilteredLogEvent e : response.events()) {
          // The next poll starts at the newest timestamp again; skip what was already passed on.
          if (e.timestamp() == start && seenAtFrom.contains(e.eventId())) {
            continue;
          }
          if (e.timestamp() > last[0]) {
            last[0] = e.timestamp();
            seenAtLast.clear();
          }
          seenAtLast.add(e.eventId());
          sink.accept(
              new Line(Instant.ofEpochMilli(e.timestamp()), e.logStreamName(), e.message()));
        }
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
      from = last[0];
      seenAtFrom = seenAtLast;
      if (!follow.getAsBoolean()) {
        return;
      }
      clock.sleep(interval);
    }
  }
}
