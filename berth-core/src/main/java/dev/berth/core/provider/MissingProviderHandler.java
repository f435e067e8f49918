package dev.berth.core.provider;

import dev.berth.core.failure.BerthException;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import java.util.Map;
import java.util.Optional;

/** Stands in for the handler of a provider that is not configured, failing with how to fix it. */
public final class MissingProviderHandler implements ResourceHandler {
  private final ResourceType type;
  private final BerthException error;

  public MissingProviderHandler(ResourceType type, BerthException error) {
    this.type = type;
    this.error = error;
  }

  @Override
  public ResourceType type() {
    return type;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    throw error;
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    throw error;
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    throw error;
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    throw error;
  }

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    throw error;
  }
}
