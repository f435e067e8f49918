package dev.berth.core.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salted fingerprints of secret values: enough to tell that a secret changed, useless for guessing
 * it without the stack's salt.
 */
public final class Fingerprints {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Fingerprints() {}

  /** HMAC-SHA256 of {@code value} keyed by {@code salt}, base64url, first 22 characters. */
  public static String of(String salt, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A new random salt for a new stack. */
  public static String newSalt() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
