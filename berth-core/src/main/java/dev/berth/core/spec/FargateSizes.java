package dev.berth.core.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The task sizes Fargate accepts: CPU units and, for each, the memory sizes in MiB. */
final class FargateSizes {
  private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = new LinkedHashMap<>();

  static {
    MEMORY_BY_CPU.put(256, List.of(512, 1024, 2048));
    steps(512, 1024, 4096, 1024);
    steps(1024, 2048, 8192, 1024);
    steps(2048, 4096, 16384, 1024);
    steps(4096, 8192, 30720, 1024);
    steps(8192, 16384, 61440, 4096);
    steps(16384, 32768, 122880, 8192);
  }

  private FargateSizes() {}

  static Set<Integer> cpus() {
    return Collections.unmodifiableSet(MEMORY_BY_CPU.keySet());
  }

  /** The memory sizes allowed with {@code cpu}; empty if Fargate has no such CPU size. */
  static List<Integer> memoriesFor(int cpu) {
    return MEMORY_BY_CPU.getOrDefault(cpu, List.of());
  }

  static boolean isValid(int cpu, int memory) {
    return memoriesFor(cpu).contains(memory);
  }

  static String join(Iterable<Integer> values) {
    List<String> out = new ArrayList<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return String.join(", ", out);
  }

  static String cpuList() {
    return MEMORY_BY_CPU.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static void steps(int cpu, int from, int to, int step) {
    List<Integer> sizes = new ArrayList<>();
    for (int m = from; m <= to; m += step) {
      sizes.add(m);
    }
    MEMORY_BY_CPU.put(cpu, List.copyOf(sizes));
  }
}
