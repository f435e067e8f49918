package dev.berth.aws.acm;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;

/**
 * The contract of {@code aws.acm.certificate}, served by {@link CertificateHandler}: its properties
 * and outputs.
 */
public final class CertificateKeys {
  public static final PropertyKey<String> DOMAIN_NAME =
      PropertyKey.string("domainName").forcesReplacement();
  public static final OutputKey ARN = OutputKey.of("arn");
  public static final OutputKey VALIDATION_NAME = OutputKey.of("validationName");
  public static final OutputKey VALIDATION_VALUE = OutputKey.of("validationValue");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.acm.certificate")
          .properties(DOMAIN_NAME)
          .outputs(ARN, VALIDATION_NAME, VALIDATION_VALUE)
          .note("CertificateHandler: create waits until the validation record is published")
          .build();

  private CertificateKeys() {}
}
