package dev.berth.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.TestContext;
import dev.berth.aws.failure.RolloutFailedException;
import dev.berth.core.failure.BerthException;
import dev.berth.core.graph.Ref;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.WaitStep;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/** The service handler against localcloud on the aws profile, sharing the handler's clock. */
class EcsServiceHandlerTest {
  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension localcloud = new LocalCloudExtension(clock, Profile.aws(1.0));

  private ComputeFixture f;
  private EcsServiceHandler handler;
  private String v1;

  @BeforeEach
  void setUp() throws Exception {
    f = new ComputeFixture(localcloud.cloud(), clock);
    handler = new EcsServiceHandler(f.aws);
    f.logGroup();
    f.cluster();
    v1 = f.taskDefinition("nginx:1").physicalId();
  }

  @AfterEach
  void tearDown() {
    f.aws.close();
  }

  private Service describe() {
    return f.aws
        .ecs()
        .describeServices(r -> r.cluster("hello").services("hello"))
        .services()
        .get(0);
  }

  private Observed createStable(TestContext ctx) throws Exception {
    return handler.create(ctx, f.serviceProps(v1, 2));
  }

  @Test
  void create_returnsOnceTheRolloutIsStableAndTargetsHealthy() throws Exception {
    TestContext ctx = f.ctx("service");
    Instant start = clock.instant();
    Observed o = createStable(ctx);
    assertEquals("arn:aws:ecs:us-east-1:123456789012:service/hello/hello", o.physicalId());
    assertEquals(Map.of("arn", o.physicalId(), "name", "hello"), o.outputs());
    Service s = describe();
    assertEquals(2, s.runningCount());
    assertEquals("COMPLETED", s.deployments().get(0).rolloutStateAsString());
    assertTrue(s.deploymentConfiguration().deploymentCircuitBreaker().rollback());
    assertEquals(30, s.healthCheckGracePeriodSeconds());
    assertEquals("SERVICE", s.propagateTagsAsString());
    assertTrue(s.enableECSManagedTags());
    var health =
        f.aws
            .elb()
            .describeTargetHealth(r -> r.targetGroupArn(f.targetGroupArn))
            .targetHealthDescriptions();
    assertEquals(2, health.size());
    assertTrue(health.stream().allMatch(h -> h.targetHealth().stateAsString().equals("healthy")));
    Duration took = Duration.between(start, clock.instant());
    assertTrue(took.compareTo(Duration.ofSeconds(65)) >= 0, took.toString());
    assertTrue(took.compareTo(Duration.ofSeconds(120)) < 0, took.toString());
    assertFalse(ctx.progressMessages().isEmpty());
    assertEquals(
        o.physicalId(), handler.find(ctx, f.serviceProps(v1, 2)).orElseThrow().physicalId());
    assertEquals(
        v1,
        handler
            .read(ctx, o.physicalId(), f.serviceProps(v1, 2))
            .orElseThrow()
            .properties()
            .get("taskDefinitionArn"));
  }

  @Test
  void update_withNewImage_rollsOutTheNewRevision() throws Exception {
    TestContext ctx = f.ctx("service");
    Observed o = createStable(ctx);
    Observed v2 = f.taskDefinition("nginx:2");
    assertEquals("2", v2.outputs().get("revision"));
    handler.update(
        ctx,
        o.physicalId(),
        f.serviceProps(v1, 2),
        f.serviceProps(v2.physicalId(), 2),
        o.outputs());
    Service s = describe();
    assertEquals(v2.physicalId(), s.taskDefinition());
    assertEquals(v2.physicalId(), s.deployments().get(0).taskDefinition());
    assertEquals("COMPLETED", s.deployments().get(0).rolloutStateAsString());
    assertEquals(2, s.deployments().get(0).runningCount());
  }

