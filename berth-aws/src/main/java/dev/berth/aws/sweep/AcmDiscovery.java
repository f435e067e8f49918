package dev.berth.aws.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;

/**
 * berth's ACM certificates, of every status. ListCertificates carries no tags, so each
 * certificate's are read with ListTagsForCertificate. The certificate's validation resource has the
 * same ARN and nothing to delete, so it is not reported apart.
 */
public final class AcmDiscovery implements Discovery {
  private final AwsClients aws;

  public AcmDiscovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    AcmClient acm = aws.acm();
    String region = aws.region().id();
    List<TaggedResource> out = new ArrayList<>();
    for (CertificateSummary c :
        acm.listCertificatesPaginator(r -> r.maxItems(100)).certificateSummaryList()) {
      Map<String, String> tags = new LinkedHashMap<>();
      Gone.unlessGone(
              () -> acm.listTagsForCertificate(r -> r.certificateArn(c.certificateArn())).tags())
          .orElse(List.of())
          .forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
      Owner.of(tags, stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.CERTIFICATE,
                              c.certificateArn(),
                              region,
                              c.createdAt(),
                              "certificate for "
                                  + c.domainName()
                                  + (c.status() == null ? "" : " (" + c.statusAsString() + ")"))
                          .withOutputs(Map.of("arn", c.certificateArn()))));
    }
    return out;
  }
}
