package dev.berth.localcloud.services.ecs;

import java.util.Locale;

/** The task sizes Fargate accepts (cpu units → memory MiB ranges and steps), as AWS documents. */
final class FargateSizes {
  private FargateSizes() {}

  /** {@code "1 vCPU"} → {@code "1024"}; numbers stay as they are; null stays null. */
  static String normaliseCpu(String cpu) {
    if (cpu == null) {
      return null;
    }
    String c = cpu.trim().toLowerCase(Locale.ROOT);
    if (c.endsWith("vcpu")) {
      return units(c.substring(0, c.length() - 4), 1024, cpu);
    }
    return units(c, 1, cpu);
  }

  /** {@code "2 GB"} → {@code "2048"}; numbers (MiB) stay as they are. */
  static String normaliseMemory(String memory) {
    if (memory == null) {
      return null;
    }
    String m = memory.trim().toLowerCase(Locale.ROOT);
    if (m.endsWith("gb")) {
      return units(m.substring(0, m.length() - 2), 1024, memory);
    }
    return units(m, 1, memory);
  }

  private static String units(String number, int factor, String original) {
    try {
      double v = Double.parseDouble(number.trim()) * factor;
      if (v <= 0 || v != Math.rint(v)) {
        throw new NumberFormatException(original);
      }
      return String.valueOf((long) v);
    } catch (NumberFormatException e) {
      throw Ecs.clientException("Invalid setting for container cpu or memory: " + original);
    }
  }

  /** ClientException unless Fargate offers this combination. */
  static void check(String cpu, String memory) {
    long c = Long.parseLong(cpu);
    long m = Long.parseLong(memory);
    boolean ok =
        switch ((int) c) {
          case 256 -> m == 512 || m == 1024 || m == 2048;
          case 512 -> inRange(m, 1024, 4096, 1024);
          case 1024 -> inRange(m, 2048, 8192, 1024);
          case 2048 -> inRange(m, 4096, 16384, 1024);
          case 4096 -> inRange(m, 8192, 30720, 1024);
          case 8192 -> inRange(m, 16384, 61440, 4096);
          case 16384 -> inRange(m, 32768, 122880, 8192);
          default -> false;
        };
    if (!ok) {
      throw Ecs.clientException(
          "No Fargate configuration exists for given values: "
              + cpu
              + " CPU, "
              + memory
              + " memory. See the Amazon ECS documentation for the valid values.");
    }
  }

  private static boolean inRange(long m, long min, long max, long step) {
    return m >= min && m <= max && (m - min) % step == 0;
  }
}
