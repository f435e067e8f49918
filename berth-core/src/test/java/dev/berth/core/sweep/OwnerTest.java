package dev.berth.core.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading berth's marks in the forms old and new berth versions write. */
class OwnerTest {
  private static final String LINEAGE = "3f2a9c1e-7b4d-4e0a-9f1c-2d5e8a7b6c4d";

  @Test
  void of_whenTagsCarryLineageAndOrigin_readsThemAndTheOriginsInstant() {
    Owner o =
        Owner.of(
                Map.of(
                    "berth:stack", "hello",
                    "berth:id", "vpc",
                    "berth:lineage", LINEAGE,
                    "berth:origin", "alice@laptop 2024-05-01T10:15:30Z"),
                Optional.empty())
            .orElseThrow();

    assertEquals(new Owner("hello", "vpc", LINEAGE, "alice@laptop 2024-05-01T10:15:30Z"), o);
    assertEquals(Optional.of(Instant.parse("2024-05-01T10:15:30Z")), o.originInstant());
  }

  @Test
  void of_whenTagsAreAnOlderBerths_hasNoLineageNorOrigin() {
    Owner o = Owner.of(Map.of("berth:stack", "hello", "berth:id", "vpc"), Optional.empty()).get();

    assertEquals(new Owner("hello", "vpc", null, null), o);
    assertEquals(Optional.empty(), o.originInstant());
  }

  @Test
  void of_whenAnotherStackIsAskedFor_isEmpty() {
    assertEquals(Optional.empty(), Owner.of(Map.of("berth:stack", "hello"), Optional.of("other")));
    assertEquals(Optional.empty(), Owner.of(Map.of("berth:id", "vpc"), Optional.empty()));
  }

  @Test
  void originInstant_withAnOffsetOrNoInstant_parsesWhatItCan() {
    assertEquals(
        Optional.of(Instant.parse("2024-05-01T08:15:30Z")),
        new Owner("s", "i", null, "bob@ci-7 2024-05-01T10:15:30+02:00").originInstant());
    assertEquals(Optional.empty(), new Owner("s", "i", null, "bob@ci-7").originInstant());
  }
}
