package dev.berth.aws.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.GoneIsDeleted;
import dev.berth.aws.LocalAws;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.acm.model.CertificateStatus;

class CertificateHandlersTest {
  static final SteppingClock CLOCK = new SteppingClock();

  @RegisterExtension
  static LocalCloudExtension ext = new LocalCloudExtension(CLOCK, Profile.aws(1.0));

  LocalCloud cloud;
  AwsClients aws;
  CertificateHandler certificates;
  CertificateValidationHandler validations;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    aws = LocalAws.clients(cloud);
    certificates = new CertificateHandler(aws);
    validations = new CertificateValidationHandler(aws);
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private static TestContext ctx(String id) {
    return new TestContext("hello", id, CLOCK);
  }

  private Observed certificate(String domain) throws Exception {
    return certificates.create(ctx("certificate"), Map.of("domainName", domain));
  }

  /** The validation CNAME, stored as berth's Cloudflare handler stores it (no trailing dots). */
  private void publish(Observed cert) {
    synchronized (cloud.world()) {
      Res zone = cloud.cloudflareZone("example.com", "token");
      Res r = new Res("cloudflare", "dns_record", cloud.world().newId("", 32));
      r.name = cert.outputs().get("validationName").replaceAll("\\.$", "");
      r.attrs.put("zoneId", zone.id);
      r.attrs.put("type", "CNAME");
      r.attrs.put("content", cert.outputs().get("validationValue").replaceAll("\\.$", ""));
      r.attrs.put("ttl", 60);
      r.attrs.put("proxied", false);
      cloud.world().put(r);
    }
  }

  private CertificateStatus status(String arn) {
    return aws.acm().describeCertificate(r -> r.certificateArn(arn)).certificate().status();
  }

  @Test
  void certificate_create_waitsForTheValidationRecord_andOutputsIt() throws Exception {
    Instant start = CLOCK.instant();
    TestContext ctx = ctx("certificate");
    Observed cert = certificates.create(ctx, Map.of("domainName", "hello.example.com"));

    assertTrue(Duration.between(start, CLOCK.instant()).toSeconds() >= 5, "acm.record is 5 s");
    String arn = cert.outputs().get("arn");
    assertEquals(cert.physicalId(), arn);
    assertTrue(
        cert.outputs().get("validationName").matches("_[0-9a-f]{32}\\.hello\\.example\\.com\\."),
        cert.outputs().get("validationName"));
    assertTrue(cert.outputs().get("validationValue").endsWith(".acm-validations.aws."));
    var rr =
        aws.acm()
            .describeCertificate(r -> r.certificateArn(arn))
            .certificate()
            .domainValidationOptions()
            .get(0)
            .resourceRecord();
    assertEquals(rr.name(), cert.outputs().get("validationName"));
    assertEquals(rr.value(), cert.outputs().get("validationValue"));
    assertTrue(ctx.progressMessages().contains("ACM has not published the validation record yet"));
    assertTrue(
        aws.acm().listTagsForCertificate(r -> r.certificateArn(arn)).tags().stream()
            .anyMatch(t -> t.key().equals("berth:stack") && t.value().equals("hello")));
  }

  @Test
  void certificate_createRetried_getsTheSameCertificate() throws Exception {
    assertEquals(
        certificate("hello.example.com").physicalId(),
        certificate("hello.example.com").physicalId());
    assertEquals(1, cloud.world().of("acm", "certificate").count());
  }

  @Test
  void validation_onceTheCnameExists_returnsWhenIssued() throws Exception {
    Observed cert = certificate("hello.example.com");
    publish(cert);
    Instant start = CLOCK.instant();
    TestContext ctx = ctx("certificate-validation");

    Observed v = validations.create(ctx, Map.of("certificateArn", cert.physicalId()));

    assertEquals(cert.physicalId(), v.outputs().get("arn"));
    assertEquals(CertificateStatus.ISSUED, status(cert.physicalId()));
    assertTrue(Duration.between(start, CLOCK.instant()).toSeconds() >= 60, "acm.issue is 60 s");
    assertTrue(ctx.progressMessages().get(0).contains(cert.outputs().get("validationName")));
    assertEquals(
        "ISSUED", validations.read(ctx, cert.physicalId(), Map.of()).orElseThrow().status());
    assertTrue(validations.find(ctx, Map.of("certificateArn", cert.physicalId())).isPresent());
  }

