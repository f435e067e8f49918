package dev.berth.localcloud.services.acm;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How ACM validates a DNS-validated certificate: the validation CNAME of each name appears in
 * DescribeCertificate after {@code acm.record}; once that CNAME (name and value) is served by a
 * localcloud DNS zone, Cloudflare or Route 53, ACM issues the certificate {@code acm.issue} later.
 * After 72 hours without it, the request times out.
 *
 * <p>Failure hook: a certificate for a name under {@code fail.example} (for example {@code
 * app.fail.example}) ends {@code FAILED} with reason {@code CAA_ERROR} when it would have been
 * issued, as if a CAA record forbade Amazon to issue for it.
 */
final class DnsValidation {
  static final String FAIL_DOMAIN = "fail.example";
  static final Duration GIVE_UP = Duration.ofHours(72);

  private DnsValidation() {}

  /** The name ACM validates for {@code domain}: a wildcard is validated on its base name. */
  static String validationDomain(String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    return d.startsWith("*.") ? d.substring(2) : d;
  }

  /**
   * The validation CNAME of a name. As in ACM, it depends only on account and name, so a new
   * certificate for the same name reuses the record already in DNS.
   */
  static String recordName(String domain) {
    String base = validationDomain(domain);
    return "_" + hex("name|" + World.ACCOUNT + "|" + base).substring(0, 32) + "." + base + ".";
  }

  static String recordValue(String domain) {
    String base = validationDomain(domain);
    String h = hex("value|" + World.ACCOUNT + "|" + base);
    StringBuilder letters = new StringBuilder();
    for (int i = 32; i < 42; i++) {
      letters.append((char) ('a' + Character.digit(h.charAt(i), 16)));
    }
    return "_" + h.substring(0, 32) + "." + letters + ".acm-validations.aws.";
  }

  /** Moves a pending certificate forward: first sight of its records, then issue or fail. */
  static void advance(World w, Res cert) {
    if (!"PENDING_VALIDATION".equals(cert.str("status"))) {
      return;
    }
    long now = w.nowMillis();
    if (now >= cert.createdAt + GIVE_UP.toMillis()) {
      Certificates.setStatus(cert, "VALIDATION_TIMED_OUT");
      return;
    }
    if (!"DNS".equals(cert.str("validationMethod")) || now < cert.num("recordAt", 0)) {
      return;
    }
    boolean published =
        cert.listAttr("subjectAlternativeNames").stream()
            .allMatch(d -> served(w, recordName(d.toString()), recordValue(d.toString())));
    if (!published) {
      cert.attrs.remove("recordSeenAt");
      return;
    }
    cert.attrs.putIfAbsent("recordSeenAt", now);
    if (now < cert.num("recordSeenAt", now) + w.delayMillis("acm.issue")) {
      return;
    }
    if (cert.listAttr("subjectAlternativeNames").stream().anyMatch(d -> failing(d.toString()))) {
      Certificates.setStatus(cert, "FAILED");
      cert.attrs.put("failureReason", "CAA_ERROR");
    } else {
      Certificates.setStatus(cert, "ISSUED");
      cert.attrs.put("issuedAt", now);
    }
  }

  static boolean failing(String domain) {
    String d = validationDomain(domain);
    return d.equals(FAIL_DOMAIN) || d.endsWith("." + FAIL_DOMAIN);
  }

  /**
   * Whether a public localcloud zone serves the CNAME. A proxied Cloudflare record is not served as
   * a CNAME (Cloudflare answers with its own addresses), so ACM never sees it.
   */
  static boolean served(World w, String name, String value) {
    String n = normalise(name);
    String v = normalise(value);
    boolean cloudflare =
        w.of("cloudflare", "dns_record")
            .anyMatch(
                r ->
                    "CNAME".equalsIgnoreCase(r.str("type"))
                        && !r.bool("proxied")
                        && n.equals(normalise(r.name != null ? r.name : r.str("name")))
                        && v.equals(normalise(r.str("content"))));
    if (cloudflare) {
      return true;
    }
    return w.of("route53", "hostedzone")
        .filter(z -> !z.bool("private"))
        .flatMap(z -> z.listAttr("records").stream())
        .map(o -> (Map<?, ?>) o)
        .anyMatch(
            rec ->
                "CNAME".equalsIgnoreCase(String.valueOf(rec.get("type")))
                    && n.equals(normalise(String.valueOf(rec.get("name"))))
                    && rec.get("values") instanceof List<?> values
                    && values.stream().anyMatch(x -> v.equals(normalise(String.valueOf(x)))));
  }

  static String normalise(String dnsName) {
    if (dnsName == null) {
      return "";
    }
    String s = dnsName.trim().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
