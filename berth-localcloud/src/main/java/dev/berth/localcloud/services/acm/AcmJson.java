package dev.berth.localcloud.services.acm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** The JSON of certificates: CertificateDetail and CertificateSummary. Timestamps in seconds. */
final class AcmJson {
  private static final Duration VALIDITY = Duration.ofDays(395);

  private AcmJson() {}

  static void detail(ObjectNode d, Res c, World w, List<String> inUseBy) {
    String status = c.str("status");
    boolean issued = status.equals("ISSUED");
    boolean dns = "DNS".equals(c.str("validationMethod"));
    boolean recordShown = w.nowMillis() >= c.num("recordAt", 0);
    d.put("CertificateArn", c.arn);
    d.put("DomainName", c.name);
    ArrayNode sans = d.putArray("SubjectAlternativeNames");
    c.listAttr("subjectAlternativeNames").forEach(s -> sans.add(s.toString()));
    ArrayNode dvos = d.putArray("DomainValidationOptions");
    for (Object o : c.listAttr("subjectAlternativeNames")) {
      String name = o.toString();
      ObjectNode v = dvos.addObject();
      v.put("DomainName", name);
      String base = DnsValidation.validationDomain(name);
      v.put("ValidationDomain", name);
      v.put(
          "ValidationStatus",
          issued ? "SUCCESS" : status.equals("FAILED") ? "FAILED" : "PENDING_VALIDATION");
      if (dns && recordShown) {
        ObjectNode rr = v.putObject("ResourceRecord");
        rr.put("Name", DnsValidation.recordName(name));
        rr.put("Type", "CNAME");
        rr.put("Value", DnsValidation.recordValue(name));
      }
      if (!dns) {
        ArrayNode emails = v.putArray("ValidationEmails");
        for (String box :
            List.of("admin", "administrator", "hostmaster", "postmaster", "webmaster")) {
          emails.add(box + "@" + base);
        }
      }
      v.put("ValidationMethod", dns ? "DNS" : "EMAIL");
    }
    d.put("Subject", "CN=" + c.name);
    d.put("CreatedAt", seconds(c.createdAt));
    if (issued) {
      long at = c.num("issuedAt", c.createdAt);
      d.put("Serial", serial(c.arn));
      d.put("Issuer", "Amazon");
      d.put("IssuedAt", seconds(at));
      d.put("NotBefore", seconds(at));
      d.put("NotAfter", seconds(at + VALIDITY.toMillis()));
    }
    d.put("Status", status);
    if (c.str("failureReason") != null) {
      d.put("FailureReason", c.str("failureReason"));
    }
    d.put("KeyAlgorithm", "RSA-2048");
    d.put("SignatureAlgorithm", "SHA256WITHRSA");
    ArrayNode users = d.putArray("InUseBy");
    inUseBy.forEach(users::add);
    d.put("Type", "AMAZON_ISSUED");
    if (issued) {
      d.putArray("KeyUsages").addObject().put("Name", "DIGITAL_SIGNATURE");
      ((ArrayNode) d.get("KeyUsages")).addObject().put("Name", "KEY_ENCIPHERMENT");
      ArrayNode eku = d.putArray("ExtendedKeyUsages");
      eku.addObject().put("Name", "TLS_WEB_SERVER_AUTHENTICATION").put("OID", "1.3.6.1.5.5.7.3.1");
      eku.addObject().put("Name", "TLS_WEB_CLIENT_AUTHENTICATION").put("OID", "1.3.6.1.5.5.7.3.2");
    }
    d.put("RenewalEligibility", issued && !inUseBy.isEmpty() ? "ELIGIBLE" : "INELIGIBLE");
    d.putObject("Options").put("CertificateTransparencyLoggingPreference", "ENABLED");
  }

  static void summary(ObjectNode s, Res c, boolean inUse) {
    String status = c.str("status");
    boolean issued = status.equals("ISSUED");
    s.put("CertificateArn", c.arn);
    s.put("DomainName", c.name);
    ArrayNode sans = s.putArray("SubjectAlternativeNameSummaries");
    c.listAttr("subjectAlternativeNames").forEach(x -> sans.add(x.toString()));
    s.put("HasAdditionalSubjectAlternativeNames", false);
    s.put("Status", status);
    s.put("Type", "AMAZON_ISSUED");
    s.put("KeyAlgorithm", "RSA-2048");
    if (issued) {
      s.putArray("KeyUsages").add("DIGITAL_SIGNATURE").add("KEY_ENCIPHERMENT");
      s.putArray("ExtendedKeyUsages")
          .add("TLS_WEB_SERVER_AUTHENTICATION")
          .add("TLS_WEB_CLIENT_AUTHENTICATION");
    }
    s.put("InUse", inUse);
    s.put("RenewalEligibility", issued && inUse ? "ELIGIBLE" : "INELIGIBLE");
    s.put("CreatedAt", seconds(c.createdAt));
    if (issued) {
      long at = c.num("issuedAt", c.createdAt);
      s.put("NotBefore", seconds(at));
      s.put("NotAfter", seconds(at + VALIDITY.toMillis()));
      s.put("IssuedAt", seconds(at));
    }
  }

  static double seconds(long millis) {
    return millis / 1000.0;
  }

  private static String serial(String arn) {
    byte[] b = new byte[16];
    int h = arn.hashCode();
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (h >>> (i % 4 * 8) ^ i * 31);
    }
    return HexFormat.ofDelimiter(":").formatHex(b);
  }
}
