package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpecTemplateTest {
  private final String template = SpecTemplate.render();

  @Test
  void render_parsesAndValidates() {
    ServiceSpec spec = SpecFixtures.loader().parse("berth.yaml", template);

    assertEquals("my-app", spec.name());
  }

  @Test
  void render_mentionsEveryKey() {
    Stream.of(
            SpecReader.SERVICE_KEYS,
            SpecReader.IMAGE_KEYS,
            SpecReader.CREDENTIALS_KEYS,
            SpecReader.HEALTH_CHECK_KEYS,
            SpecReader.DOMAIN_KEYS,
            SpecReader.NETWORK_KEYS)
        .flatMap(List::stream)
        .forEach(key -> assertTrue(template.contains(key + ":"), "the template lacks " + key));
  }

  @Test
  void render_showsTheDefaults() {
    List.of(
            "# cpu: " + ServiceSpec.DEFAULT_CPU,
            "# memory: " + ServiceSpec.DEFAULT_MEMORY,
            "# instances: " + ServiceSpec.DEFAULT_INSTANCES,
            "(default " + ServiceSpec.DEFAULT_PORT,
            "#   path: " + HealthCheckSpec.DEFAULT_PATH,
            "#   intervalSeconds: " + HealthCheckSpec.DEFAULT_INTERVAL_SECONDS,
            "#   healthyThreshold: " + HealthCheckSpec.DEFAULT_HEALTHY_THRESHOLD,
            "#   gracePeriodSeconds: " + HealthCheckSpec.DEFAULT_GRACE_PERIOD_SECONDS,
            "# deregistrationDelay: " + ServiceSpec.DEFAULT_DEREGISTRATION_DELAY,
            "# logRetentionDays: " + ServiceSpec.DEFAULT_LOG_RETENTION_DAYS)
        .forEach(line -> assertTrue(template.contains(line), "the template lacks " + line));
  }

  @Test
  void render_whenOptionalSettingsAreUncommented_stillValidates() {
    String uncommented =
        template
            .replaceAll("(?m)^image: .*\\n", "")
            .replaceAll("(?m)^# ((?:[a-zA-Z]+:|  ).*)$", "$1")
            .replaceAll("(?m)^  # (zone: .*)$", "  $1");

    ServiceSpec spec = SpecFixtures.loader().parse("berth.yaml", uncommented);

    assertEquals("us-east-1", spec.region());
    assertTrue(spec.image().registryCredentials().isPresent());
    assertEquals("example.com", spec.domain().zone());
    assertEquals(2, spec.network().subnets().size());
  }
}
