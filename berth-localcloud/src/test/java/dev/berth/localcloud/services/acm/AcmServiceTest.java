package dev.berth.localcloud.services.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DomainStatus;
import software.amazon.awssdk.services.acm.model.FailureReason;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.RecordType;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

class AcmServiceTest {
  static final MutableClock CLOCK = new MutableClock();

  @RegisterExtension
  static LocalCloudExtension ext = new LocalCloudExtension(CLOCK, Profile.instant());

  LocalCloud cloud;
  AcmClient acm;

  @BeforeEach
  void client() {
    cloud = ext.cloud();
    acm = Clients.of(AcmClient.builder(), cloud);
  }

  @AfterEach
  void close() {
    acm.close();
  }

  private void delays(Duration record, Duration issue) {
    cloud.world().profile(Profile.instant().with("acm.record", record).with("acm.issue", issue));
  }

  private String request(String domain) {
    return acm.requestCertificate(r -> r.domainName(domain).validationMethod(ValidationMethod.DNS))
        .certificateArn();
  }

  private CertificateDetail describe(String arn) {
    return acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
  }

  private ResourceRecord record(String arn) {
    return describe(arn).domainValidationOptions().get(0).resourceRecord();
  }

  /** A Cloudflare record as the Cloudflare emulation stores it. */
  private void cloudflareCname(String name, String content, boolean proxied) {
    synchronized (cloud.world()) {
      Res zone = cloud.cloudflareZone("example.com", "token");
      Res r = new Res("cloudflare", "dns_record", cloud.world().newId("", 32));
      r.name = name.replaceAll("\\.$", "");
      r.attrs.put("zoneId", zone.id);
      r.attrs.put("type", "CNAME");
      r.attrs.put("content", content.replaceAll("\\.$", ""));
      r.attrs.put("ttl", 1);
      r.attrs.put("proxied", proxied);
      cloud.world().put(r);
    }
  }

  @Test
  void requestCertificate_dns_showsValidationRecordOnlyAfterRecordDelay() {
    delays(Duration.ofSeconds(5), Duration.ZERO);
    String arn = request("hello.example.com");
    assertTrue(arn.matches("arn:aws:acm:us-east-1:123456789012:certificate/[0-9a-f-]{36}"), arn);
    CertificateDetail d = describe(arn);
    assertEquals(CertificateStatus.PENDING_VALIDATION, d.status());
    assertEquals(
        DomainStatus.PENDING_VALIDATION, d.domainValidationOptions().get(0).validationStatus());
    assertNull(d.domainValidationOptions().get(0).resourceRecord());

    CLOCK.advance(Duration.ofSeconds(5));
    ResourceRecord rr = record(arn);
    assertTrue(rr.name().matches("_[0-9a-f]{32}\\.hello\\.example\\.com\\."), rr.name());
    assertTrue(
        rr.value().matches("_[0-9a-f]{32}\\.[a-z]{10}\\.acm-validations\\.aws\\."), rr.value());
    assertEquals(RecordType.CNAME, rr.type());
    assertEquals("hello.example.com", d.domainValidationOptions().get(0).domainName());
    assertEquals(ValidationMethod.DNS, d.domainValidationOptions().get(0).validationMethod());
    assertEquals(List.of("hello.example.com"), d.subjectAlternativeNames());
  }

  @Test
  void requestCertificate_withSameIdempotencyToken_returnsSameArnWithinOneHour() {
    RequestCertificateRequest req =
        RequestCertificateRequest.builder()
            .domainName("hello.example.com")
            .validationMethod(ValidationMethod.DNS)
            .idempotencyToken("abc123")
            .build();
    String first = acm.requestCertificate(req).certificateArn();
    assertEquals(first, acm.requestCertificate(req).certificateArn());
    assertNotEquals(
        first,
        acm.requestCertificate(
                r ->
                    r.domainName("hello.example.com")
                        .validationMethod(ValidationMethod.DNS)
                        .idempotencyToken("other"))
            .certificateArn());
    CLOCK.advance(Duration.ofMinutes(61));
    assertNotEquals(first, acm.requestCertificate(req).certificateArn());
  }

