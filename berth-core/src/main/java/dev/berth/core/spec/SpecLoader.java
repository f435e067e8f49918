package dev.berth.core.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads {@code berth.yaml} into a validated {@link ServiceSpec}, or throws a {@link SpecException}
 * listing every problem. {@code ${env:NAME}} in any value is replaced from the environment given to
 * the constructor.
 */
public final class SpecLoader {
  private final SpecReader reader;
  private final SpecValidator validator = new SpecValidator();

  /** {@code environment} maps a variable name to its value, or null if it is not set. */
  public SpecLoader(Function<String, String> environment) {
    this.reader = new SpecReader(new Interpolator(environment));
  }

  /** A loader that interpolates from this process's environment. */
  public static SpecLoader withSystemEnvironment() {
    return new SpecLoader(System::getenv);
  }

  public ServiceSpec load(Path file) {
    String source = file.toString();
    try {
      return parse(source, Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new SpecException(
          source,
          List.of(
              new SpecProblem(
                  SpecProblem.DOCUMENT, "the file does not exist", SpecProblem.START_MISSING)));
    } catch (IOException e) {
      throw new SpecException(
          source,
          List.of(
              new SpecProblem(
                  SpecProblem.DOCUMENT,
                  "the file cannot be read (" + e.getClass().getSimpleName() + ")",
                  "check that it is a readable UTF-8 text file")));
    }
  }

  /** Parses and validates {@code yaml}; {@code source} names it in messages. */
  public ServiceSpec parse(String source, String yaml) {
    Problems shape = new Problems();
    ServiceSpec spec =
        reader
            .read(YamlTree.parse(source, yaml), shape)
            .orElseThrow(() -> new SpecException(source, shape.list()));
    List<SpecProblem> all = new ArrayList<>(shape.list());
    for (SpecProblem p : validator.validate(spec)) {
      if (!coveredBy(p, shape.list())) {
        all.add(p);
      }
    }
    if (!all.isEmpty()) {
      throw new SpecException(source, all);
    }
    return spec;
  }

  /**
   * A field that could not be read was given a default or left out, so what the validator says
   * about it (or about anything inside it) would only repeat the first problem or mislead.
   */
  private static boolean coveredBy(SpecProblem p, List<SpecProblem> shape) {
    for (SpecProblem s : shape) {
      String f = s.field();
      if (p.field().equals(f) || p.field().startsWith(f + ".") || p.field().startsWith(f + "[")) {
        return true;
      }
    }
    return false;
  }
}
