package dev.berth.core.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under specs/invalid starts with {@code # expect: <field path>} and optionally {@code #
 * fix-contains: <text>}; loading it must fail with a problem for that field that says how to fix
 * it.
 */
class InvalidSpecsTest {
  static Stream<Path> invalidSpecs() throws IOException, URISyntaxException {
    Path dir = Path.of(InvalidSpecsTest.class.getResource("/specs/invalid").toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 35, "the corpus has only " + files.size() + " specs");
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void parse_whenSpecIsInvalid_reportsTheExpectedFieldWithAFix(Path file) throws IOException {
    String yaml = Files.readString(file);
    String field = header(yaml, "expect").orElseThrow(() -> new AssertionError("no # expect:"));
    Optional<String> fixContains = header(yaml, "fix-contains");

    SpecException e =
        assertThrows(SpecException.class, () -> SpecFixtures.loader().parse("berth.yaml", yaml));

    List<SpecProblem> matching =
        e.problems().stream().filter(p -> p.field().equals(field)).toList();
    if (matching.isEmpty()) {
      fail("no problem for " + field + " in:\n" + e.getMessage());
    }
    for (SpecProblem p : matching) {
      assertFalse(p.fix().isBlank(), p.toString());
      assertFalse(p.message().isBlank(), p.toString());
    }
    fixContains.ifPresent(
        text ->
            assertTrue(
                matching.stream().anyMatch(p -> p.fix().contains(text)),
                "no fix containing [" + text + "] in:\n" + e.getMessage()));
    assertFalse(e.getMessage().contains(SpecFixtures.PASSWORD), e.getMessage());
  }

  private static Optional<String> header(String yaml, String key) {
    String prefix = "# " + key + ": ";
    return yaml.lines()
        .takeWhile(line -> line.startsWith("#"))
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()).strip())
        .findFirst();
  }
}
