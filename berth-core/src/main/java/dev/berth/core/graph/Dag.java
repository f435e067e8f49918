package dev.berth.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Order and cycle search on a directed graph given as node → the nodes it depends on. Orders are
 * stable: among nodes that are free at the same time, the one listed first in {@code nodes} comes
 * first.
 */
public final class Dag {
  private Dag() {}

  /**
   * The nodes ordered so that every node comes after its dependencies. Dependencies that are not in
   * {@code nodes} are ignored.
   *
   * @throws IllegalArgumentException if the graph has a cycle
   */
  public static List<String> order(Collection<String> nodes, Map<String, Set<String>> deps) {
    Set<String> members = new HashSet<>(nodes);
    Map<String, Integer> pending = new LinkedHashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (String n : nodes) {
      int count = 0;
      for (String d : deps.getOrDefault(n, Set.of())) {
        if (members.contains(d)) {
          count++;
          dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
        }
      }
      pending.put(n, count);
    }
    List<String> out = new ArrayList<>();
    Set<String> emitted = new HashSet<>();
    while (out.size() < pending.size()) {
      String next = null;
      for (Map.Entry<String, Integer> e : pending.entrySet()) {
        if (e.getValue() == 0 && !emitted.contains(e.getKey())) {
          next = e.getKey();
          break;
        }
      }
      if (next == null) {
        throw new IllegalArgumentException(
            "cycle: " + String.join(" -> ", findCycle(nodes, deps).orElseThrow()));
      }
      emitted.add(next);
      out.add(next);
      for (String dependent : dependents.getOrDefault(next, List.of())) {
        pending.merge(dependent, -1, Integer::sum);
      }
    }
    return out;
  }

  /** A cycle as a path that starts and ends with the same node, if there is one. */
  public static Optional<List<String>> findCycle(
      Collection<String> nodes, Map<String, Set<String>> deps) {
    Set<String> members = new HashSet<>(nodes);
    Map<String, Integer> color = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
    for (String start : nodes) {
      if (color.containsKey(start)) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      Deque<Iterator<String>> iters = new ArrayDeque<>();
      path.push(start);
      iters.push(sorted(deps.getOrDefault(start, Set.of())).iterator());
      color.put(start, 1);
      while (!path.isEmpty()) {
        if (!iters.peek().hasNext()) {
          color.put(path.pop(), 2);
          iters.pop();
          continue;
        }
        String next = iters.peek().next();
        if (!members.contains(next)) {
          continue;
        }
        Integer c = color.get(next);
        if (c == null) {
          color.put(next, 1);
          path.push(next);
          iters.push(sorted(deps.getOrDefault(next, Set.of())).iterator());
        } else if (c == 1) {
          List<String> cycle = new ArrayList<>();
          for (Iterator<String> it = path.descendingIterator(); it.hasNext(); ) {
            cycle.add(it.next());
          }
          cycle = new ArrayList<>(cycle.subList(cycle.indexOf(next), cycle.size()));
          cycle.add(next);
          return Optional.of(cycle);
        }
      }
    }
    return Optional.empty();
  }

  /** True if {@code to} can be reached from {@code from} by following dependencies. */
  public static boolean reaches(Map<String, Set<String>> deps, String from, String to) {
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (n.equals(to)) {
        return true;
      }
      if (seen.add(n)) {
        todo.addAll(deps.getOrDefault(n, Set.of()));
      }
    }
    return false;
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
