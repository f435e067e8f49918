package dev.berth.core.spec;

/**
 * How the load balancer decides a task is healthy, and how long ECS ignores failing checks after a
 * task starts.
 */
public record HealthCheckSpec(
    String path, int intervalSeconds, int healthyThreshold, int gracePeriodSeconds) {
  public static final String DEFAULT_PATH = "/";
  public static final int DEFAULT_INTERVAL_SECONDS = 15;
  public static final int DEFAULT_HEALTHY_THRESHOLD = 2;
  public static final int DEFAULT_GRACE_PERIOD_SECONDS = 30;

  public static HealthCheckSpec defaults() {
    return new HealthCheckSpec(
        DEFAULT_PATH,
        DEFAULT_INTERVAL_SECONDS,
        DEFAULT_HEALTHY_THRESHOLD,
        DEFAULT_GRACE_PERIOD_SECONDS);
  }
}
