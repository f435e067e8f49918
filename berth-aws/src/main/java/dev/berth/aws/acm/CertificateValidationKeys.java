package dev.berth.aws.acm;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.acm.certificate-validation}, served by {@link
 * CertificateValidationHandler}: its properties and outputs.
 */
public final class CertificateValidationKeys {
  public static final PropertyKey<String> CERTIFICATE_ARN =
      PropertyKey.string("certificateArn").forcesReplacement();
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.acm.certificate-validation")
          .properties(CERTIFICATE_ARN)
          .outputs(ARN)
          .note(
              "CertificateValidationHandler: waits for `ISSUED`; fails on `FAILED`/`VALIDATION_TIMED_OUT` with the reason; delete is a no-op")
          .build();

  private CertificateValidationKeys() {}
}
