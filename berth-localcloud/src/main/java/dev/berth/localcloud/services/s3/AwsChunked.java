package dev.berth.localcloud.services.s3;

import dev.berth.localcloud.core.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} request body: {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n}
 * chunks ending with a zero-size chunk, then optional trailer lines ({@code
 * x-amz-checksum-crc32:…}) and an empty line. Recent SDKs send every PutObject this way.
 */
final class AwsChunked {
  /** The payload and the trailers (lower-case names). */
  record Decoded(byte[] payload, Map<String, String> trailers) {}

  private AwsChunked() {}

  /** Whether the request body is aws-chunked framed. */
  static boolean applies(String contentEncoding, String contentSha256) {
    return contentEncoding != null
            && contentEncoding.toLowerCase(Locale.ROOT).contains("aws-chunked")
        || contentSha256 != null && contentSha256.startsWith("STREAMING-");
  }

  static Decoded decode(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    Map<String, String> trailers = new LinkedHashMap<>();
    int pos = 0;
    while (true) {
      int eol = lineEnd(body, pos);
      String header = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
      pos = eol + 2;
      int semi = header.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? header : header.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw incomplete();
      }
      if (size == 0) {
        break;
      }
      if (size < 0 || pos + size + 2 > body.length) {
        throw incomplete();
      }
      out.write(body, pos, size);
      pos += size;
      if (body[pos] != '\r' || body[pos + 1] != '\n') {
        throw incomplete();
      }
      pos += 2;
    }
    while (pos < body.length) {
      int eol = lineEnd(body, pos);
      String line = new String(body, pos, eol - pos, StandardCharsets.US_ASCII);
      pos = eol + 2;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        trailers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return new Decoded(out.toByteArray(), trailers);
  }

  private static int lineEnd(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    throw incomplete();
  }

  private static AwsException incomplete() {
    return AwsException.client(
        "IncompleteBody", "The request body terminated unexpectedly (malformed aws-chunked data)");
  }
}
