package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.failure.FailureKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
  private final SpecLoader loader = SpecFixtures.loader();

  private ServiceSpec parse(String yaml) {
    return loader.parse("berth.yaml", yaml);
  }

  @Test
  void parse_whenMinimal_appliesDefaults() {
    ServiceSpec spec = parse(SpecFixtures.resource("/specs/valid/minimal.yaml"));

    assertEquals("web", spec.name());
    assertNull(spec.region());
    assertEquals(ImageSpec.of("nginx:1.27"), spec.image());
    assertEquals(8080, spec.port());
    assertEquals(256, spec.cpu());
    assertEquals(512, spec.memory());
    assertEquals(1, spec.instances());
    assertEquals(List.of(), spec.command());
    assertEquals(Map.of(), spec.env());
    assertEquals(new HealthCheckSpec("/", 15, 2, 30), spec.healthCheck());
    assertEquals(30, spec.deregistrationDelay());
    assertEquals(new DomainSpec("web.example.com", DnsProvider.CLOUDFLARE, null), spec.domain());
    assertNull(spec.network());
    assertEquals(14, spec.logRetentionDays());
    assertEquals(Map.of(), spec.tags());
  }

  @Test
  void parse_whenEveryFieldIsGiven_readsEachOne() {
    ServiceSpec spec = parse(SpecFixtures.resource("/specs/valid/full.yaml"));

    assertEquals("shop-api", spec.name());
    assertEquals("eu-west-2", spec.region());
    assertTrue(spec.image().name().startsWith("registry.example.com:5000/team/shop-api@sha256:"));
    assertEquals(
        new RegistryCredentials("robot$deploy", SpecFixtures.PASSWORD), spec.image().credentials());
    assertEquals(
        List.of(3000, 8192, 20480, 0),
        List.of(spec.port(), spec.cpu(), spec.memory(), spec.instances()));
    assertEquals(List.of("node", "server.js", "--port=3000"), spec.command());
    assertEquals(List.of("/usr/bin/tini", "--"), spec.entrypoint());
    assertEquals(2, spec.secrets().size());
    assertEquals(new HealthCheckSpec("/healthz?full=1", 30, 3, 120), spec.healthCheck());
    assertEquals(0, spec.deregistrationDelay());
    assertEquals(
        new DomainSpec("api.shop.example.com", DnsProvider.ROUTE53, "shop.example.com"),
        spec.domain());
    assertEquals(
        new NetworkSpec(
            "vpc-0123456789abcdef0", List.of("subnet-0a1b2c3d", "subnet-0123456789abcdef0")),
        spec.network());
    assertEquals(3653, spec.logRetentionDays());
    assertEquals(Map.of("team", "commerce", "cost-center", "4711"), spec.tags());
  }

  @Test
  void parse_whenEnvValuesAreNumbersOrBooleans_keepsTheTextAsWritten() {
    Map<String, String> env = parse(SpecFixtures.resource("/specs/valid/full.yaml")).env();

    assertEquals("1.20", env.get("VERSION"));
    assertEquals("0755", env.get("MODE"));
    assertEquals("yes", env.get("ENABLED"));
    assertEquals("", env.get("EMPTY"));
    assertEquals(
        List.of("VERSION", "MODE", "ENABLED", "EMPTY", "GREETING", "LITERAL", "SHELL_STYLE"),
        List.copyOf(env.keySet()));
  }

  @Test
  void parse_whenValueReferencesEnvironment_interpolatesOnlyEnvReferences() {
    Map<String, String> env = parse(SpecFixtures.resource("/specs/valid/full.yaml")).env();

    assertEquals("hello world!", env.get("GREETING"));
    assertEquals("${env:NOT_INTERPOLATED}", env.get("LITERAL"));
    assertEquals("${HOME}", env.get("SHELL_STYLE"));
  }

  @Test
  void parse_whenImageIsPlainString_hasNoCredentials() {
    ServiceSpec spec = parse(SpecFixtures.resource("/specs/valid/minimal.yaml"));

    assertTrue(spec.image().registryCredentials().isEmpty());
  }

  @Test
  void parse_whenNumbersComeFromEnvironmentOrQuotes_readsThem() {
    SpecLoader withCount = new SpecLoader(Map.of("COUNT", "3")::get);

    ServiceSpec spec =
        withCount.parse(
            "berth.yaml",
            SpecFixtures.resource("/specs/valid/minimal.yaml")
                + "instances: ${env:COUNT}\nport: \"9000\"\n");

    assertEquals(3, spec.instances());
    assertEquals(9000, spec.port());
  }

  @Test
  void parse_whenThreeThingsAreWrong_reportsAllThree() {
    String yaml =
        """
        name: Web_App
        image: nginx:1.27
        cpu: 256
        memory: 4096
        domain:
          hostname: foo..com
          dns: cloudflare
        """;

    SpecException e = assertThrows(SpecException.class, () -> parse(yaml));

    assertEquals(
        List.of("name", "memory", "domain.hostname"),
        e.problems().stream().map(SpecProblem::field).toList());
    assertEquals(4, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().startsWith("berth.yaml has 3 problems:"), e.getMessage());
  }

  @Test
  void parse_whenHostnameIsInvalid_explainsWithTheExpectedWording() {
    String yaml =
        SpecFixtures.resource("/specs/valid/minimal.yaml").replace("web.example.com", "foo..com");

    SpecException e = assertThrows(SpecException.class, () -> parse(yaml));

    assertTrue(
        e.getMessage()
            .contains(
                "domain.hostname: \"foo..com\" is not a valid hostname: it has an empty label"),
        e.getMessage());
    assertTrue(e.getMessage().contains("— use a fully qualified name like app.example.com"));
  }

  @Test
  void parse_whenFieldHasWrongType_reportsOnlyTheTypeProblem() {
    String yaml = SpecFixtures.resource("/specs/valid/minimal.yaml") + "cpu: lots\n";

    SpecException e = assertThrows(SpecException.class, () -> parse(yaml));

    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("cpu", e.problems().get(0).field());
    assertTrue(e.problems().get(0).fix().contains("cpu: 256"));
  }

  @Test
  void parse_whenInvalid_throwsWithExitCodeTwo() {
    SpecException e = assertThrows(SpecException.class, () -> parse("name: web\n"));

    assertEquals(FailureKind.BAD_INPUT, e.kind());
    assertEquals(SpecException.HINT, e.hint()); // the CLI adds berth init
  }

  @Test
  void parse_whenYamlIsMalformed_givesLineAndColumn() {
    SpecException e =
        assertThrows(SpecException.class, () -> parse("name: web\nimage: [a\nb: c\n"));

    assertEquals(1, e.problems().size());
    assertTrue(
        e.problems().get(0).message().startsWith("line 3, column 2: invalid YAML"),
        e.problems().get(0).message());
  }

  @Test
  void load_whenFileIsMissing_saysHowToCreateOne() {
    SpecException e =
        assertThrows(SpecException.class, () -> loader.load(Path.of("no/such/berth.yaml")));

    assertEquals(SpecProblem.START_MISSING, e.problems().get(0).fix()); // the CLI adds berth init
  }
}
