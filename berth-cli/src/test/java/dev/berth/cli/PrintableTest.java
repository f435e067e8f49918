package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.failure.BerthException;
import dev.berth.core.spec.SpecException;
import dev.berth.core.spec.SpecProblem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrintableTest {
  static Stream<Arguments> controlAndLayoutCharacters() {
    return Stream.of(
        Arguments.of("line feed", "a\nb", "a\\nb"),
        Arguments.of("carriage return", "a\rb", "a\\rb"),
        Arguments.of("tab", "a\tb", "a\\tb"),
        Arguments.of("escape", "\u001b[2Jx", "\\u001b[2Jx"),
        Arguments.of("NUL", "a\u0000b", "a\\u0000b"),
        Arguments.of("DEL", "a\u007fb", "a\\u007fb"),
        Arguments.of("C1 CSI", "a\u009bb", "a\\u009bb"),
        Arguments.of("right-to-left override", "a\u202eb", "a\\u202eb"),
        Arguments.of("left-to-right isolate", "a\u2066b", "a\\u2066b"),
        Arguments.of("line separator", "a\u2028b", "a\\u2028b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlAndLayoutCharacters")
  void of_whenValueHasControlOrLayoutCharacters_escapesThemVisibly(
      String what, String value, String printed) {
    assertEquals(printed, Printable.of(value));
  }

  @Test
  void of_whenValueIsPlainOrInternational_leavesItAlone() {
    String value = "app.example.com ünïcödé ✓ עברית \\n";
    assertSame(value, Printable.of(value));
  }

  @Test
  void of_whenValueIsNotAString_printsItsText() {
    assertEquals("{K=a\\n+ fake}", Printable.of(Map.of("K", "a\n+ fake")));
    assertEquals("null", Printable.of(null));
  }

  @Test
  void text_keepsLineFeedsTabsAndCrlfButEscapesTheRest() {
    assertEquals(
        "one\ntwo\tcol\r\nthree\\r\\u001b[0m", Printable.text("one\ntwo\tcol\r\nthree\r\u001b[0m"));
  }

  @Test
  void block_whenTextHasSeveralLines_indentsAllButTheFirst() {
    assertEquals("failed\n    + fake\n    last", Printable.block("failed\n+ fake\nlast", "    "));
  }

  @Test
  void stream_whenAnythingIsPrinted_escapesControlCharactersButKeepsLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintStream out = Printable.stream(target);

    out.println("a\u001b[31mb");
    out.printf("%s|%d%n", "x\u202ey", 7);
    out.print('\u0007');
    out.append("z\n");
    out.println(42);

    assertEquals(
        "a\\u001b[31mb\nx\\u202ey|7\n\\u0007z\n42\n", bytes.toString(StandardCharsets.UTF_8));
    assertSame(out, Printable.stream(out));
  }

  @Test
  void stream_whenJsonIsPrinted_staysValidJsonWithTheSameValues() throws Exception {
    Map<String, Object> value = Map.of("v", "a\u202e\u007f\u0085\nb\u001b");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = Printable.stream(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    out.println(Json.write(value));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(-1, printed.indexOf('\u202e'), printed);
    assertEquals(value, new ObjectMapper().readValue(printed, Map.class));
  }

  @Test
  void errorMessage_whenAProblemQuotesAValueWithANewline_keepsEachProblemOnOneLine() {
    SpecException e =
        new SpecException(
            "berth.yaml",
            List.of(
                new SpecProblem("domain.hostname", "\"a\nError: forged\" is not valid", "fix"),
                new SpecProblem("port", "0 is out of range", "use 1 to 65535")));

    String printed = Main.message(e);

    assertEquals(
        "berth.yaml has 2 problems:\n"
            + "  domain.hostname: \"a\\nError: forged\" is not valid — fix\n"
            + "  port: 0 is out of range — use 1 to 65535",
        printed);
  }

  @Test
  void errorMessage_whenAnotherFailureHasSeveralLines_indentsTheRest() {
    String printed = Main.message(new BerthException("deploy failed\nError: forged", "x"));

    assertEquals("deploy failed\n  Error: forged", printed);
  }
}
