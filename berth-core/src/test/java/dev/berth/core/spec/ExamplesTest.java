package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The examples at the repository root must stay valid. */
class ExamplesTest {
  private static Path example(String name) {
    Path fromModule = Path.of("..", "examples", name, "berth.yaml");
    return Files.exists(fromModule) ? fromModule : Path.of("examples", name, "berth.yaml");
  }

  @Test
  void load_helloExample_isValid() {
    ServiceSpec spec = SpecFixtures.loader().load(example("hello"));

    assertEquals("hello", spec.name());
    assertEquals(80, spec.port());
    assertEquals(2, spec.instances());
    assertEquals(new DomainSpec("hello.example.com", DnsProvider.CLOUDFLARE, null), spec.domain());
    assertTrue(spec.image().registryCredentials().isEmpty());
  }

  @Test
  void load_privateRegistryExample_readsCredentialsFromEnvironment() {
    ServiceSpec spec = SpecFixtures.loader().load(example("private-registry"));

    assertEquals(
        new RegistryCredentials("robot$deploy", SpecFixtures.PASSWORD), spec.image().credentials());
    assertEquals(DnsProvider.ROUTE53, spec.domain().dns());
    assertEquals("app.example.org", spec.domain().hostname());
    assertEquals(1, spec.env().size());
    assertEquals(1, spec.secrets().size());
  }
}
