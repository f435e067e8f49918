package dev.berth.cli;

import dev.berth.core.engine.EngineEvent;
import dev.berth.core.engine.EventSink;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Draws the engine's events: on a terminal, a table of resources redrawn in place (state, elapsed
 * time, what each waits for); elsewhere, one plain line per event. Every write goes through one
 * synchronized method, so lines from parallel work never interleave. Reasons and messages come from
 * the cloud and are printed through {@link Printable#of}.
 */
final class ProgressRenderer implements EventSink {
  private static final String CLEAR_LINE = "\u001b[2K";

  private final PrintStream out;
  private final boolean live;
  private final Instant start;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private int drawn;

  private static final class Row {
    String type;
    String action;
    String state;
    String detail = "";
    Instant startedAt;
    Duration elapsed;
  }

  ProgressRenderer(PrintStream out, boolean live, Instant start) {
    this.out = out;
    this.live = live;
    this.start = start;
  }

  @Override
  public synchronized void accept(EngineEvent e) {
    if (e instanceof EngineEvent.Finished) {
      if (live) {
        redraw(e.at());
      }
      return;
    }
    Row row = rows.computeIfAbsent(e.id(), k -> new Row());
    row.type = e.type();
    row.action = e.action() == null ? "" : e.action().name().toLowerCase();
    String line;
    if (e instanceof EngineEvent.Started s) {
      row.startedAt = s.at();
      row.state = "working";
      row.detail = "";
      line = "started";
    } else if (e instanceof EngineEvent.Waiting w) {
      String reason = Printable.of(w.reason());
      row.detail = reason;
      line = "waiting: " + reason;
    } else if (e instanceof EngineEvent.Retrying r) {
      String reason = Printable.of(r.reason());
      row.detail = "retrying (" + reason + ")";
      line = "retry " + r.attempt() + " in " + seconds(r.delay()) + ": " + reason;
    } else if (e instanceof EngineEvent.Done d) {
      row.state = "done";
      row.elapsed = d.elapsed();
      row.detail = "";
      line = "done in " + seconds(d.elapsed());
    } else if (e instanceof EngineEvent.Failed f) {
      row.state = "FAILED";
      row.detail = Printable.of(f.message());
      line = "FAILED: " + row.detail;
    } else if (e instanceof EngineEvent.RolledBack) {
      row.state = "rolled back";
      row.detail = "";
      line = "rolled back";
    } else if (e instanceof EngineEvent.DeleteFailed f) {
      row.state = "NOT DELETED";
      row.detail = Printable.of(f.message());
      line = "could not be deleted: " + row.detail;
    } else {
      line = Printable.of(e);
    }
    if (live) {
      redraw(e.at());
    } else {
      out.printf(
          "[%7s] %-24s %-8s %s%n",
          seconds(Duration.between(start, e.at())), e.id(), row.action, line);
    }
    out.flush();
  }

  private void redraw(Instant now) {
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) {
      sb.append("\u001b[").append(drawn).append('F');
    }
    for (Map.Entry<String, Row> en : rows.entrySet()) {
      Row r = en.getValue();
      Duration el =
          r.elapsed != null
              ? r.elapsed
              : r.startedAt == null ? Duration.ZERO : Duration.between(r.startedAt, now);
      String detail = r.detail == null ? "" : r.detail;
      if (detail.length() > 60) {
        detail = detail.substring(0, 57) + "...";
      }
      sb.append(CLEAR_LINE)
          .append(
              String.format(
                  "%-24s %-8s %-12s %7s  %s", en.getKey(), r.action, r.state, seconds(el), detail))
          .append('\n');
    }
    drawn = rows.size();
    out.print(sb);
  }

  static String seconds(Duration d) {
    return String.format("%.1fs", d.toMillis() / 1000.0);
  }
}
