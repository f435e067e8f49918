package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {
  private static final String PASSWORD = SpecFixtures.PASSWORD;
  private static final String PRIVATE_IMAGE =
      """
      name: app
      image:
        name: ghcr.io/acme/app:1.0
        credentials:
          username: ${env:REGISTRY_USERNAME}
          password: ${env:REGISTRY_PASSWORD}
      env:
        DB_PASSWORD: ${env:REGISTRY_PASSWORD}
      domain:
        hostname: app.example.com
        dns: route53
      """;

  @Test
  void toString_whenCredentialsWereInterpolated_masksThem() {
    ServiceSpec spec = SpecFixtures.loader().parse("berth.yaml", PRIVATE_IMAGE);

    for (Object o : new Object[] {spec, spec.image(), spec.image().credentials()}) {
      assertFalse(o.toString().contains(PASSWORD), o.toString());
      assertFalse(o.toString().contains("robot$deploy"), o.toString());
      assertTrue(o.toString().contains("****"), o.toString());
    }
  }

  @Test
  void exceptionMessage_whenOtherFieldsAreWrong_neverContainsThePassword() {
    String yaml =
        PRIVATE_IMAGE.replace("name: app\n", "name: App!\n").replace("dns: route53", "dns: dyn")
            + "cpu: \"${env:REGISTRY_PASSWORD}\"\n"
            + "tags:\n  owner: ${env:REGISTRY_PASSWORD}\n  aws:x: y\n";

    SpecException e =
        assertThrows(SpecException.class, () -> SpecFixtures.loader().parse("berth.yaml", yaml));

    assertTrue(e.problems().size() >= 3, e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    e.problems().forEach(p -> assertFalse(p.toString().contains(PASSWORD), p.toString()));
  }

  @Test
  void exceptionMessage_whenYamlIsBrokenNearALiteralPassword_doesNotQuoteTheLine() {
    String yaml =
        "name: app\nimage:\n  name: ghcr.io/acme/app:1.0\n  credentials:\n"
            + "    password: ["
            + PASSWORD
            + "\n";

    SpecException e =
        assertThrows(SpecException.class, () -> SpecFixtures.loader().parse("berth.yaml", yaml));

    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
  }
}
