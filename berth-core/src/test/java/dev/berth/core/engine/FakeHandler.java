package dev.berth.core.engine;

import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handler backed by {@link FakeCloud}. Outputs are {@code id} and {@code arn}; find locates by
 * the {@code berth:id} tag, as real handlers do.
 */
class FakeHandler implements ResourceHandler {
  private final ResourceType type;
  private final FakeCloud cloud;
  final List<Map<String, String>> tagsSeen = Collections.synchronizedList(new ArrayList<>());
  final List<String> secretsSeen = Collections.synchronizedList(new ArrayList<>());

  FakeHandler(ResourceType type, FakeCloud cloud) {
    this.type = type;
    this.cloud = cloud;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    tagsSeen.add(ctx.tags());
    Object secret = props.get("password");
    if (secret instanceof dev.berth.core.graph.SecretRef ref) {
      secretsSeen.add(ctx.secret(ref.key()));
    }
    return observed(
        cloud.call(
            "create", ctx.logicalId(), () -> cloud.put(type.name(), ctx.logicalId(), props)));
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception {
    return cloud
        .call("read", ctx.logicalId(), () -> cloud.byPhysicalId(physicalId))
        .map(FakeHandler::observed);
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    return observed(
        cloud.call("update", ctx.logicalId(), () -> cloud.replaceProps(physicalId, newProps)));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    cloud.call(
        "delete",
        ctx.logicalId(),
        () -> {
          cloud.remove(physicalId);
          return null;
        });
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) throws Exception {
    return cloud
        .call("find", ctx.logicalId(), () -> cloud.byLogicalId(type.name(), ctx.logicalId()))
        .map(FakeHandler::observed);
  }

  private static Observed observed(FakeCloud.Thing t) {
    return new Observed(
        t.physicalId(),
        Map.of("id", t.physicalId(), "arn", "arn:fake:" + t.physicalId()),
        t.props(),
        "ok");
  }
}
