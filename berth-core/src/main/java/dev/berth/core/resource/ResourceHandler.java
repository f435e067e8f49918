package dev.berth.core.resource;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, observes, updates, deletes and finds one type of resource. Properties reaching a handler
 * are resolved: every {@code Ref} has been replaced by the referenced output; {@code SecretRef}s
 * stay as they are and are read through {@link ResourceContext#secret(String)}.
 *
 * <p>Waiting until a resource is ready (or gone) is part of each call: {@code create} returns once
 * the resource can be used by what depends on it, {@code delete} once it no longer blocks what it
 * depends on. Waits go through {@link ResourceContext#await}. Errors propagate as thrown by the
 * provider's client; the engine classifies them with the provider's {@link ErrorClassifier} and
 * retries what is transient.
 */
public interface ResourceHandler {

  ResourceType type();

  /**
   * The contract of this handler's type: the properties it reads and the outputs it reports, the
   * ones the blueprint uses to build resources of it. By default undeclared (not checked).
   */
  default ResourceDescriptor descriptor() {
    return ResourceDescriptor.undeclared(type());
  }

  /** Creates the resource and waits until it is usable. */
  Observed create(ResourceContext ctx, Map<String, Object> props) throws Exception;

  /**
   * Observes the resource: empty if it is gone. {@link Observed#properties()} holds what the cloud
   * reports for the properties the handler can read, so the planner can detect drift.
   */
  Optional<Observed> read(ResourceContext ctx, String physicalId, Map<String, Object> props)
      throws Exception;

  /**
   * Updates in place. Only called when no property in {@link ResourceType#replaceOn()} changed, and
   * never on a type that does not {@link #updatesInPlace()}.
   */
  Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception;

  /**
   * Deletes the resource and waits until it no longer blocks its dependencies. A resource already
   * gone may raise the provider's NotFound error: the classifier calls it {@code GONE}, which the
   * engine counts as deleted.
   */
  void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception;

  /**
   * False for a replace-only type, one where every property change replaces the resource: the
   * engine then never calls {@link #update}, and takes a found or interrupted resource as it reads.
   */
  default boolean updatesInPlace() {
    return true;
  }

  /**
   * Locates a resource this stack created whose result was never recorded (a crash between the call
   * and the state write), by tags or deterministic name.
   */
  Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) throws Exception;

  /**
   * Waits until a resource that {@link #find} located instead of a create is usable, as {@code
   * create} waits before it returns, and returns it with its outputs complete. The engine calls it
   * when it takes up a found resource whose properties are as desired: one a crashed run created,
   * or one a create made before it reported an error. By default the resource is taken as found.
   */
  default Observed awaitReady(ResourceContext ctx, Observed found, Map<String, Object> props)
      throws Exception {
    return found;
  }

  /**
   * What holds the deterministic name (or address) a create with {@code props} would take, read
   * only: empty when it is free or when this type's resources have no such name. Plan and deploy
   * ask before the first mutating call, so a name held by another state's resource, or by one berth
   * did not make, is refused instead of taken over. {@code props} are the desired ones, resolved
   * where they could be; a handler answers empty when what it needs is not known yet.
   */
  default Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) throws Exception {
    return Optional.empty();
  }

  /**
   * Adds this state's tags ({@link ResourceContext#tags()}) to a recorded resource that a berth
   * version before lineages made, so that it is recognisably this stack's. By default nothing (a
   * type that cannot be tagged).
   */
  default void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs)
      throws Exception {}
}