  @Test
  void validation_withoutTheCname_timesOutAfter30MinutesSayingWhatToCheck() throws Exception {
    Observed cert = certificate("hello.example.com");
    Instant start = CLOCK.instant();

    var e =
        assertThrows(
            WaitTimeoutException.class,
            () ->
                validations.create(
                    ctx("certificate-validation"), Map.of("certificateArn", cert.physicalId())));

    assertEquals(Duration.ofMinutes(30), Duration.between(start, CLOCK.instant()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Timed out after 1800 s waiting for ACM to issue the certificate for hello.example.com"),
        e.getMessage());
    assertTrue(e.getMessage().contains(cert.outputs().get("validationName")), e.getMessage());
    assertTrue(e.hint().contains(cert.outputs().get("validationValue")), e.hint());
    assertTrue(e.hint().contains("NS records"), e.hint());
    assertTrue(
        validations
            .find(ctx("certificate-validation"), Map.of("certificateArn", cert.physicalId()))
            .isEmpty());
  }

  @Test
  void validation_whenAcmFails_reportsTheReasonAndAFix() throws Exception {
    Observed cert = certificate("app.fail.example");
    publish(cert);

    var e =
        assertThrows(
            BerthException.class,
            () ->
                validations.create(
                    ctx("certificate-validation"), Map.of("certificateArn", cert.physicalId())));

    assertFalse(e instanceof WaitTimeoutException);
    assertTrue(e.getMessage().contains("app.fail.example"), e.getMessage());
    assertTrue(e.getMessage().contains("CAA_ERROR"), e.getMessage());
    assertTrue(e.hint().contains("CAA record"), e.hint());
  }

  @Test
  void certificate_delete_whileAListenerUsesIt_isADependency_thenSucceeds() throws Exception {
    Observed cert = certificate("hello.example.com");
    Res listener =
        new Res(
            "elasticloadbalancing",
            "listener",
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/hello/1/2");
    listener.arn = listener.id;
    listener.refs.add(cert.physicalId());
    synchronized (cloud.world()) {
      cloud.world().put(listener);
    }
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                certificates.delete(
                    ctx("certificate"), cert.physicalId(), Map.of(), cert.outputs()));
    assertEquals(ErrorKind.DEPENDENCY, new AwsErrorClassifier().classify(e));

    synchronized (cloud.world()) {
      cloud.world().remove(listener);
    }
    certificates.delete(ctx("certificate"), cert.physicalId(), Map.of(), cert.outputs());
    assertTrue(certificates.read(ctx("certificate"), cert.physicalId(), Map.of()).isEmpty());
    GoneIsDeleted.delete(
        certificates, ctx("certificate"), cert.physicalId(), Map.of(), cert.outputs());
    assertEquals(0, cloud.world().all().count());
  }

  @Test
  void certificate_find_locatesThisStacksCertificateByTags() throws Exception {
    Observed cert = certificate("hello.example.com");
    Map<String, Object> props = Map.of("domainName", "hello.example.com");
    Observed found = certificates.find(ctx("certificate"), props).orElseThrow();
    assertEquals(cert.physicalId(), found.physicalId());
    assertEquals(cert.outputs(), found.outputs());
    assertTrue(certificates.find(new TestContext("other", "certificate", CLOCK), props).isEmpty());
    assertTrue(
        certificates.find(ctx("certificate"), Map.of("domainName", "x.example.com")).isEmpty());
  }

  // ---- ownership: certificates have no name to hold, but find and the token know the lineage

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    Map<String, Object> props = Map.of("domainName", "hello.example.com");
    Observed a = certificates.create(ctx("certificate").lineage("state-a"), props);
    assertTrue(certificates.find(ctx("certificate").lineage("state-b"), props).isEmpty());
    assertEquals(
        a.physicalId(),
        certificates.find(ctx("certificate").lineage("state-a"), props).orElseThrow().physicalId());
  }

  @Test
  void create_byAnotherLineage_requestsItsOwnCertificate() throws Exception {
    // ACM answers a reused idempotency token with the same certificate for an hour: the token
    // carries the lineage, so another state never gets this state's certificate.
    Map<String, Object> props = Map.of("domainName", "hello.example.com");
    Observed a = certificates.create(ctx("certificate").lineage("state-a"), props);
    Observed b = certificates.create(ctx("certificate").lineage("state-b"), props);
    assertFalse(a.physicalId().equals(b.physicalId()));
    assertEquals(2, cloud.world().of("acm", "certificate").count());
    assertTrue(certificates.holder(ctx("certificate"), props).isEmpty());
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    String arn =
        aws.acm()
            .requestCertificate(r -> r.domainName("hello.example.com").validationMethod("DNS"))
            .certificateArn();
    Map<String, Object> props = Map.of("domainName", "hello.example.com");
    assertEquals(Map.of(), certificates.read(ctx("certificate"), arn, props).orElseThrow().tags());
    certificates.tag(ctx("certificate").lineage("state-a"), arn, props, Map.of());
    assertTrue(
        Ownership.ours(
            ctx("certificate").lineage("state-a"),
            certificates.read(ctx("certificate"), arn, props).orElseThrow().tags()));
  }
}
