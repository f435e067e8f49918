package dev.berth.core.provider;

import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.sweep.Discovery;
import java.util.List;

/**
 * One cloud or DNS service berth can manage resources in (AWS, Cloudflare): the handlers of its
 * resource types, how to classify its errors, how to find what berth marked in it, and the
 * read-only checks to run before a deploy. A provider knows nothing of the others; the application
 * module composes them (see {@code dev.berth.app.provider.Providers}).
 */
public interface Provider extends AutoCloseable {

  /** A short name, for messages: {@code aws}, {@code cloudflare}. */
  String name();

  /** A handler for each resource type this provider serves. */
  List<ResourceHandler> handlers();

  /** Classifies the errors its clients and handlers throw. */
  ErrorClassifier classifier();

  /**
   * What finds the resources berth marked in this provider for {@code berth sweep}, for the stack
   * {@code spec} describes (a DNS provider sweeps the spec's zone).
   */
  List<Discovery> discoveries(ServiceSpec spec) throws Exception;

  /** Read-only checks before the first change, in the order they run. */
  List<PreflightCheck> checks();

  /** Releases its clients. */
  @Override
  default void close() {}
}