  @Test
  void update_toCrashloopImage_failsFastWithReasonExitCodeAndLogs_andRollsTheServiceBack()
      throws Exception {
    TestContext ctx = f.ctx("service");
    Observed o = createStable(ctx);
    String bad = f.taskDefinition("nginx:crashloop").physicalId();
    Instant start = clock.instant();
    BerthException e =
        assertThrows(
            BerthException.class,
            () ->
                handler.update(
                    ctx,
                    o.physicalId(),
                    f.serviceProps(v1, 2),
                    f.serviceProps(bad, 2),
                    o.outputs()));
    String msg = e.getMessage();
    assertTrue(msg.contains("Essential container in task exited"), msg);
    assertTrue(msg.contains("container web exit code 1"), msg);
    assertTrue(msg.contains("starting nginx:crashloop"), msg);
    assertTrue(msg.contains("fatal: crashloop image exits"), msg);
    assertTrue(msg.contains("runs the previous version again: " + v1), msg);
    assertTrue(
        Duration.between(start, clock.instant()).compareTo(Duration.ofMinutes(5)) < 0,
        "fails at the first stopped task and rolls back, without waiting for the circuit breaker");

    // Back on the old revision when the handler returns, stable, and the bad one drained.
    Service s = describe();
    assertEquals(v1, s.taskDefinition(), "rolled back to the old revision");
    Deployment primary =
        s.deployments().stream()
            .filter(d -> d.status().equals("PRIMARY"))
            .findFirst()
            .orElseThrow();
    assertEquals(v1, primary.taskDefinition());
    assertEquals("COMPLETED", primary.rolloutStateAsString());
    assertEquals(2, primary.runningCount());
    assertTrue(
        ctx.progressMessages().stream().anyMatch(m -> m.contains("returning the service to " + v1)),
        ctx.progressMessages()::toString);
  }

  @Test
  void watcher_afterCircuitBreakerRolledBack_reportsRollbackAsFailure() throws Exception {
    TestContext ctx = f.ctx("service");
    Observed o = createStable(ctx);
    String bad = f.taskDefinition("nginx:crashloop").physicalId();
    Service updated =
        f.aws
            .ecs()
            .updateService(r -> r.cluster("hello").service("hello").taskDefinition(bad))
            .service();
    String deployment = RolloutWatcher.primaryDeployment(updated);
    Service s = describe();
    for (int i = 0; i < 200 && !v1.equals(s.taskDefinition()); i++) {
      clock.sleep(Duration.ofSeconds(10));
      s = describe();
    }
    WaitStep<Service> step =
        new RolloutWatcher(f.aws, "hello", o.physicalId(), deployment, bad, f.targetGroupArn)
            .poll();
    if (!(step instanceof WaitStep.Failed<Service> failed)) {
      throw new AssertionError("expected a failed rollout, got " + step);
    }
    assertTrue(
        failed.message().startsWith("deployment failed; ECS rolled back to " + v1),
        failed.message());
    assertTrue(failed.message().contains("tasks failed to start"), failed.message());
  }

  @Test
  void create_withCrashloopImage_failsFast() throws Exception {
    String bad = f.taskDefinition("nginx:crashloop").physicalId();
    BerthException e =
        assertThrows(
            BerthException.class, () -> handler.create(f.ctx("service"), f.serviceProps(bad, 1)));
    assertTrue(e.getMessage().contains("Essential container in task exited"), e.getMessage());
    assertEquals(
        RolloutFailedException.Outcome.FAILING,
        ((RolloutFailedException) e).outcome()); // the CLI adds berth logs
  }

