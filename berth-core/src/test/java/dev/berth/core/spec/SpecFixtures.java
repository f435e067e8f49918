package dev.berth.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test resources and a fake environment, so no test reads the real one. */
final class SpecFixtures {
  static final String PASSWORD = "hunter2-s3cr3t-Pa55";
  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "REGISTRY_USERNAME", "robot$deploy",
          "REGISTRY_PASSWORD", PASSWORD,
          "GREETING_NAME", "world");

  private SpecFixtures() {}

  static SpecLoader loader() {
    return new SpecLoader(ENVIRONMENT::get);
  }

  static String resource(String path) {
    try (InputStream in = SpecFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
