package dev.berth.core.provider;

import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A handler made on its first call, for handlers whose SDK client is costly to create and that most
 * runs never call (Route 53 on a Cloudflare stack, or any handler during {@code plan}): keeps
 * command start-up short.
 */
public final class LazyHandler implements ResourceHandler {
  private final ResourceDescriptor descriptor;
  private final Supplier<ResourceHandler> factory;
  private volatile ResourceHandler handler;

  public LazyHandler(ResourceType type, Supplier<ResourceHandler> factory) {
    this(ResourceDescriptor.undeclared(type), factory);
  }

  /** A lazy handler of the type {@code descriptor} declares (known without making the handler). */
  public LazyHandler(ResourceDescriptor descriptor, Supplier<ResourceHandler> factory) {
    this.descriptor = descriptor;
    this.factory = factory;
  }

  private ResourceHandler handler() {
    ResourceHandler h = handler;
    if (h == null) {
      synchronized (this) {
        h = handler;
        if (h == null) {
          handler = h = factory.get();
        }
      }
    }
    return h;
  }

  @Override
  public ResourceType type() {
    return descriptor.type();
  }

  @Override
  public ResourceDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception {
    return handler().create(ctx, props);
  }

  @Override
  public Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception {
    return handler().read(ctx, physicalId, props);
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    return handler().update(ctx, physicalId, oldProps, newProps, outputs);
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    handler().delete(ctx, physicalId, props, outputs);
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) throws Exception {
    return handler().find(ctx, props);
  }

  @Override
  public boolean updatesInPlace() {
    return handler().updatesInPlace();
  }

  @Override
  public Observed awaitReady(ResourceContext ctx, Observed found, Map<String, Object> props)
      throws Exception {
    return handler().awaitReady(ctx, found, props);
  }

  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) throws Exception {
    return handler().holder(ctx, props);
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    handler().tag(ctx, physicalId, props, outputs);
  }
}
