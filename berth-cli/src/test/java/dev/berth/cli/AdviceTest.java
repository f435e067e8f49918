package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.failure.RolloutFailedException;
import dev.berth.aws.failure.StackElsewhereException;
import dev.berth.core.engine.Failure;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.failure.ForeignRecordException;
import dev.berth.core.plan.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one place that words the library's typed failures in this CLI's terms: exit codes, flags and
 * commands. The library's own hints name none (LibraryNamesNoCliTest).
 */
class AdviceTest {
  @Test
  void exitCodes_followTheKind() {
    assertEquals(1, Advice.exitCode(new BerthException("x", null, FailureKind.CLOUD, null)));
    assertEquals(2, Advice.exitCode(new BerthException("x", null, FailureKind.BAD_INPUT, null)));
    assertEquals(3, Advice.exitCode(new BerthException("x", null, FailureKind.LOCKED, null)));
  }

  @Test
  void foreignRecord_offersAdoptDnsOnlyForRecordsBerthDidNotMake() {
    String notBerths = Advice.whatToDo(record(ForeignRecordException.Situation.NOT_MADE_BY_BERTH));
    assertTrue(notBerths.contains("--adopt-dns"), notBerths);
    String otherState = Advice.whatToDo(record(ForeignRecordException.Situation.OTHER_STATE));
    assertTrue(
        otherState.contains("--adopt-dns takes over only records berth did not make"), otherState);
    assertTrue(otherState.contains("--state FILE"), otherState);
  }

  @Test
  void stackInAnotherRegion_namesTheDestroyToRunAndTheFlags() {
    String s =
        Advice.whatToDo(
            new StackElsewhereException(
                "stack hello is in eu-west-1",
                "hello",
                StackElsewhereException.Where.REGION,
                "eu-west-1",
                "us-east-1"));
    assertTrue(s.contains("berth destroy --region eu-west-1"), s);
    assertTrue(s.contains("--state"), s);
  }

  @Test
  void failedRollout_pointsAtBerthLogs_andAFailedStepCarriesItsTypedCauseIntoJson() {
    RolloutFailedException r =
        new RolloutFailedException(
            "rollout failed", "app", RolloutFailedException.Outcome.FAILING, null, null);
    assertTrue(Advice.whatToDo(r).contains("berth logs"));
    assertFalse(r.hint().contains("berth logs"), "the library's own hint names no command");

    Failure f = new Failure("service", "aws.ecs.service", Action.CREATE, "rollout failed", "h", r);
    List<Map<String, Object>> json = Advice.forJson(List.of(f));
    assertEquals(
        List.of("id", "type", "action", "message", "hint"), List.copyOf(json.get(0).keySet()));
    assertTrue(String.valueOf(json.get(0).get("hint")).contains("berth logs"));
  }

  private static ForeignRecordException record(ForeignRecordException.Situation s) {
    return new ForeignRecordException(
        "DNS record hello.example.com exists",
        "hello.example.com",
        "Cloudflare",
        "example.com",
        s,
        Map.of());
  }
}
