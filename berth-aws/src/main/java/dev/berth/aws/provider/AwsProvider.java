package dev.berth.aws.provider;

import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.dns.Route53RecordHandler;
import dev.berth.aws.dns.Route53RecordKeys;
import dev.berth.aws.ecs.ComputeHandlers;
import dev.berth.aws.elb.ElbHandlers;
import dev.berth.aws.iam.IdentityHandlers;
import dev.berth.aws.network.NetworkHandlers;
import dev.berth.aws.sweep.AwsDiscoveries;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.provider.LazyHandler;
import dev.berth.core.provider.PreflightCheck;
import dev.berth.core.provider.Provider;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.sweep.Discovery;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS as a provider: a handler per AWS resource type, AWS's error classification, the discoveries
 * of every AWS service berth uses (Route 53 included), and the checks of region, credentials,
 * zones, network and Route 53 zone before a deploy.
 */
public final class AwsProvider implements Provider {
  private final AwsClients aws;
  private final boolean waitForRollout;

  /**
   * @param waitForRollout false for a deploy that does not wait for the service's tasks
   */
  public AwsProvider(AwsClients aws, boolean waitForRollout) {
    this.aws = aws;
    this.waitForRollout = waitForRollout;
  }

  public AwsProvider(AwsClients aws) {
    this(aws, true);
  }

  /** The same clients, with the service handler waiting for the rollout or not. */
  public AwsProvider waitingForRollout(boolean wait) {
    return wait == waitForRollout ? this : new AwsProvider(aws, wait);
  }

  public AwsClients clients() {
    return aws;
  }

  @Override
  public String name() {
    return "aws";
  }

  @Override
  public List<ResourceHandler> handlers() {
    List<ResourceHandler> list = new ArrayList<>();
    list.addAll(IdentityHandlers.all(aws));
    list.addAll(NetworkHandlers.all(aws));
    list.addAll(ElbHandlers.all(aws));
    list.addAll(ComputeHandlers.all(aws, waitForRollout));
    // The only handler that takes a client rather than AwsClients: create it (and the client) late.
    list.add(
        new LazyHandler(
            Route53RecordKeys.DESCRIPTOR, () -> new Route53RecordHandler(aws.route53())));
    return list;
  }

  @Override
  public ErrorClassifier classifier() {
    return new AwsErrorClassifier();
  }

  @Override
  public List<Discovery> discoveries(ServiceSpec spec) {
    return AwsDiscoveries.all(aws);
  }

  @Override
  public List<PreflightCheck> checks() {
    return AwsPreflight.checks(aws);
  }

  @Override
  public void close() {
    aws.close();
  }
}
