package dev.berth.localcloud.services.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS on the {@code aws} profile at natural speed: provisioning 15 s, pending 30 s, health 10 s ×
 * 2, crash 30 s after start, drain 60 s; time moves only when the test moves the clock.
 */
class EcsTimelineTest {
  private MutableClock clock;
  private LocalCloud cloud;
  private EcsClient ecs;
  private EcsFixture f;

  @BeforeEach
  void setUp() {
    clock = new MutableClock();
    cloud = LocalCloud.builder().clock(clock).profile(Profile.aws(1.0)).start();
    ecs = Clients.of(EcsClient.builder(), cloud);
    ecs.createCluster(r -> r.clusterName("hello"));
    f = EcsFixture.network(cloud, 60);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
    cloud.close();
  }

  private void advance(long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
  }

  private Task onlyTask(DesiredStatus status) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster("hello").serviceName("hello").desiredStatus(status))
            .taskArns();
    assertEquals(1, arns.size(), arns.toString());
    return ecs.describeTasks(r -> r.cluster("hello").tasks(arns)).tasks().get(0);
  }

  @Test
  void task_movesFromProvisioningToRunningAsTimePasses_andDeploymentCompletesWhenHealthy() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(td, 1).build());
    assertEquals("PROVISIONING", onlyTask(DesiredStatus.RUNNING).lastStatus());
    assertEquals(1, EcsFixture.describe(ecs).pendingCount());
    advance(15);
    assertEquals("PENDING", onlyTask(DesiredStatus.RUNNING).lastStatus());
    advance(30);
    Task t = onlyTask(DesiredStatus.RUNNING);
    assertEquals("RUNNING", t.lastStatus());
    assertEquals(clock.instant(), t.startedAt());
    Service s = EcsFixture.describe(ecs);
    assertEquals(1, s.runningCount());
    assertEquals("IN_PROGRESS", s.deployments().get(0).rolloutStateAsString(), "not healthy yet");
    advance(20);
    assertEquals("COMPLETED", EcsFixture.describe(ecs).deployments().get(0).rolloutStateAsString());
  }

  private Service stable(String td) {
    ecs.createService(f.service(td, 1).build());
    advance(15);
    EcsFixture.describe(ecs);
    advance(30);
    EcsFixture.describe(ecs);
    advance(20);
    return EcsFixture.describe(ecs);
  }

  @Test
  void updateService_oldTaskDrainsForDeregistrationDelayThenStops() {
    stable(EcsFixture.registerTaskDefinition(ecs, "nginx:1"));
    String oldTask = onlyTask(DesiredStatus.RUNNING).taskArn();
    String v2 = EcsFixture.registerTaskDefinition(ecs, "nginx:2");
    ecs.updateService(r -> r.cluster("hello").service("hello").taskDefinition(v2));
    for (long s : new long[] {15, 30, 20}) {
      advance(s);
      EcsFixture.describe(ecs);
    }
    Task draining = onlyTask(DesiredStatus.STOPPED);
    assertEquals(oldTask, draining.taskArn());
    assertEquals("RUNNING", draining.lastStatus(), "draining for the deregistration delay");
    assertEquals(2, EcsFixture.describe(ecs).deployments().size());
    advance(60);
    assertEquals("DEPROVISIONING", onlyTask(DesiredStatus.STOPPED).lastStatus());
    advance(5);
    assertEquals("STOPPED", onlyTask(DesiredStatus.STOPPED).lastStatus());
    Service s = EcsFixture.describe(ecs);
    assertEquals(1, s.deployments().size());
    assertEquals(v2, s.deployments().get(0).taskDefinition());
  }

  @Test
  void crashloop_tripsCircuitBreakerAfterThreeFailuresAndRollsBack() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    stable(v1);
    String v2 = EcsFixture.registerTaskDefinition(ecs, "nginx:crashloop");
    ecs.updateService(r -> r.cluster("hello").service("hello").taskDefinition(v2));
    Service s = EcsFixture.describe(ecs);
    for (int i = 0;
        i < 60
            && !s.deployments().stream().anyMatch(d -> d.rolloutStateAsString().equals("FAILED"));
        i++) {
      advance(5);
      s = EcsFixture.describe(ecs);
    }
    var failed =
        s.deployments().stream()
            .filter(d -> d.rolloutStateAsString().equals("FAILED"))
            .findFirst()
            .orElseThrow();
    assertEquals(3, failed.failedTasks());
    assertEquals(v2, failed.taskDefinition());
    assertEquals(v1, s.deployments().get(0).taskDefinition());
    assertEquals("PRIMARY", s.deployments().get(0).status());
    assertTrue(
        s.events().stream().anyMatch(e -> e.message().contains("rolling back to deployment")),
        "the rollback is told in the service events");
    assertEquals(v1, s.taskDefinition());
    advance(5);
    assertEquals("COMPLETED", EcsFixture.describe(ecs).deployments().get(0).rolloutStateAsString());
    assertEquals(1, EcsFixture.describe(ecs).runningCount());
  }

  @Test
  void deleteService_drainsThenBecomesInactiveAfterDrainDelay() {
    stable(EcsFixture.registerTaskDefinition(ecs, "nginx:1"));
    ecs.updateService(r -> r.cluster("hello").service("hello").desiredCount(0));
    ecs.deleteService(r -> r.cluster("hello").service("hello"));
    advance(30);
    assertEquals("DRAINING", EcsFixture.describe(ecs).status());
    assertEquals("RUNNING", onlyTask(DesiredStatus.STOPPED).lastStatus());
    advance(35);
    assertEquals("STOPPED", onlyTask(DesiredStatus.STOPPED).lastStatus());
    assertEquals("DRAINING", EcsFixture.describe(ecs).status());
    advance(60);
    assertEquals("INACTIVE", EcsFixture.describe(ecs).status());
  }
}
