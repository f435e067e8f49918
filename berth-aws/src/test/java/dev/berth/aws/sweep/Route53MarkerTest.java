package dev.berth.aws.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.sweep.Owner;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading berth's Route 53 markers in the forms old and new berth versions write. */
class Route53MarkerTest {
  private static final String LINEAGE = "3f2a9c1e-7b4d-4e0a-9f1c-2d5e8a7b6c4d";

  @Test
  void route53Marker_inTheOldAndTheNewForm_namesStackIdAndLineage() {
    assertEquals(
        Optional.of(new Owner("hello", "dns-record")),
        Route53Discovery.owner("\"berth stack=hello id=dns-record\""));
    assertEquals(
        Optional.of(new Owner("hello", "dns-record", LINEAGE, null)),
        Route53Discovery.owner("\"berth stack=hello id=dns-record lineage=" + LINEAGE + "\""));
    assertEquals(Optional.empty(), Route53Discovery.owner("\"v=spf1 -all\""));
    assertEquals(Optional.empty(), Route53Discovery.owner("\"berth id=dns-record\""));
    assertEquals(Optional.empty(), Route53Discovery.owner("berth stack=hello id=dns-record"));
  }
}
