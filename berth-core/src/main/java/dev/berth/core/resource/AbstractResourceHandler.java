package dev.berth.core.resource;

import java.util.Map;

/**
 * The defaults most handlers share; extend it rather than implementing {@link ResourceHandler}.
 *
 * <ul>
 *   <li><b>Replace-only types</b> do not override {@link #update}: every change of their properties
 *       replaces the resource, so the engine never updates one in place ({@link #updatesInPlace()}
 *       is false), and a call of the default {@code update} fails as the bug it is.
 *   <li><b>"Gone" is left to the engine</b>: {@code delete} lets the provider's NotFound error out
 *       instead of swallowing it. The provider's classifier calls it GONE, which the engine counts
 *       as deleted. Only a NotFound that means something <em>other</em> than this resource is gone
 *       (a dependency, a detached attachment) is for the handler to handle.
 *   <li><b>Waits</b> are written with {@link Wait}: until visible, until in a state, until gone.
 * </ul>
 */
public abstract class AbstractResourceHandler implements ResourceHandler {
  private volatile Boolean updatesInPlace;

  /**
   * Replace-only: not to be called. The engine replaces instead of updating a type whose handler
   * does not override this method.
   */
  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs)
      throws Exception {
    throw new IllegalStateException(
        "bug: "
            + type().name()
            + " is replace-only (every property change replaces it), yet update was called on "
            + physicalId);
  }

  /** True where the subclass overrides {@link #update}, false for a replace-only type. */
  @Override
  public boolean updatesInPlace() {
    Boolean u = updatesInPlace;
    if (u == null) {
      try {
        u =
            getClass()
                    .getMethod(
                        "update",
                        ResourceContext.class,
                        String.class,
                        Map.class,
                        Map.class,
                        Map.class)
                    .getDeclaringClass()
                != AbstractResourceHandler.class;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
      updatesInPlace = u;
    }
    return u;
  }
}
