package dev.berth.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.core.AwsException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsChunkedTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decode_unsignedChunksWithTrailer() {
    var d =
        AwsChunked.decode(
            bytes("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"));
    assertEquals("hello world", new String(d.payload(), StandardCharsets.UTF_8));
    assertEquals("DUoRhQ==", d.trailers().get("x-amz-checksum-crc32"));
    assertEquals(Checksums.base64("crc32", bytes("hello world")), "DUoRhQ==");
  }

  @Test
  void decode_signedChunksWithTrailerSignature() {
    var d =
        AwsChunked.decode(
            bytes(
                "3;chunk-signature=abc\r\nabc\r\n0;chunk-signature=def\r\n"
                    + "x-amz-checksum-crc32c:AAAAAA==\r\nx-amz-trailer-signature:123\r\n\r\n"));
    assertEquals("abc", new String(d.payload(), StandardCharsets.UTF_8));
    assertEquals("AAAAAA==", d.trailers().get("x-amz-checksum-crc32c"));
  }

  @Test
  void decode_withoutTrailers() {
    var d = AwsChunked.decode(bytes("2;chunk-signature=a\r\nok\r\n0;chunk-signature=b\r\n\r\n"));
    assertEquals("ok", new String(d.payload(), StandardCharsets.UTF_8));
    assertTrue(d.trailers().isEmpty());
  }

  @Test
  void decode_whenTruncated_throwsIncompleteBody() {
    var e = assertThrows(AwsException.class, () -> AwsChunked.decode(bytes("a\r\nshort")));
    assertEquals("IncompleteBody", e.code());
  }
}
