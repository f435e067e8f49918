package dev.berth.app.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackZonesTest {
  private static Preflight.Result available(String... zones) {
    return new Preflight.Result("123456789012", "us-east-1", List.of(zones), "example.com");
  }

  @Test
  void zones_whenAnInterruptedRunMadeOneSubnet_topsUpInFirstRunOrder() {
    assertEquals(
        List.of("us-east-1a", "us-east-1b", "us-east-1c"),
        WebServiceStack.zones(
            List.of("us-east-1b"), available("us-east-1a", "us-east-1b", "us-east-1c")));
  }

  @Test
  void zones_whenNothingIsRecorded_takesTheAvailableOnes() {
    assertEquals(
        List.of("us-west-1b", "us-west-1c"),
        WebServiceStack.zones(List.of(), available("us-west-1b", "us-west-1c")));
  }

  @Test
  void zones_whenARecordedZoneIsNoLongerAvailable_keepsIt() {
    assertEquals(
        List.of("us-east-1a", "us-east-1c", "us-east-1d"),
        WebServiceStack.zones(
            List.of("us-east-1a", "us-east-1c"),
            available("us-east-1a", "us-east-1c", "us-east-1d")));
  }
}
