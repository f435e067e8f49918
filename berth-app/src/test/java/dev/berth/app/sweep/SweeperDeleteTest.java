package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.sweep.TaggedResource;
import dev.berth.localcloud.core.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sweeping two lost stacks away, through the handlers, in virtual time. */
class SweeperDeleteTest {
  private TwoStacks world;

  @BeforeEach
  void build() throws Exception {
    world = new TwoStacks();
  }

  @AfterEach
  void close() {
    world.close();
  }

  @Test
  void delete_removesEveryBerthResource_andLeavesTheZone() throws Exception {
    List<TaggedResource> found = world.find(Optional.empty(), Set.of());
    List<String> events = new ArrayList<>();

    SweepReport report =
        Sweeper.delete(
            world.aws, found, world.clock, (r, m) -> events.add(r.physicalId() + " " + m));

    assertEquals(List.of(), report.failed());
    assertTrue(report.complete());
    assertEquals(new HashSet<>(found), new HashSet<>(report.deleted()));
    assertEquals(List.of(), world.berthTagged());
    assertEquals(List.of(), world.find(Optional.empty(), Set.of()));
    synchronized (world.cloud.world()) {
      assertEquals(
          Set.of("route53/hostedzone"),
          world
              .cloud
              .world()
              .all()
              .filter(r -> !r.type.equals("change"))
              .map(r -> r.service + "/" + r.type)
              .collect(Collectors.toSet()));
    }
    String lbGroup = world.alpha.id("lb-security-group");
    assertTrue(
        events.stream().anyMatch(e -> e.startsWith(lbGroup + " waiting: Ec2 DependencyViolation")),
        "the load balancer's group waits out its lingering interfaces: " + events);
  }

  @Test
  void delete_whenSecurityGroupsCannotBeDeleted_reportsThemAndDeletesTheRest() throws Exception {
    List<TaggedResource> found = world.find(Optional.empty(), Set.of());
    Faults.Rule rule = new Faults.Rule();
    rule.action = "DeleteSecurityGroup";
    rule.error = "UnauthorizedOperation";
    rule.status = 403;
    rule.count = -1;
    rule.message = "You are not authorized to perform this operation.";
    world.cloud.faults().add(rule);

    SweepReport report =
        Sweeper.delete(
            found,
            Sweeper.awsHandlers(world.aws),
            Sweeper.Options.defaults(world.clock).withTimeout(Duration.ofMinutes(10)));

    Map<String, String> failures =
        report.failed().stream()
            .collect(Collectors.toMap(f -> f.resource().physicalId(), SweepReport.Failure::reason));
    Set<String> stuck = new HashSet<>();
    for (SweepStack s : List.of(world.alpha, world.beta)) {
      for (String id : List.of("lb-security-group", "task-security-group")) {
        stuck.add(s.id(id));
        assertTrue(
            failures.get(s.id(id)).contains("UnauthorizedOperation"), failures.get(s.id(id)));
      }
      stuck.add(s.id("vpc"));
      assertTrue(
          failures
              .get(s.id("vpc"))
              .startsWith("still blocked after 10 min: Ec2 DependencyViolation"),
          failures.get(s.id("vpc")));
    }
    assertEquals(stuck, failures.keySet());
    assertEquals(found.size() - stuck.size(), report.deleted().size());
    assertEquals(stuck, world.berthTagged().stream().map(r -> r.id).collect(Collectors.toSet()));
  }
}
