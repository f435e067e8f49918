package dev.berth.aws.network;

import dev.berth.aws.Polls;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.WaitStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the network handlers share: tags, tag filters, error codes, and waits on EC2. */
final class Ec2Calls {
  /** How long EC2 may take to show a resource it just created (Terraform waits 5 min). */
  static final Duration VISIBILITY = Duration.ofMinutes(5);

  private Ec2Calls() {}

  /** A call that may fail with an exception. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws Exception;
  }

  /**
   * Tags for a create call; {@code type} is EC2's resource type name ({@code vpc}, {@code subnet}).
   */
  static TagSpecification tags(String type, Map<String, String> tags) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(
            tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }

  static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }

  /**
   * The filters that find what this state made for this resource: its stack, logical id and lineage
   * tags. A resource of the same stack and id made by another state (another folder, a lost state
   * file) is not found.
   */
  static List<Filter> ownedBy(ResourceContext ctx) {
    return List.of(
        filter("tag:" + Ownership.STACK, ctx.stack()),
        filter("tag:" + Ownership.ID, ctx.logicalId()),
        filter("tag:" + Ownership.LINEAGE, String.valueOf(ctx.lineage())));
  }

  static Map<String, String> toMap(List<Tag> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags != null) {
      tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
    }
    return out;
  }

  /** Adds this state's tags to an EC2 resource (CreateTags overwrites keys it already has). */
  static void tag(Ec2Client ec2, String resourceId, Map<String, String> tags) {
    ec2.createTags(
        r ->
            r.resources(resourceId)
                .tags(
                    tags.entrySet().stream()
                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()));
  }

  static String code(Throwable e) {
    return e instanceof AwsServiceException a && a.awsErrorDetails() != null
        ? a.awsErrorDetails().errorCode()
        : null;
  }

  static boolean isNotFound(Throwable e) {
    String c = code(e);
    return c != null && c.endsWith(".NotFound");
  }

  static boolean is(Throwable e, String code) {
    return code.equals(code(e));
  }

  /**
   * Runs a call on something created moments ago, treating {@code *.NotFound} as "not visible yet"
   * (EC2 is eventually consistent) and retrying it, like transient errors, until {@link
   * #VISIBILITY} has passed.
   */
  static <T> T whenVisible(ResourceContext ctx, String what, Call<T> call) throws Exception {
    return ctx.await(
        what,
        VISIBILITY,
        Polls.VISIBLE,
        () -> {
          try {
            return WaitStep.done(call.call());
          } catch (AwsServiceException e) {
            if (isNotFound(e)) {
              return WaitStep.pending(code(e) + ": not visible yet");
            }
            throw e;
          }
        });
  }

  /** Undoes a half-made resource before its error is rethrown; a failure here is only noted. */
  static void undo(Exception cause, Call<?> cleanup) {
    try {
      cleanup.call();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
