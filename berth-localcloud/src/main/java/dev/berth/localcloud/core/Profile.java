package dev.berth.localcloud.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long asynchronous things take. {@code instant}: every state change is visible at the next
 * read, unless a delay is set explicitly with {@link #with}. {@code aws}: durations AWS users
 * report, scaled by {@code timeScale} (0.01 runs 100× faster).
 *
 * <p>Keys used by the services (natural AWS figure in brackets): {@code elb.active} [150 s], {@code
 * elb.eni.release} [300 s], {@code acm.record} [5 s until DescribeCertificate shows the validation
 * record], {@code acm.issue} [60 s after the validation record exists], {@code
 * acm.inuse.after.listener} [10 s], {@code route53.insync} [40 s], {@code ecs.task.provisioning}
 * [15 s], {@code ecs.task.pending} [30 s], {@code ecs.task.stop} [30 s], {@code ecs.service.drain}
 * [60 s], {@code iam.propagation} [10 s], {@code ec2.consistency} [1 s: NotFound on reads right
 * after create], {@code secrets.deletion} [30 s until a force-deleted name can be reused], {@code
 * elb.health} [interval × healthy threshold of the target group]. {@code api.call} [100 ms per
 * call, real-time profile only].
 */
public final class Profile {
  private static final Map<String, Duration> AWS =
      Map.ofEntries(
          Map.entry("elb.active", Duration.ofSeconds(150)),
          Map.entry("elb.eni.release", Duration.ofSeconds(300)),
          Map.entry("acm.record", Duration.ofSeconds(5)),
          Map.entry("acm.issue", Duration.ofSeconds(60)),
          Map.entry("acm.inuse.after.listener", Duration.ofSeconds(10)),
          Map.entry("route53.insync", Duration.ofSeconds(40)),
          Map.entry("ecs.task.provisioning", Duration.ofSeconds(15)),
          Map.entry("ecs.task.pending", Duration.ofSeconds(30)),
          Map.entry("ecs.task.stop", Duration.ofSeconds(30)),
          Map.entry("ecs.service.drain", Duration.ofSeconds(60)),
          Map.entry("iam.propagation", Duration.ofSeconds(10)),
          Map.entry("ec2.consistency", Duration.ofSeconds(1)),
          Map.entry("secrets.deletion", Duration.ofSeconds(30)),
          Map.entry("api.call", Duration.ofMillis(100)));

  private final String name;
  private final double timeScale;
  private final Map<String, Duration> overrides;

  private Profile(String name, double timeScale, Map<String, Duration> overrides) {
    this.name = name;
    this.timeScale = timeScale;
    this.overrides = Map.copyOf(overrides);
  }

  public static Profile instant() {
    return new Profile("instant", 1.0, Map.of());
  }

  public static Profile aws(double timeScale) {
    return new Profile("aws", timeScale, Map.of());
  }

  public static Profile named(String name, double timeScale) {
    return switch (name) {
      case "instant" -> instant();
      case "aws" -> aws(timeScale);
      default -> throw new IllegalArgumentException("unknown profile " + name + " (instant|aws)");
    };
  }

  /** A copy with one delay set explicitly (before scaling). */
  public Profile with(String key, Duration delay) {
    Map<String, Duration> o = new HashMap<>(overrides);
    o.put(key, delay);
    return new Profile(name, timeScale, o);
  }

  /**
   * The delay for {@code key}: the explicit override if set; else on {@code instant} zero; else the
   * AWS figure, or {@code natural} where the duration depends on the resource (health checks).
   * Scaled by the time scale.
   */
  public Duration delay(String key, Duration natural) {
    Duration d = overrides.get(key);
    if (d == null) {
      d = name.equals("instant") ? Duration.ZERO : AWS.getOrDefault(key, natural);
    }
    return Duration.ofNanos(Math.round(d.toNanos() * timeScale));
  }

  public Duration delay(String key) {
    return delay(key, Duration.ZERO);
  }

  public String name() {
    return name;
  }

  public double timeScale() {
    return timeScale;
  }
}
