package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks for secrets in what berth printed and wrote: the raw value, every way JSON, URLs or base64
 * could spell it, and its longest letters-and-digits run (which survives any escaping), so that a
 * password with quotes and unicode cannot slip through as {@code \"} or {@code \u00fc}.
 */
public final class SecretScan {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper ASCII_JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final Pattern RUN = Pattern.compile("[A-Za-z0-9]{8,}");

  private final Set<String> forbidden = new LinkedHashSet<>();

  /** Scans for these secrets (and their spellings). */
  public SecretScan(String... secrets) {
    for (String s : secrets) {
      forbidden.addAll(spellings(s));
    }
  }

  private SecretScan(Set<String> forbidden) {
    this.forbidden.addAll(forbidden);
  }

  /** A scan for these secrets and one more. */
  public SecretScan and(String secret) {
    SecretScan s = new SecretScan(forbidden);
    s.forbidden.addAll(spellings(secret));
    return s;
  }

  static List<String> spellings(String secret) {
    List<String> out = new ArrayList<>();
    out.add(secret);
    out.add(unquote(json(JSON, secret)));
    out.add(unquote(json(ASCII_JSON, secret)));
    out.add(unquote(json(JSON, unquote(json(JSON, secret))))); // JSON inside a JSON string
    out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    out.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    Matcher m = RUN.matcher(secret);
    String longest = "";
    while (m.find()) {
      longest = m.group().length() > longest.length() ? m.group() : longest;
    }
    if (!longest.isEmpty()) {
      out.add(longest);
    }
    return out;
  }

  /** The first forbidden spelling in {@code text}, or null. */
  public String findIn(String text) {
    if (text == null) {
      return null;
    }
    for (String f : forbidden) {
      if (text.contains(f)) {
        return f;
      }
    }
    return null;
  }

  /** Fails naming {@code where} if {@code text} holds a secret (without printing the secret). */
  public void assertClean(String where, String text) {
    String found = findIn(text);
    if (found != null) {
      int at = text.indexOf(found);
      fail(
          "a secret ("
              + found.length()
              + " characters) leaked into "
              + where
              + " at offset "
              + at
              + ": ..."
              + redactedContext(text, at, found.length())
              + "...");
    }
  }

  /** Scans every regular file below {@code dir}. */
  public void assertCleanTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        assertClean(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String redactedContext(String text, int at, int len) {
    String before = text.substring(Math.max(0, at - 40), at);
    String after = text.substring(at + len, Math.min(text.length(), at + len + 20));
    return redact(before) + "<SECRET>" + redact(after);
  }

  private String redact(String s) {
    for (String f : forbidden) {
      s = s.replace(f, "<SECRET>");
    }
    return s;
  }

  private static String json(ObjectMapper m, String s) {
    try {
      return m.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unquote(String s) {
    return s.substring(1, s.length() - 1);
  }
}