  @Test
  void validationRecord_isTheSameForEveryCertificateOfTheName() {
    ResourceRecord a = record(request("hello.example.com"));
    ResourceRecord b = record(request("hello.example.com"));
    assertEquals(a, b);
    assertNotEquals(a.name(), record(request("other.example.com")).name());
  }

  @Test
  void certificate_isIssuedOnlyAfterCloudflareServesTheCnameForTheIssueDelay() {
    delays(Duration.ZERO, Duration.ofSeconds(60));
    String arn = request("hello.example.com");
    ResourceRecord rr = record(arn);
    CLOCK.advance(Duration.ofMinutes(10));
    assertEquals(CertificateStatus.PENDING_VALIDATION, describe(arn).status());

    cloudflareCname(rr.name(), rr.value(), false);
    assertEquals(CertificateStatus.PENDING_VALIDATION, describe(arn).status(), "first sight");
    CLOCK.advance(Duration.ofSeconds(59));
    assertEquals(CertificateStatus.PENDING_VALIDATION, describe(arn).status());
    CLOCK.advance(Duration.ofSeconds(1));
    CertificateDetail d = describe(arn);
    assertEquals(CertificateStatus.ISSUED, d.status());
    assertEquals(DomainStatus.SUCCESS, d.domainValidationOptions().get(0).validationStatus());
    assertNotNull(d.issuedAt());
    assertNotNull(d.notAfter());
    assertEquals("Amazon", d.issuer());
  }

  @Test
  void certificate_isIssuedWhenRoute53ZoneHasTheCname() {
    String arn = request("hello.example.com");
    ResourceRecord rr = record(arn);
    synchronized (cloud.world()) {
      Res zone = cloud.route53Zone("example.com");
      zone.attrs.put(
          "records",
          new ArrayList<Object>(
              List.of(
                  Map.of(
                      "name",
                      rr.name(),
                      "type",
                      "CNAME",
                      "ttl",
                      300,
                      "values",
                      List.of(rr.value())))));
    }
    assertEquals(CertificateStatus.ISSUED, describe(arn).status());
  }

  @Test
  void certificate_staysPending_whenCnameValueWrongOrProxiedOrMissing() {
    String arn = request("hello.example.com");
    ResourceRecord rr = record(arn);
    cloudflareCname(rr.name(), "_wrong.acm-validations.aws.", false);
    cloudflareCname(rr.name(), rr.value(), true);
    cloudflareCname("hello.example.com", rr.value(), false);
    CLOCK.advance(Duration.ofHours(1));
    assertEquals(CertificateStatus.PENDING_VALIDATION, describe(arn).status());
  }

  @Test
  void certificate_timesOutAfter72HoursWithoutRecord() {
    String arn = request("hello.example.com");
    CLOCK.advance(Duration.ofHours(72));
    assertEquals(CertificateStatus.VALIDATION_TIMED_OUT, describe(arn).status());
  }

  @Test
  void certificate_underFailExample_failsWithCaaError() {
    String arn = request("app.fail.example");
    ResourceRecord rr = record(arn);
    cloudflareCname(rr.name(), rr.value(), false);
    CertificateDetail d = describe(arn);
    assertEquals(CertificateStatus.FAILED, d.status());
    assertEquals(FailureReason.CAA_ERROR, d.failureReason());
    assertEquals(DomainStatus.FAILED, d.domainValidationOptions().get(0).validationStatus());
  }

