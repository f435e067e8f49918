package dev.berth.aws.acm;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Polls;
import dev.berth.core.engine.WaitHandler;
import dev.berth.core.failure.WaitTimeoutException;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;

/**
 * {@code aws.acm.certificate-validation}: waits until the certificate is {@code ISSUED}, which ACM
 * does once it sees the validation CNAME in DNS. The wait has a fixed 30-minute deadline; {@code
 * FAILED} and {@code VALIDATION_TIMED_OUT} end it at once with ACM's reason and what to do. There
 * is nothing to delete.
 */
public final class CertificateValidationHandler implements WaitHandler {
  public static final ResourceType TYPE = CertificateValidationKeys.DESCRIPTOR.type();
  static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final String TROUBLESHOOTING =
      "https://docs.aws.amazon.com/acm/latest/userguide/troubleshooting-failed.html";

  private final AwsClients aws;

  public CertificateValidationHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return CertificateValidationKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String arn = CertificateValidationKeys.CERTIFICATE_ARN.get(props);
    String domain = describe(arn).domainName();
    AtomicReference<ResourceRecord> record = new AtomicReference<>();
    try {
      ctx.await(
          "ACM to issue the certificate for " + domain,
          TIMEOUT,
          Polls.MINUTES,
          () -> {
            CertificateDetail c = describe(arn);
            CertificateHandler.validation(c, domain).ifPresent(v -> record.set(v.resourceRecord()));
            return step(c, record.get());
          });
    } catch (WaitTimeoutException e) {
      throw new WaitTimeoutException(e.getMessage(), timeoutHint(domain, record.get()));
    }
    return Observed.of(arn, Map.of("arn", arn));
  }

  private CertificateDetail describe(String arn) {
    return aws.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
  }

  static WaitStep<String> step(CertificateDetail c, ResourceRecord record) {
    String domain = c.domainName();
    return switch (c.statusAsString()) {
      case "ISSUED" -> WaitStep.done(c.certificateArn());
      case "PENDING_VALIDATION" ->
          WaitStep.pending(
              record == null
                  ? "PENDING_VALIDATION"
                  : "PENDING_VALIDATION until ACM sees the CNAME "
                      + record.name()
                      + " -> "
                      + record.value());
      case "FAILED" ->
          WaitStep.failed(
              "ACM could not issue the certificate for "
                  + domain
                  + ": "
                  + c.failureReasonAsString(),
              hint(c.failureReasonAsString(), domain, record));
      case "VALIDATION_TIMED_OUT" ->
          WaitStep.failed(
              "ACM gave up validating the certificate for "
                  + domain
                  + " (VALIDATION_TIMED_OUT): it did not find the validation CNAME within 72 hours",
              hint("VALIDATION_TIMED_OUT", domain, record));
      default ->
          WaitStep.failed(
              "The certificate for " + domain + " is " + c.statusAsString() + ", not ISSUED",
              "Request a new certificate: run destroy for the certificate, then deploy again.");
    };
  }

  /** What to do about an ACM failure reason. */
  static String hint(String reason, String domain, ResourceRecord record) {
    if ("CAA_ERROR".equals(reason)) {
      return "A CAA record on "
          + domain
          + " or a parent domain does not allow Amazon to issue certificates. Add a CAA record"
          + " for amazon.com (or amazontrust.com, awstrust.com, amazonaws.com), then deploy again."
          + " See "
          + TROUBLESHOOTING;
    }
    if ("VALIDATION_TIMED_OUT".equals(reason)) {
      return "Check that the DNS zone holding the validation record is the one "
          + domain
          + " is delegated to (its NS records)"
          + (record == null ? "" : " and that it serves " + record.name() + " as a CNAME")
          + ", not proxied; then destroy the certificate and deploy again.";
    }
    return "See " + TROUBLESHOOTING + " for reason " + reason + ".";
  }

  private static String timeoutHint(String domain, ResourceRecord record) {
    return "ACM issues a certificate once public DNS serves its validation CNAME"
        + (record == null ? "" : " (" + record.name() + " -> " + record.value() + ")")
        + ". Check that the record exists in the zone "
        + domain
        + " is delegated to (compare the zone's NS records with the registrar's), that it is not"
        + " proxied by Cloudflare, then run deploy again to resume waiting.";
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    try {
      CertificateDetail c = describe(physicalId);
      return Optional.of(
          new Observed(
              physicalId,
              Map.of("arn", physicalId),
              Map.of("certificateArn", physicalId),
              c.statusAsString()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    return read(ctx, CertificateValidationKeys.CERTIFICATE_ARN.get(props), props)
        .filter(o -> "ISSUED".equals(o.status()));
  }
}
