package dev.berth.app.sweep;

import dev.berth.aws.AwsClients;
import dev.berth.aws.LocalAws;
import dev.berth.aws.sweep.EcsDiscovery;
import dev.berth.aws.sweep.LogsDiscovery;
import dev.berth.core.sweep.Discovery;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A localcloud on AWS's timings holding two stacks, {@code alpha} and {@code beta}, made through
 * the handlers on one stepping clock and then left for three hours, as if their states were lost.
 */
final class TwoStacks implements AutoCloseable {
  final SteppingClock clock = new SteppingClock();
  final LocalCloud cloud = LocalCloud.builder().clock(clock).profile(Profile.aws(1.0)).start();
  final AwsClients aws = LocalAws.clients(cloud);
  final SweepStack alpha;
  final SweepStack beta;

  TwoStacks() throws Exception {
    cloud.route53Zone("example.com");
    alpha = SweepStack.build("alpha", 1, aws, clock);
    beta = SweepStack.build("beta", 2, aws, clock);
    clock.advance(Duration.ofHours(3));
  }

  /**
   * Every discovery but Logs and ECS: this localcloud does not serve those APIs yet (they come with
   * the ECS work), so their discoveries are not exercised here.
   */
  List<Discovery> discoveries() {
    return Sweeper.awsDiscoveries(aws).stream()
        .filter(d -> !(d instanceof LogsDiscovery) && !(d instanceof EcsDiscovery))
        .toList();
  }

  List<TaggedResource> find(Optional<String> stack, Set<String> known) throws Exception {
    return Sweeper.find(discoveries(), stack, known);
  }

  /** What in localcloud still carries a {@code berth:stack} tag. */
  List<Res> berthTagged() {
    synchronized (cloud.world()) {
      return cloud.world().all().filter(r -> r.tags.containsKey("berth:stack")).toList();
    }
  }

  @Override
  public void close() {
    aws.close();
    cloud.close();
  }
}
