package dev.berth.aws;

import dev.berth.core.failure.ErrorKind;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.resource.ResourceHandler;
import java.util.Map;

/**
 * A delete as the engine counts it: the handler leaves "already gone" to the engine, which takes an
 * error {@link AwsErrorClassifier} calls {@link ErrorKind#GONE} as deleted.
 */
public final class GoneIsDeleted {
  private GoneIsDeleted() {}

  public static void delete(
      ResourceHandler h,
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {
    try {
      h.delete(ctx, physicalId, props, outputs);
    } catch (Exception e) {
      if (new AwsErrorClassifier().classify(e) != ErrorKind.GONE) {
        throw e;
      }
    }
  }
}
