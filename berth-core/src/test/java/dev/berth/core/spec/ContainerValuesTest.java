package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the container is given: control characters, and the task definition's size limit. */
class ContainerValuesTest {
  private static final String TAIL = "domain:\n  hostname: web.example.com\n  dns: cloudflare\n";

  private static List<SpecProblem> problems(String yaml) {
    return assertThrows(
            SpecException.class,
            () ->
                SpecFixtures.loader()
                    .parse("berth.yaml", "name: web\nimage: nginx:1.27\n" + yaml + TAIL))
        .problems();
  }

  private static List<SpecProblem> validate(Map<String, String> env) {
    ServiceSpec spec =
        SpecFixtures.loader().parse("berth.yaml", "name: web\nimage: nginx:1.27\n" + TAIL);
    return new SpecValidator()
        .validate(
            new ServiceSpec(
                spec.name(),
                spec.region(),
                spec.image(),
                spec.port(),
                spec.cpu(),
                spec.memory(),
                spec.instances(),
                spec.command(),
                spec.entrypoint(),
                env,
                spec.secrets(),
                spec.healthCheck(),
                spec.deregistrationDelay(),
                spec.domain(),
                spec.network(),
                spec.logRetentionDays(),
                spec.tags()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "two\nlines", "tab\there", "crlf\r\n", "ünïcödé ✓", ""})
  void problem_whenValueHasOnlyAllowedCharacters_isEmpty(String value) {
    assertEquals(Optional.empty(), ControlCharacters.problem(value));
  }

  @Test
  void problem_whenValueHasANul_namesItAndItsPosition() {
    String why = ControlCharacters.problem("ab\0c").orElseThrow();

    assertTrue(why.contains("NUL character (U+0000) at character 3"), why);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u001b[31m", "bell\u0007", "del\u007f", "\u000b"})
  void problem_whenValueHasAnotherControlCharacter_namesItsCodePoint(String value) {
    String why = ControlCharacters.problem(value).orElseThrow();

    assertTrue(why.matches(".*U\\+00[0-9A-F]{2} at character \\d+"), why);
  }

  @Test
  void parse_whenEnvValueHasANul_reportsTheVariableWithoutItsValue() {
    List<SpecProblem> p = problems("env:\n  TOKEN: \"s3cr3t-value\\0x\"\n");

    assertEquals(List.of("env.TOKEN"), p.stream().map(SpecProblem::field).toList());
    assertFalse(p.get(0).toString().contains("s3cr3t-value"), p.toString());
    assertTrue(p.get(0).fix().startsWith("remove it"), p.toString());
  }

  @Test
  void parse_whenEnvValueHasAnEscapeCharacter_suggestsSecretsForTheRareRealNeed() {
    List<SpecProblem> p = problems("env:\n  BANNER: \"\\e[1mhi\"\n");

    assertEquals("env.BANNER", p.get(0).field());
    assertTrue(p.get(0).message().contains("U+001B at character 1"), p.toString());
    assertTrue(p.get(0).fix().contains("secrets:"), p.toString());
  }

  @Test
  void parse_whenEnvValueIsMultiLine_acceptsIt() {
    ServiceSpec spec =
        SpecFixtures.loader()
            .parse(
                "berth.yaml",
                "name: web\nimage: nginx:1.27\nenv:\n  KEY: |\n    -----BEGIN-----\n    abc\n"
                    + TAIL);

    assertEquals("-----BEGIN-----\nabc\n", spec.env().get("KEY"));
  }

  @Test
  void parse_whenCommandOrEntrypointArgumentHasANul_reportsItsIndex() {
    List<SpecProblem> p = problems("command: [\"node\", \"a\\0b\"]\nentrypoint: [\"\\x01sh\"]\n");

    assertEquals(
        List.of("command[1]", "entrypoint[0]"), p.stream().map(SpecProblem::field).toList());
  }

  @Test
  void parse_whenSecretArnHasAControlCharacter_refusesTheArn() {
    List<SpecProblem> p =
        problems(
            "secrets:\n  KEY: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:k\\n\"\n");

    assertEquals(List.of("secrets.KEY"), p.stream().map(SpecProblem::field).toList());
  }

  @Test
  void validate_whenOneValueAloneIsOverTheBudget_reportsThatVariable() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SMALL", "x");
    env.put("BIG", "x".repeat(TaskDefinitionSize.BUDGET));

    List<SpecProblem> p = validate(env);

    assertEquals(List.of("env.BIG"), p.stream().map(SpecProblem::field).toList());
    assertTrue(p.get(0).message().contains("65,536 bytes (64 KiB)"), p.toString());
    assertTrue(p.get(0).fix().contains("secrets:"), p.toString());
  }

  @Test
  void validate_whenValuesTogetherAreOverTheBudget_reportsEnvAndTheLargestVariables() {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      env.put("V" + i, "y".repeat(1_500 + i));
    }

    List<SpecProblem> p = validate(env);

    assertEquals(List.of("env"), p.stream().map(SpecProblem::field).toList());
    assertTrue(
        p.get(0)
            .message()
            .contains("the largest variables are V39 (1,565 bytes), V38 (1,564 bytes)"),
        p.toString());
  }

  @Test
  void validate_whenJustUnderTheBudget_acceptsIt() {
    // One entry is {"name":"V","value":"..."}, 22 bytes around the value.
    String value = "z".repeat(TaskDefinitionSize.BUDGET - 22 - 200);

    assertEquals(List.of(), validate(Map.of("V", value)));
  }

  @Test
  void json_countsQuotesEscapesAndUtf8Bytes() {
    assertEquals(2, TaskDefinitionSize.json(""));
    assertEquals(2 + 5, TaskDefinitionSize.json("a\"\n"));
    assertEquals(2 + 6, TaskDefinitionSize.json("\u0001"));
    assertEquals(2 + 2 + 3, TaskDefinitionSize.json("ü✓"));
  }
}
