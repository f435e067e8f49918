package dev.berth.aws.ecs;

import dev.berth.core.time.BerthClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Reads a log group for {@code berth logs}: every event since a point in time, across all streams
 * in time order, then (when following) new events as they arrive, each exactly once.
 */
public final class LogsReader {
  public record Line(Instant timestamp, String stream, String message) {}

  private final CloudWatchLogsClient logs;
  private final BerthClock clock;
  private final Duration interval;

  /**
   * @param clock waits between polls when following
   * @param interval how long to wait between polls when following
   */
  public LogsReader(CloudWatchLogsClient logs, BerthClock clock, Duration interval) {
    this.logs = logs;
    this.clock = clock;
    this.interval = interval;
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
      for (FilteredLogEvent e :
          logs.filterLogEventsPaginator(r -> r.logGroupName(group).startTime(start)).events()) {
        // The next poll starts at the newest timestamp again; skip what was already passed on.
        if (e.timestamp() == start && seenAtFrom.contains(e.eventId())) {
          continue;
        }
        if (e.timestamp() > last[0]) {
          last[0] = e.timestamp();
          seenAtLast.clear();
        }
        seenAtLast.add(e.eventId());
        sink.accept(new Line(Instant.ofEpochMilli(e.timestamp()), e.logStreamName(), e.message()));
      }
      from = last[0];
      seenAtFrom = seenAtLast;
      if (!follow.getAsBoolean()) {
        return;
      }
      clock.sleep(interval);
    }
  }
}
