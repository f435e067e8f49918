package dev.berth.aws.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.FailureKind;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.graph.SecretRef;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@code aws.secretsmanager.secret}: registry credentials as {@code {"username","password"}},
 * written with Jackson so that any character in a password survives (the original script's string
 * formatting broke on quotes). The value is read through {@link ResourceContext#secret} and never
 * reaches a message, log or output. Deletion is forced (no recovery window) so a redeploy can reuse
 * the name; re-creating while AWS still holds the name fails with "scheduled for deletion", which
 * the classifier treats as a dependency to wait for.
 */
public final class SecretHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = SecretKeys.DESCRIPTOR.type();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients aws;

  public SecretHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return SecretKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    String name = SecretKeys.NAME.get(props);
    // Derived from the value's fingerprints: a retried create is the same request to AWS.
    String token = token(ctx, props);
    String arn;
    try {
      arn =
          aws.secrets()
              .createSecret(
                  r ->
                      r.name(name)
                          .description("berth stack " + ctx.stack() + ": " + ctx.logicalId())
                          .secretString(value(ctx, props))
                          .clientRequestToken(token)
                          .tags(tags(ctx)))
              .arn();
    } catch (ResourceExistsException e) {
      // Ours (a create that went through) is found by the engine's find before it retries.
      Optional<Holder> h = holder(ctx, props);
      if (h.isPresent() && !Ownership.ours(ctx, h.get().tags())) {
        throw Claims.taken(h.get().what(), h.get().tags());
      }
      throw e;
    }
    return observed(arn, name);
  }

  /**
   * The secret of that name, also while it is scheduled for deletion: it holds the name until it is
   * deleted.
   */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> name = Claims.literal(props, "name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      DescribeSecretResponse d = aws.secrets().describeSecret(r -> r.secretId(name.get()));
      return Optional.of(
          new Holder(
              "Secrets Manager secret "
                  + d.name()
                  + (d.deletedDate() == null ? "" : " (scheduled for deletion)"),
              toMap(d.tags())));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.secrets().tagResource(r -> r.secretId(physicalId).tags(tags(ctx)));
  }

  private static Map<String, String> toMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) {
      tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    }
    return out;
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    try {
      DescribeSecretResponse d = aws.secrets().describeSecret(r -> r.secretId(physicalId));
      return d.deletedDate() != null
          ? Optional.empty()
          : Optional.of(observed(d.arn(), d.name()).withTags(toMap(d.tags())));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    SecretsManagerClient sm = aws.secrets();
    if (!fingerprints(oldProps).equals(fingerprints(newProps))) {
      String token = token(ctx, newProps);
      sm.putSecretValue(
          r -> r.secretId(physicalId).secretString(value(ctx, newProps)).clientRequestToken(token));
    }
    sm.tagResource(r -> r.secretId(physicalId).tags(tags(ctx)));
    return observed(physicalId, SecretKeys.NAME.get(newProps));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.secrets().deleteSecret(r -> r.secretId(physicalId).forceDeleteWithoutRecovery(true));
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String name = SecretKeys.NAME.get(props);
    return aws
        .secrets()
        .listSecretsPaginator(
            r -> r.filters(Filter.builder().key(FilterNameStringType.NAME).values(name).build()))
        .stream()
        .flatMap(page -> page.secretList().stream())
        .filter(s -> s.name().equals(name) && s.deletedDate() == null)
        .filter(s -> Ownership.ours(ctx, toMap(s.tags())))
        .findFirst()
        .map(s -> observed(s.arn(), s.name()));
  }

  /** The secret value: {@code {"username":…,"password":…}}, serialised by Jackson. */
  static String value(ResourceContext ctx, Map<String, Object> props) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("username", ctx.secret(ref(props, "username").key()));
    v.put("password", ctx.secret(ref(props, "password").key()));
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      // No cause attached: it could quote the value.
      throw new IllegalStateException("the secret value could not be written as JSON");
    }
  }

  private static SecretRef ref(Map<String, Object> props, String key) {
    if (props.get(key) instanceof SecretRef ref) {
      return ref;
    }
    throw new BerthException(
        "Property " + key + " of a Secrets Manager secret must be a secret reference",
        "Pass credentials as secrets (environment or file), never as plain text in the spec.",
        FailureKind.BAD_INPUT,
        null);
  }

  private static List<String> fingerprints(Map<String, Object> props) {
    return List.of(ref(props, "username").fingerprint(), ref(props, "password").fingerprint());
  }

  private static String token(ResourceContext ctx, Map<String, Object> props) {
    // The lineage is part of it: another state's create of the same stack and value is never
    // answered with this state's secret.
    String seed =
        ctx.lineage()
            + "/"
            + ctx.stack()
            + "/"
            + ctx.logicalId()
            + "/"
            + SecretKeys.NAME.get(props)
            + "/"
            + String.join("/", fingerprints(props));
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static List<Tag> tags(ResourceContext ctx) {
    return ctx.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static Observed observed(String arn, String name) {
    return new Observed(
        arn, Map.of("arn", arn), Map.of("name", Objects.requireNonNull(name)), null);
  }
}
