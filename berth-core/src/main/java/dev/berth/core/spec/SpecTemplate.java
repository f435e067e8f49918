package dev.berth.core.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The commented example berth.yaml that {@code berth init} writes. */
public final class SpecTemplate {
  private static final String RESOURCE = "/berth-init.yaml";

  private SpecTemplate() {}

  public static String render() {
    try (InputStream in = SpecTemplate.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the berth-core jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