  @Test
  void deleteCertificate_whileListenerUsesIt_returnsResourceInUse_untilReleased() {
    String arn = request("hello.example.com");
    String lbArn =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello/0123456789abcdef";
    Res listener =
        new Res(
            "elasticloadbalancing",
            "listener",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/hello/0123456789abcdef/1");
    listener.arn = listener.id;
    listener.attrs.put("loadBalancerArn", lbArn);
    listener.refs.add(arn);
    synchronized (cloud.world()) {
      cloud.world().put(listener);
    }
    assertEquals(List.of(lbArn), describe(arn).inUseBy());
    var e =
        assertThrows(
            ResourceInUseException.class, () -> acm.deleteCertificate(r -> r.certificateArn(arn)));
    assertEquals("Certificate " + arn + " is in use.", e.awsErrorDetails().errorMessage());
    assertTrue(acm.listCertificates().certificateSummaryList().get(0).inUse());

    synchronized (cloud.world()) {
      cloud.world().remove(listener);
      cloud
          .world()
          .get("acm", "certificate", arn)
          .orElseThrow()
          .attrs
          .put("inUseUntil", CLOCK.millis() + 10_000);
    }
    assertThrows(
        ResourceInUseException.class, () -> acm.deleteCertificate(r -> r.certificateArn(arn)));
    CLOCK.advance(Duration.ofSeconds(10));
    acm.deleteCertificate(r -> r.certificateArn(arn));
    assertThrows(ResourceNotFoundException.class, () -> describe(arn));
    assertEquals(0, cloud.world().of("acm", "certificate").count());
  }

  @Test
  void describeCertificate_whenMissingOrMalformedArn_returnsNotFoundOrInvalidArn() {
    String missing =
        "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-a000-000000000000";
    assertThrows(ResourceNotFoundException.class, () -> describe(missing));
    assertThrows(InvalidArnException.class, () -> describe("not-an-arn-but-long-enough"));
  }

  @Test
  void requestCertificate_whenDomainInvalid_returnsValidationException() {
    var e =
        assertThrows(
            software.amazon.awssdk.services.acm.model.AcmException.class,
            () -> request("-bad-.example.com"));
    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
  }

  @Test
  void listCertificates_filtersByStatus_andPaginates() {
    String issued = request("a.example.com");
    ResourceRecord rr = record(issued);
    cloudflareCname(rr.name(), rr.value(), false);
    request("b.example.com");
    request("c.example.com");
    assertEquals(CertificateStatus.ISSUED, describe(issued).status());

    var onlyIssued = acm.listCertificates(r -> r.certificateStatuses(CertificateStatus.ISSUED));
    assertEquals(1, onlyIssued.certificateSummaryList().size());
    assertEquals(issued, onlyIssued.certificateSummaryList().get(0).certificateArn());
    assertEquals("a.example.com", onlyIssued.certificateSummaryList().get(0).domainName());

    List<String> domains = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListCertificatesResponse page = acm.listCertificates(r -> r.maxItems(1).nextToken(t));
      page.certificateSummaryList().forEach(s -> domains.add(s.domainName()));
      token = page.nextToken();
    } while (token != null);
    domains.sort(null);
    assertEquals(List.of("a.example.com", "b.example.com", "c.example.com"), domains);
    assertEquals(
        3,
        acm.listCertificatesPaginator(r -> r.maxItems(2)).certificateSummaryList().stream()
            .count());
  }

  @Test
  void tags_fromRequestAndAddTags_areListed_andRemovable() {
    String arn =
        acm.requestCertificate(
                r ->
                    r.domainName("hello.example.com")
                        .validationMethod(ValidationMethod.DNS)
                        .tags(Tag.builder().key("berth:stack").value("hello").build()))
            .certificateArn();
    acm.addTagsToCertificate(
        r -> r.certificateArn(arn).tags(Tag.builder().key("berth:id").value("cert").build()));
    assertEquals(
        List.of(
            Tag.builder().key("berth:stack").value("hello").build(),
            Tag.builder().key("berth:id").value("cert").build()),
        acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags());
    acm.removeTagsFromCertificate(
        r -> r.certificateArn(arn).tags(Tag.builder().key("berth:id").build()));
    assertEquals(1, acm.listTagsForCertificate(r -> r.certificateArn(arn)).tags().size());
  }
}