  @Test
  void delete_scalesToZeroAndWaitsForInactive_thenClusterIsDeletable() throws Exception {
    TestContext ctx = f.ctx("service");
    Observed o = createStable(ctx);
    handler.delete(ctx, o.physicalId(), f.serviceProps(v1, 2), o.outputs());
    assertEquals("INACTIVE", describe().status());
    assertTrue(handler.read(ctx, o.physicalId(), f.serviceProps(v1, 2)).isEmpty());
    handler.delete(ctx, o.physicalId(), f.serviceProps(v1, 2), o.outputs());

    ClusterHandler clusters = new ClusterHandler(f.aws);
    String cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/hello";
    clusters.delete(f.ctx("cluster"), cluster, Map.of("name", "hello"), Map.of());
    assertTrue(clusters.read(f.ctx("cluster"), cluster, Map.of("name", "hello")).isEmpty());
    List<String> enis = new ArrayList<>();
    synchronized (localcloud.cloud().world()) {
      localcloud.cloud().world().of("ec2", "network-interface").forEach(r -> enis.add(r.id));
    }
    assertEquals(List.of(), enis, "task network interfaces are released");
  }

  @Test
  void clusterDelete_whileServiceExists_waitsUntilItIsGone() throws Exception {
    TestContext ctx = f.ctx("service");
    createStable(ctx);
    ClusterHandler clusters = new ClusterHandler(f.aws);
    f.aws.ecs().updateService(r -> r.cluster("hello").service("hello").desiredCount(0));
    f.aws.ecs().deleteService(r -> r.cluster("hello").service("hello"));
    clusters.delete(
        f.ctx("cluster"), "arn:aws:ecs:us-east-1:123456789012:cluster/hello", Map.of(), Map.of());
    assertEquals(
        "INACTIVE",
        f.aws.ecs().describeClusters(r -> r.clusters("hello")).clusters().get(0).status());
  }

  // ---- ownership: another state's service of the same name

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    createStable(f.ctx("service"));
    assertTrue(handler.find(f.ctx("service").lineage("state-b"), f.serviceProps(v1, 2)).isEmpty());
    assertTrue(handler.find(f.ctx("service"), f.serviceProps(v1, 2)).isPresent());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    createStable(f.ctx("service"));
    var e =
        assertThrows(
            BerthException.class,
            () -> handler.create(f.ctx("service").lineage("state-b"), f.serviceProps(v1, 2)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "ECS service hello in cluster hello already exists and belongs to berth stack"
                    + " hello (state lineage standalone-lineage"),
        e.getMessage());
    assertEquals(2, describe().desiredCount());
  }

  @Test
  void holder_freeOursOtherLineageAndUnresolvedCluster() throws Exception {
    Map<String, Object> props = f.serviceProps(v1, 2);
    assertTrue(handler.holder(f.ctx("service"), props).isEmpty());
    createStable(f.ctx("service"));
    Holder h = handler.holder(f.ctx("service").lineage("state-b"), props).orElseThrow();
    assertEquals("ECS service hello in cluster hello", h.what());
    assertTrue(Ownership.ours(f.ctx("service"), h.tags()));
    assertFalse(Ownership.ours(f.ctx("service").lineage("state-b"), h.tags()));
    Map<String, Object> unresolved = new java.util.LinkedHashMap<>(props);
    unresolved.put("cluster", Ref.to("cluster", "name"));
    assertTrue(handler.holder(f.ctx("service"), unresolved).isEmpty());
    Map<String, Object> noCluster = new java.util.LinkedHashMap<>(props);
    noCluster.put("cluster", "missing");
    assertTrue(handler.holder(f.ctx("service"), noCluster).isEmpty());
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    Observed o = createStable(f.ctx("service"));
    assertEquals(
        "standalone-lineage",
        handler
            .read(f.ctx("service"), o.physicalId(), f.serviceProps(v1, 2))
            .orElseThrow()
            .tags()
            .get(Ownership.LINEAGE));
    handler.tag(
        f.ctx("service").lineage("state-c"), o.physicalId(), f.serviceProps(v1, 2), o.outputs());
    assertEquals(
        "state-c",
        handler
            .read(f.ctx("service"), o.physicalId(), f.serviceProps(v1, 2))
            .orElseThrow()
            .tags()
            .get(Ownership.LINEAGE));
  }
}
