package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void closest_whenMisspelt_findsTheKey() {
    assertEquals(Optional.of("memory"), Suggestions.closest("memroy", SpecReader.SERVICE_KEYS));
    assertEquals(
        Optional.of("healthCheck"), Suggestions.closest("health_check", SpecReader.SERVICE_KEYS));
    assertEquals(
        Optional.of("logRetentionDays"),
        Suggestions.closest("log-retention-days", SpecReader.SERVICE_KEYS));
    assertEquals(
        Optional.of("entrypoint"), Suggestions.closest("entryPoint", SpecReader.SERVICE_KEYS));
  }

  @Test
  void closest_whenNothingIsNear_isEmpty() {
    assertEquals(Optional.empty(), Suggestions.closest("replicas", SpecReader.SERVICE_KEYS));
  }

  @Test
  void levenshtein_countsEdits() {
    assertEquals(3, Suggestions.levenshtein("kitten", "sitting"));
    assertEquals(0, Suggestions.levenshtein("", ""));
  }
}
