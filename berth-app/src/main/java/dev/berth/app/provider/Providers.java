package dev.berth.app.provider;

import dev.berth.aws.AwsClients;
import dev.berth.aws.provider.AwsProvider;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CloudflareProvider;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.provider.PreflightCheck;
import dev.berth.core.provider.Provider;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.sweep.Discovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of providers a run uses: AWS, and Cloudflare (configured or not). The one place that
 * puts their handlers, error classifications, discoveries and preflight checks together.
 */
public final class Providers implements AutoCloseable {
  private final AwsProvider aws;
  private final CloudflareProvider cloudflare;

  public Providers(AwsProvider aws, CloudflareProvider cloudflare) {
    this.aws = aws;
    this.cloudflare = cloudflare;
  }

  /**
   * @param cloudflare empty when no Cloudflare token is configured: Cloudflare records then fail
   *     with a message saying so, and a Route 53 stack needs no token
   */
  public static Providers of(AwsClients aws, Optional<CloudflareClient> cloudflare) {
    return new Providers(new AwsProvider(aws), new CloudflareProvider(cloudflare));
  }

  public List<Provider> all() {
    return List.of(aws, cloudflare);
  }

  public AwsProvider aws() {
    return aws;
  }

  public CloudflareProvider cloudflare() {
    return cloudflare;
  }

  /**
   * Every provider's handlers by type name.
   *
   * @param waitForRollout false for a deploy that does not wait for the service's tasks
   */
  public Map<String, ResourceHandler> handlers(boolean waitForRollout) {
    Map<String, ResourceHandler> byType = new LinkedHashMap<>();
    for (Provider p : List.of(aws.waitingForRollout(waitForRollout), cloudflare)) {
      for (ResourceHandler h : p.handlers()) {
        if (byType.put(h.type().name(), h) != null) {
          throw new IllegalStateException("two providers serve " + h.type().name());
        }
      }
    }
    return byType;
  }

  /**
   * The descriptors of {@code handlers}' types, by name: what the desired graph is checked against
   * before anything runs (properties, their types, and the outputs references name).
   */
  public static Map<String, ResourceDescriptor> descriptors(Map<String, ResourceHandler> handlers) {
    Map<String, ResourceDescriptor> out = new LinkedHashMap<>();
    handlers.forEach((k, h) -> out.put(k, h.descriptor()));
    return out;
  }

  /** The resource types of {@code handlers}, by name. */
  public static Map<String, ResourceType> types(Map<String, ResourceHandler> handlers) {
    Map<String, ResourceType> out = new LinkedHashMap<>();
    handlers.forEach((k, h) -> out.put(k, h.type()));
    return out;
  }

  /** Every provider's classification, the first that recognises an error deciding. */
  public ErrorClassifier classifier() {
    ErrorClassifier c = null;
    for (Provider p : all()) {
      c = c == null ? p.classifier() : c.or(p.classifier());
    }
    return c;
  }

  /** Every provider's preflight checks, in provider order. */
  public List<PreflightCheck> checks() {
    List<PreflightCheck> out = new ArrayList<>();
    all().forEach(p -> out.addAll(p.checks()));
    return out;
  }

  /** What finds berth-marked resources in every provider, for the stack {@code spec} describes. */
  public List<Discovery> discoveries(ServiceSpec spec) throws Exception {
    List<Discovery> out = new ArrayList<>();
    for (Provider p : all()) {
      out.addAll(p.discoveries(spec));
    }
    return out;
  }

  @Override
  public void close() {
    for (Provider p : all()) {
      p.close();
    }
  }
}
