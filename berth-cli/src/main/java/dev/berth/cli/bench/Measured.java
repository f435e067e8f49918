package dev.berth.cli.bench;

import dev.berth.core.engine.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured run: simulated wall time, API calls from localcloud's log (mutating, and the rest:
 * reads, most of them polls, also counted by service and action), and the engine's events.
 */
record Measured(
    String engine,
    Instant start,
    Duration wall,
    int mutating,
    int polling,
    Map<String, Integer> reads,
    List<EngineEvent> events,
    boolean succeeded) {

  /** When a resource's step started and ended, from the start of the run. */
  record Step(Duration started, Duration done) {}

  /** Started → Done per resource, as the engine reported it. */
  Map<String, Step> steps() {
    Map<String, Duration> started = new LinkedHashMap<>();
    Map<String, Step> out = new LinkedHashMap<>();
    for (EngineEvent e : events) {
      if (e instanceof EngineEvent.Started s) {
        started.put(s.id(), Duration.between(start, s.at()));
      } else if (e instanceof EngineEvent.Done d && started.containsKey(d.id())) {
        out.put(d.id(), new Step(started.get(d.id()), Duration.between(start, d.at())));
      }
    }
    return out;
  }
}
