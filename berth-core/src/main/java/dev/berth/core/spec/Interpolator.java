package dev.berth.core.spec;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} in a value with the variable's value from an injected environment;
 * {@code $${env:NAME}} stands for the literal text. Other {@code ${...}} text is left alone, so a
 * shell command such as {@code echo ${HOME}} survives.
 */
final class Interpolator {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{env:([^}]*)(})?");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Function<String, String> environment;

  Interpolator(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** The interpolated text; reports each missing or malformed reference against {@code field}. */
  String apply(String text, String field, Problems problems) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement(m, field, problems)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String replacement(Matcher m, String field, Problems problems) {
    if (m.group().equals("$${")) {
      return "${";
    }
    String name = m.group(1);
    if (m.group(2) == null) {
      problems.add(
          field,
          "\"${env:\" is not closed",
          "write the reference as ${env:NAME}, or $${env:...} for the literal text");
      return "";
    }
    if (!VARIABLE.matcher(name).matches()) {
      problems.add(
          field,
          "\"${env:%s}\" does not name an environment variable".formatted(name),
          "variable names use letters, digits and underscores and do not start with a digit");
      return "";
    }
    String value = environment.apply(name);
    if (value == null) {
      problems.add(
          field,
          "environment variable %s is not set".formatted(name),
          "set %s in the environment berth runs in, or write the value in the file"
              .formatted(name));
      return "";
    }
    return value;
  }
}
