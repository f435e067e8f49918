package dev.berth.cli.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest path through a DAG of work: each node takes its duration once everything before it
 * has finished, and an edge may add a lag (a wait that belongs to neither end, such as network
 * interfaces that linger after a load balancer is deleted). Its length is the shortest time in
 * which any scheduler, however parallel, can finish all the work.
 */
public final class CriticalPath {

  /** The answer: total length, the nodes on one longest path in order, and each node's finish. */
  public record Result(Duration length, List<String> path, Map<String, Duration> finish) {}

  private final Map<String, Duration> durations = new LinkedHashMap<>();
  private final Map<String, Map<String, Duration>> before = new LinkedHashMap<>();

  /** Adds a node (or sets its duration). */
  public CriticalPath node(String id, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration for " + id);
    }
    durations.put(id, duration);
    before.computeIfAbsent(id, k -> new LinkedHashMap<>());
    return this;
  }

  /** The duration of node {@code id}. */
  public Duration duration(String id) {
    return durations.get(id);
  }

  /** The lag on the edge {@code from -> to}; zero when there is no such edge or no lag. */
  public Duration lag(String from, String to) {
    Map<String, Duration> preds = before.get(to);
    return preds == null ? Duration.ZERO : preds.getOrDefault(from, Duration.ZERO);
  }

  /** {@code to} starts once {@code from} has finished. */
  public CriticalPath edge(String from, String to) {
    return edge(from, to, Duration.ZERO);
  }

  /** {@code to} starts {@code lag} after {@code from} has finished. */
  public CriticalPath edge(String from, String to, Duration lag) {
    if (!durations.containsKey(from) || !durations.containsKey(to)) {
      throw new IllegalArgumentException("edge " + from + " -> " + to + " names an unknown node");
    }
    before.get(to).merge(from, lag, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    return this;
  }

  /**
   * Computes earliest finishes in topological order.
   *
   * @throws IllegalArgumentException if the edges form a cycle
   */
  public Result compute() {
    Map<String, Duration> finish = new LinkedHashMap<>();
    Map<String, String> via = new HashMap<>();
    for (String n : topologicalOrder()) {
      Duration start = Duration.ZERO;
      String from = null;
      for (Map.Entry<String, Duration> e : before.get(n).entrySet()) {
        Duration ready = finish.get(e.getKey()).plus(e.getValue());
        if (ready.compareTo(start) > 0 || from == null && ready.equals(start)) {
          start = ready;
          from = e.getKey();
        }
      }
      finish.put(n, start.plus(durations.get(n)));
      if (from != null) {
        via.put(n, from);
      }
    }
    String last = null;
    for (Map.Entry<String, Duration> e : finish.entrySet()) {
      // Ties go to the later node in topological order: the path ends at a sink.
      if (last == null || e.getValue().compareTo(finish.get(last)) >= 0) {
        last = e.getKey();
      }
    }
    List<String> path = new ArrayList<>();
    for (String n = last; n != null; n = via.get(n)) {
      path.add(n);
    }
    Collections.reverse(path);
    return new Result(last == null ? Duration.ZERO : finish.get(last), path, finish);
  }

  private List<String> topologicalOrder() {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<String>> after = new HashMap<>();
    before.forEach(
        (n, preds) -> {
          waiting.put(n, preds.size());
          preds.keySet().forEach(p -> after.computeIfAbsent(p, k -> new ArrayList<>()).add(n));
        });
    Deque<String> ready = new ArrayDeque<>();
    durations.keySet().stream().filter(n -> waiting.get(n) == 0).forEach(ready::add);
    List<String> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      String n = ready.poll();
      out.add(n);
      for (String d : after.getOrDefault(n, List.of())) {
        if (waiting.merge(d, -1, Integer::sum) == 0) {
          ready.add(d);
        }
      }
    }
    if (out.size() != durations.size()) {
      throw new IllegalArgumentException("the edges form a cycle");
    }
    return out;
  }
}
