package dev.berth.app.sweep;

import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A handler whose deletes fail as scripted per physical id, then succeed; it records every delete
 * call with the stack and logical id of its context.
 */
class FakeHandler implements ResourceHandler {
  private final ResourceType type;
  private final Map<String, Deque<Exception>> script = new java.util.HashMap<>();
  private final Map<String, Exception> always = new java.util.HashMap<>();
  final List<String> calls = new ArrayList<>();

  FakeHandler(String type) {
    this.type = ResourceType.of(type);
  }

  static AwsServiceException aws(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .serviceName("Fake")
                .errorCode(code)
                .errorMessage(code + " from the fake")
                .build())
        .build();
  }

  /** The next deletes of {@code id} fail with these, in order. */
  FakeHandler failing(String id, Exception... errors) {
    script.computeIfAbsent(id, k -> new ArrayDeque<>()).addAll(List.of(errors));
    return this;
  }

  /** Every delete of {@code id} fails with this. */
  FakeHandler alwaysFailing(String id, Exception error) {
    always.put(id, error);
    return this;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    calls.add(ctx.stack() + "/" + ctx.logicalId() + "/" + physicalId);
    if (always.containsKey(physicalId)) {
      throw always.get(physicalId);
    }
    Deque<Exception> next = script.get(physicalId);
    if (next != null && !next.isEmpty()) {
      throw next.poll();
    }
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> p) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    throw new UnsupportedOperationException();
  }
}
