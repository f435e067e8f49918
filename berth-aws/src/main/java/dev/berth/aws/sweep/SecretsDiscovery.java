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
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * berth's Secrets Manager secrets, found with ListSecrets' {@code tag-key} filter. Secrets already
 * scheduled for deletion are not listed (ListSecrets leaves them out by default): AWS removes them
 * by itself.
 */
public final class SecretsDiscovery implements Discovery {
  private final AwsClients aws;

  public SecretsDiscovery(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public List<TaggedResource> discover(Optional<String> stack) {
    String region = aws.region().id();
    Filter tagKey =
        Filter.builder().key(FilterNameStringType.TAG_KEY).values(Owner.STACK_TAG).build();
    List<TaggedResource> out = new ArrayList<>();
    List<SecretListEntry> secrets =
        aws.secrets().listSecretsPaginator(r -> r.filters(tagKey)).stream()
            .flatMap(page -> page.secretList().stream())
            .toList();
    for (SecretListEntry s : secrets) {
      if (s.deletedDate() != null) {
        continue;
      }
      Map<String, String> tags = new LinkedHashMap<>();
      s.tags().forEach(t -> tags.put(t.key(), t.value()));
      Owner.of(tags, stack)
          .ifPresent(
              o ->
                  out.add(
                      TaggedResource.of(
                              o,
                              Types.SECRET,
                              s.arn(),
                              region,
                              s.createdDate(),
                              "secret " + s.name())
                          .withOutputs(Map.of("arn", s.arn()))));
    }
    return out;
  }
}
