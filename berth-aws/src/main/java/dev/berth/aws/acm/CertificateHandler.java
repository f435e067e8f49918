package dev.berth.aws.acm;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Polls;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/**
 * {@code aws.acm.certificate}: requests a DNS-validated certificate and returns once ACM publishes
 * the validation record, whose name and value become outputs for the DNS handler. Waiting for
 * {@code ISSUED} is {@link CertificateValidationHandler}'s job, after that record exists. Deletion
 * fails with ResourceInUseException while a listener still uses the certificate (briefly after the
 * listener is gone too); the engine retries it as a dependency.
 */
public final class CertificateHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = CertificateKeys.DESCRIPTOR.type();
  static final Duration RECORD_TIMEOUT = Duration.ofMinutes(5);

  private final AwsClients aws;

  public CertificateHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return CertificateKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    String domain = CertificateKeys.DOMAIN_NAME.get(props);
    // Same stack, resource and domain: ACM answers a retried request with the same certificate.
    String token = idempotencyToken(ctx, domain);
    String arn =
        aws.acm()
            .requestCertificate(
                r ->
                    r.domainName(domain)
                        .validationMethod(ValidationMethod.DNS)
                        .idempotencyToken(token)
                        .tags(tags(ctx)))
            .certificateArn();
    return observed(arn, domain, awaitRecord(ctx, arn, domain), null);
  }

  private ResourceRecord awaitRecord(ResourceContext ctx, String arn, String domain)
      throws Exception {
    return ctx.await(
        "the DNS validation record of the certificate for " + domain,
        RECORD_TIMEOUT,
        Polls.SECONDS,
        () -> recordStep(aws.acm(), arn, domain));
  }

  /** A certificate found after a crash may not show its validation record yet: wait for it. */
  @Override
  public Observed awaitReady(ResourceContext ctx, Observed found, Map<String, Object> props)
      throws Exception {
    if (found.outputs().containsKey("validationName")) {
      return found;
    }
    String domain = CertificateKeys.DOMAIN_NAME.get(props);
    return observed(
        found.physicalId(), domain, awaitRecord(ctx, found.physicalId(), domain), found.status());
  }

  /** Done once DescribeCertificate carries the validation record of {@code domain}. */
  static WaitStep<ResourceRecord> recordStep(AcmClient acm, String arn, String domain) {
    CertificateDetail c;
    try {
      c = acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    } catch (ResourceNotFoundException e) {
      // ACM documents a delay of several seconds before a new certificate can be described.
      return WaitStep.pending("ACM does not show the new certificate yet");
    }
    if (c.status() == CertificateStatus.FAILED) {
      return WaitStep.failed(
          "ACM refused the certificate for " + domain + ": " + c.failureReasonAsString(),
          CertificateValidationHandler.hint(c.failureReasonAsString(), domain, null));
    }
    return validation(c, domain)
        .map(DomainValidation::resourceRecord)
        .<WaitStep<ResourceRecord>>map(WaitStep::done)
        .orElseGet(() -> WaitStep.pending("ACM has not published the validation record yet"));
  }

  /** The validation entry of {@code domain}, once it carries its record. */
  static Optional<DomainValidation> validation(CertificateDetail c, String domain) {
    return c.domainValidationOptions().stream()
        .filter(v -> domain.equalsIgnoreCase(v.domainName()))
        .filter(v -> v.resourceRecord() != null)
        .findFirst();
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    CertificateDetail c;
    try {
      c = aws.acm().describeCertificate(r -> r.certificateArn(physicalId)).certificate();
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
    ResourceRecord record =
        validation(c, c.domainName()).map(DomainValidation::resourceRecord).orElse(null);
    return Optional.of(
        observed(c.certificateArn(), c.domainName(), record, c.statusAsString())
            .withTags(tagsOf(aws.acm(), physicalId)));
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    aws.acm().addTagsToCertificate(r -> r.certificateArn(physicalId).tags(tags(ctx)));
    return read(ctx, physicalId, newProps)
        .orElseThrow(() -> new IllegalStateException("certificate " + physicalId + " is gone"));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.acm().deleteCertificate(r -> r.certificateArn(physicalId));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    AcmClient acm = aws.acm();
    String domain = CertificateKeys.DOMAIN_NAME.get(props);
    return acm.listCertificatesPaginator(r -> r.maxItems(100)).certificateSummaryList().stream()
        .filter(s -> domain.equalsIgnoreCase(s.domainName()))
        .filter(s -> Ownership.ours(ctx, tagsOf(acm, s.certificateArn())))
        .findFirst()
        .flatMap(s -> read(ctx, s.certificateArn(), props));
  }

  /** Certificates have no name another stack could hold: no {@code holder}, only tags. */
  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.acm().addTagsToCertificate(r -> r.certificateArn(physicalId).tags(tags(ctx)));
  }

  private static Map<String, String> tagsOf(AcmClient acm, String arn) {
    Map<String, String> out = new LinkedHashMap<>();
    acm.listTagsForCertificate(r -> r.certificateArn(arn))
        .tags()
        .forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    return out;
  }

  private static Observed observed(
      String arn, String domain, ResourceRecord record, String status) {
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("arn", arn);
    if (record != null) {
      outputs.put("validationName", record.name());
      outputs.put("validationValue", record.value());
    }
    return new Observed(arn, outputs, Map.of("domainName", domain), status);
  }

  static String idempotencyToken(ResourceContext ctx, String domain) {
    // The lineage is part of it: ACM answers the same token with the same certificate for an hour,
    // and another state's request must never get this state's certificate.
    String seed =
        ctx.lineage()
            + "/"
            + ctx.stack()
            + "/"
            + ctx.logicalId()
            + "/"
            + domain.toLowerCase(java.util.Locale.ROOT);
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.List<Tag> tags(ResourceContext ctx) {
    return ctx.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
