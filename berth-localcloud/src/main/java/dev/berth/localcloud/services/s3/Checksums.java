package dev.berth.localcloud.services.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The checksums S3 verifies: the flexible {@code x-amz-checksum-*} ones, Content-MD5, ETag. */
final class Checksums {
  /** Algorithms localcloud can verify, by header suffix. Others are stored unverified. */
  static final List<String> VERIFIABLE = List.of("crc32", "crc32c", "sha1", "sha256");

  private Checksums() {}

  /** Base64 of the checksum of {@code data} for a {@code x-amz-checksum-<algorithm>} header. */
  static String base64(String algorithm, byte[] data) {
    return switch (algorithm) {
      case "crc32" -> crc(new CRC32(), data);
      case "crc32c" -> crc(new CRC32C(), data);
      case "sha1" -> Base64.getEncoder().encodeToString(digest("SHA-1", data));
      case "sha256" -> Base64.getEncoder().encodeToString(digest("SHA-256", data));
      default -> null;
    };
  }

  static String md5Base64(byte[] data) {
    return Base64.getEncoder().encodeToString(digest("MD5", data));
  }

  static String md5Hex(byte[] data) {
    return HexFormat.of().formatHex(digest("MD5", data));
  }

  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(digest("SHA-256", data));
  }

  private static String crc(Checksum c, byte[] data) {
    c.update(data, 0, data.length);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
