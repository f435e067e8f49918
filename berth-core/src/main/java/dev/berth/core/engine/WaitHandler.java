package dev.berth.core.engine;

import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import java.util.Map;

/**
 * A handler whose "resource" is a wait on another resource (a certificate issued, a load balancer
 * active): create waits, update waits again for the new properties, delete has nothing to remove.
 */
public interface WaitHandler extends ResourceHandler {

  @Override
  default Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    return create(ctx, newProps);
  }

  /** Nothing to remove: the wait leaves nothing behind. */
  @Override
  default void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {}
}
