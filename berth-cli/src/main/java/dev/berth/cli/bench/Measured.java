package dev.berth.cli.bench;

import dev.berth.core.engine.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured run: simulated wall time, API calls from localcloud's log (mutating, and the rest:
 * reads, most of them polls), and the engine's events.
 */
record Measured(
    String engine,
    Duration wall,
    int mutating,
    int polling,
    List<EngineEvent> events,
    boolean succeeded) {

  /** Started → Done (or Failed) per resource, as the engine reported it. */
  Map<String, Duration> stepDurations() {
    Map<String, Instant> started = new LinkedHashMap<>();
    Map<String, Duration> out = new LinkedHashMap<>();
    for (EngineEvent e : events) {
      if (e instanceof EngineEvent.Started s) {
        started.put(s.id(), s.at());
      } else if (e instanceof EngineEvent.Done d && started.containsKey(d.id())) {
        out.put(d.id(), Duration.between(started.get(d.id()), d.at()));
      }
    }
    return out;
  }
}
