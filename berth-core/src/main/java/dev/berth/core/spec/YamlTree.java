package dev.berth.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one YAML document into {@link YamlNode}s. Syntax errors become a single problem with line
 * and column; the parser's own message is trimmed of its source excerpt, which could show a
 * password written in the file.
 */
final class YamlTree {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");
  private static final String DUPLICATE = "Duplicate field ";
  private static final String SYNTAX_FIX =
      "check the indentation (spaces, not tabs) and quoting near that line";

  private YamlTree() {}

  /** The document's root node; throws {@link SpecException} if it is not well-formed YAML. */
  static YamlNode parse(String source, String text) {
    try (YAMLParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) {
        throw single(source, "the file is empty", SpecProblem.START_EMPTY);
      }
      YamlNode root = read(source, parser);
      if (parser.nextToken() != null) {
        throw single(
            source,
            "the file holds more than one YAML document",
            "describe one service per file and remove the '---' separator");
      }
      return root;
    } catch (JsonProcessingException e) {
      boolean duplicate = e.getOriginalMessage().startsWith(DUPLICATE);
      throw single(source, syntaxMessage(e), duplicate ? "keep only one of them" : SYNTAX_FIX);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static YamlNode read(String source, YAMLParser p) throws IOException {
    if (p.isCurrentAlias()) {
      JsonLocation at = p.currentTokenLocation();
      throw single(
          source,
          "line %d, column %d: YAML aliases (*name) are not supported"
              .formatted(at.getLineNr(), at.getColumnNr()),
          "write the value out in full");
    }
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          entries.put(key, read(source, p));
        }
        return new YamlNode.Mapping(Collections.unmodifiableMap(entries));
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(source, p));
        }
        return new YamlNode.Sequence(List.copyOf(items));
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new YamlNode.Scalar(p.getText(), YamlNode.Kind.NUMBER);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new YamlNode.Scalar(p.getText(), YamlNode.Kind.BOOLEAN);
      case VALUE_NULL:
        return new YamlNode.Scalar("", YamlNode.Kind.NULL);
      default:
        return new YamlNode.Scalar(p.getText(), YamlNode.Kind.TEXT);
    }
  }

  /**
   * The parser's explanation without the quoted source lines it appends, at the position of the
   * problem: the last position the explanation names, which is sometimes not the exception's own.
   */
  private static String syntaxMessage(JsonProcessingException e) {
    String original = e.getOriginalMessage();
    if (original.startsWith(DUPLICATE)) {
      original = "the key " + original.substring(DUPLICATE.length()) + " appears twice";
    }
    String explanation =
        original
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining(": "));
    Matcher mark = MARK.matcher(original);
    String where = null;
    while (mark.find()) {
      where = "line %s, column %s: ".formatted(mark.group(1), mark.group(2));
    }
    JsonLocation at = e.getLocation();
    if (where == null && at != null) {
      where = "line %d, column %d: ".formatted(at.getLineNr(), at.getColumnNr());
    }
    return (where == null ? "" : where) + "invalid YAML: " + explanation;
  }

  private static SpecException single(String source, String message, String fix) {
    return new SpecException(source, List.of(new SpecProblem(SpecProblem.DOCUMENT, message, fix)));
  }
}
