package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateSizesTest {
  @ParameterizedTest
  @CsvSource({
    "256,512",
    "256,2048",
    "512,1024",
    "512,4096",
    "1024,2048",
    "1024,8192",
    "2048,16384",
    "4096,30720",
    "8192,16384",
    "8192,20480",
    "8192,61440",
    "16384,32768",
    "16384,122880"
  })
  void isValid_whenFargateOffersThePair_isTrue(int cpu, int memory) {
    assertTrue(FargateSizes.isValid(cpu, memory));
  }

  @ParameterizedTest
  @CsvSource({
    "256,4096",
    "512,512",
    "1024,9216",
    "4096,31744",
    "8192,17408",
    "8192,65536",
    "16384,36864",
    "300,1024"
  })
  void isValid_whenFargateDoesNotOfferThePair_isFalse(int cpu, int memory) {
    assertFalse(FargateSizes.isValid(cpu, memory));
  }

  @org.junit.jupiter.api.Test
  void memoriesFor_listsEveryStep() {
    assertEquals(List.of(1024, 2048, 3072, 4096), FargateSizes.memoriesFor(512));
    assertEquals(12, FargateSizes.memoriesFor(16384).size());
    assertEquals(23, FargateSizes.memoriesFor(4096).size());
  }
}
