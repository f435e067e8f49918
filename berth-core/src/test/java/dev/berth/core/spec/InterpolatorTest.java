package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
  private final Interpolator interpolator =
      new Interpolator(Map.of("A", "1", "PRICE", "$5 \\o/", "EMPTY", "")::get);
  private final Problems problems = new Problems();

  @Test
  void apply_replacesEveryReferenceVerbatim() {
    assertEquals(
        "1-$5 \\o/-", interpolator.apply("${env:A}-${env:PRICE}-${env:EMPTY}", "f", problems));
    assertEquals(0, problems.size());
  }

  @Test
  void apply_whenEscapedOrNotAnEnvReference_leavesTextAlone() {
    assertEquals("${env:A} ${A} $HOME", interpolator.apply("$${env:A} ${A} $HOME", "f", problems));
    assertEquals(0, problems.size());
  }

  @Test
  void apply_whenVariablesAreMissing_reportsEachByName() {
    interpolator.apply("${env:X}/${env:Y}", "env.URL", problems);

    assertEquals(2, problems.size());
    assertTrue(problems.list().get(0).message().contains("X is not set"));
    assertTrue(problems.list().get(1).message().contains("Y is not set"));
    assertEquals("env.URL", problems.list().get(1).field());
  }

  @Test
  void apply_whenReferenceIsMalformed_reportsIt() {
    interpolator.apply("${env:1BAD} ${env:OPEN", "f", problems);

    assertEquals(2, problems.size());
  }
}
