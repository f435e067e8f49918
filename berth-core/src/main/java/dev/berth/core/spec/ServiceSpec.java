package dev.berth.core.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service as described by {@code berth.yaml}: what to run, how big, how many, and where it is
 * reachable. Immutable; collections keep the file's order. {@code region} and {@code network} may
 * be null (region then comes from {@code --region} or the SDK's provider chain; without a network
 * berth makes its own VPC). Build one with {@link SpecLoader}, check one with {@link
 * SpecValidator}.
 */
public record ServiceSpec(
    String name,
    String region,
    ImageSpec image,
    int port,
    int cpu,
    int memory,
    int instances,
    List<String> command,
    List<String> entrypoint,
    Map<String, String> env,
    Map<String, String> secrets,
    HealthCheckSpec healthCheck,
    int deregistrationDelay,
    DomainSpec domain,
    NetworkSpec network,
    int logRetentionDays,
    Map<String, String> tags) {

  /** Not 80: images that run as a non-root user cannot bind below 1024. */
  public static final int DEFAULT_PORT = 8080;

  public static final int DEFAULT_CPU = 256;
  public static final int DEFAULT_MEMORY = 512;
  public static final int DEFAULT_INSTANCES = 1;

  /** Seconds; AWS's default of 300 makes every deploy and destroy wait five minutes per target. */
  public static final int DEFAULT_DEREGISTRATION_DELAY = 30;

  public static final int DEFAULT_LOG_RETENTION_DAYS = 14;

  public ServiceSpec {
    command = command == null ? List.of() : List.copyOf(command);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    env = ordered(env);
    secrets = ordered(secrets);
    tags = ordered(tags);
    healthCheck = healthCheck == null ? HealthCheckSpec.defaults() : healthCheck;
  }

  public Optional<String> regionName() {
    return Optional.ofNullable(region);
  }

  public Optional<NetworkSpec> existingNetwork() {
    return Optional.ofNullable(network);
  }

  /** This spec with the region replaced, e.g. by {@code --region}. */
  public ServiceSpec withRegion(String newRegion) {
    return new ServiceSpec(
        name,
        newRegion,
        image,
        port,
        cpu,
        memory,
        instances,
        command,
        entrypoint,
        env,
        secrets,
        healthCheck,
        deregistrationDelay,
        domain,
        network,
        logRetentionDays,
        tags);
  }

  /** Environment values are masked: they may have been interpolated from secrets. */
  @Override
  public String toString() {
    Map<String, String> maskedEnv = new LinkedHashMap<>();
    env.keySet().forEach(k -> maskedEnv.put(k, RegistryCredentials.MASK));
    return "ServiceSpec[name=%s, region=%s, image=%s, port=%d, cpu=%d, memory=%d, instances=%d,"
            .formatted(name, region, image, port, cpu, memory, instances)
        + " command=%s, entrypoint=%s, env=%s, secrets=%s, healthCheck=%s,"
            .formatted(command, entrypoint, maskedEnv, secrets, healthCheck)
        + " deregistrationDelay=%d, domain=%s, network=%s, logRetentionDays=%d, tags=%s]"
            .formatted(deregistrationDelay, domain, network, logRetentionDays, tags);
  }

  private static Map<String, String> ordered(Map<String, String> in) {
    return in == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(in));
  }
}
