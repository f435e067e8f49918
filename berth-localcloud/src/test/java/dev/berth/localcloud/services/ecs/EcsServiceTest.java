package dev.berth.localcloud.services.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.services.elb.Targets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/** ECS services on the instant profile: every state change is visible at the next call. */
class EcsServiceTest {
  private MutableClock clock;
  private LocalCloud cloud;
  private EcsClient ecs;
  private CloudWatchLogsClient logs;
  private EcsFixture f;

  @BeforeEach
  void setUp() {
    clock = new MutableClock();
    cloud = LocalCloud.builder().clock(clock).profile(Profile.instant()).start();
    ecs = Clients.of(EcsClient.builder(), cloud);
    logs = Clients.of(CloudWatchLogsClient.builder(), cloud);
    ecs.createCluster(r -> r.clusterName("hello"));
    f = EcsFixture.network(cloud, 0);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
    logs.close();
    cloud.close();
  }

  private Service describe() {
    return EcsFixture.describe(ecs);
  }

  private List<Task> tasks(DesiredStatus status) {
    var arns =
        ecs.listTasks(r -> r.cluster("hello").serviceName("hello").desiredStatus(status))
            .taskArns();
    return arns.isEmpty()
        ? List.of()
        : ecs.describeTasks(r -> r.cluster("hello").tasks(arns)).tasks();
  }

  private Service settle() {
    Service s = describe();
    for (int i = 0; i < 20; i++) {
      s = describe();
    }
    return s;
  }

  @Test
  void createService_whenClusterMissing_returnsClusterNotFound() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    assertThrows(
        ClusterNotFoundException.class,
        () -> ecs.createService(f.service(td, 1).cluster("nope").build()));
  }

  @Test
  void createService_runsTasksWithNetworkInterfacesAndRegistersThem() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    Service created =
        ecs.createService(
                f.service(td, 2)
                    .healthCheckGracePeriodSeconds(30)
                    .tags(Tag.builder().key("berth:stack").value("hello").build())
                    .build())
            .service();
    assertEquals("arn:aws:ecs:us-east-1:123456789012:service/hello/hello", created.serviceArn());
    assertEquals("ACTIVE", created.status());
    assertEquals(1, created.deployments().size());
    Deployment d = created.deployments().get(0);
    assertEquals("PRIMARY", d.status());
    assertEquals("IN_PROGRESS", d.rolloutStateAsString());
    assertTrue(d.id().matches("ecs-svc/\\d{19}"), d.id());
    assertTrue(created.deploymentConfiguration().deploymentCircuitBreaker().rollback());

    Service s = settle();
    assertEquals(2, s.runningCount());
    assertEquals(0, s.pendingCount());
    assertEquals("COMPLETED", s.deployments().get(0).rolloutStateAsString());
    assertEquals(30, s.healthCheckGracePeriodSeconds());
    assertEquals("(service hello) has reached a steady state.", s.events().get(0).message());
    assertTrue(s.events().stream().anyMatch(e -> e.message().contains("has started 2 tasks")));

    List<Task> running = tasks(DesiredStatus.RUNNING);
    assertEquals(2, running.size());
    Task t = running.get(0);
    assertEquals("RUNNING", t.lastStatus());
    assertEquals("service:hello", t.group());
    assertEquals(d.id(), t.startedBy());
    assertEquals(td, t.taskDefinitionArn());
    String ip =
        t.attachments().get(0).details().stream()
            .filter(kv -> kv.name().equals("privateIPv4Address"))
            .findFirst()
            .orElseThrow()
            .value();
    assertTrue(ip.startsWith("10.0."), ip);
    synchronized (cloud.world()) {
      List<Res> enis = cloud.world().of("ec2", "network-interface").toList();
      assertEquals(2, enis.size());
      assertTrue(
          enis.get(0)
              .str("description")
              .startsWith("arn:aws:ecs:us-east-1:123456789012:attachment/"));
      assertEquals(Tasks.ENI_REQUESTER, enis.get(0).str("requesterId"));
      Res tg =
          cloud.world().find("elasticloadbalancing", "targetgroup", f.targetGroupArn).orElseThrow();
      assertTrue(Targets.healthy(cloud.world(), tg, ip));
    }
    var lines =
        logs.getLogEvents(
                r ->
                    r.logGroupName(EcsFixture.GROUP)
                        .logStreamName(
                            "berth/web/" + t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1))
                        .startFromHead(true))
            .events();
    assertEquals("starting nginx:1", lines.get(0).message());
    assertEquals("listening on port 8080", lines.get(1).message());
    assertEquals(
        "hello",
        ecs.describeServices(r -> r.cluster("hello").services("hello").include(ServiceField.TAGS))
            .services()
            .get(0)
            .tags()
            .get(0)
            .value());
  }

  @Test
  void createService_whenNameTaken_isNotIdempotentUnlessSameClientToken() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(td, 1).clientToken("token-1").build());
    assertEquals(
        "arn:aws:ecs:us-east-1:123456789012:service/hello/hello",
        ecs.createService(f.service(td, 1).clientToken("token-1").build()).service().serviceArn());
    var e =
        assertThrows(
            InvalidParameterException.class, () -> ecs.createService(f.service(td, 1).build()));
    assertEquals("Creation of service was not idempotent.", e.awsErrorDetails().errorMessage());
  }

  @Test
  void createService_whenTargetGroupHasNoListener_returnsInvalidParameter() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    String lonely;
    synchronized (cloud.world()) {
      lonely = EcsFixture.targetGroup(cloud.world(), "lonely", 0).arn;
    }
    var request =
        f.service(td, 1)
            .loadBalancers(
                LoadBalancer.builder()
                    .targetGroupArn(lonely)
                    .containerName("web")
                    .containerPort(8080)
                    .build())
            .build();
    var e = assertThrows(InvalidParameterException.class, () -> ecs.createService(request));
    assertEquals(
        "The target group with targetGroupArn "
            + lonely
            + " does not have an associated load balancer.",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void createService_whenContainerOrPortUnknown_returnsInvalidParameter() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    var wrongPort =
        f.service(td, 1)
            .loadBalancers(
                LoadBalancer.builder()
                    .targetGroupArn(f.targetGroupArn)
                    .containerName("web")
                    .containerPort(9)
                    .build())
            .build();
    assertThrows(InvalidParameterException.class, () -> ecs.createService(wrongPort));
    var wrongSubnet =
        f.service(td, 1)
            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0nope")))
            .build();
    assertThrows(InvalidParameterException.class, () -> ecs.createService(wrongSubnet));
  }

  @Test
  void createService_whenTaskRoleJustCreated_cannotAssumeRoleUntilItPropagates() {
    cloud.world().profile(Profile.instant().with("iam.propagation", Duration.ofSeconds(10)));
    synchronized (cloud.world()) {
      EcsFixture.role(cloud.world(), "hello-task", 0);
    }
    String td =
        ecs.registerTaskDefinition(
                r ->
                    r.family("hello")
                        .requiresCompatibilities(
                            software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE)
                        .networkMode("awsvpc")
                        .cpu("256")
                        .memory("512")
                        .executionRoleArn(EcsFixture.EXEC_ROLE)
                        .taskRoleArn("arn:aws:iam::123456789012:role/hello-task")
                        .containerDefinitions(EcsFixture.web("nginx:1")))
            .taskDefinition()
            .taskDefinitionArn();
    var e =
        assertThrows(
            InvalidParameterException.class, () -> ecs.createService(f.service(td, 1).build()));
    assertTrue(e.awsErrorDetails().errorMessage().startsWith("Unable to assume role and validate"));
    clock.advance(Duration.ofSeconds(11));
    assertEquals("ACTIVE", ecs.createService(f.service(td, 1).build()).service().status());
  }

  @Test
  void createService_whenTaskDefinitionInactive_returnsInvalidParameter() {
    String td = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.deregisterTaskDefinition(r -> r.taskDefinition(td));
    assertThrows(
        InvalidParameterException.class, () -> ecs.createService(f.service(td, 1).build()));
  }

  @Test
  void updateService_withNewTaskDefinition_replacesTasksAndCompletes() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(v1, 1).build());
    settle();
    String oldTask = tasks(DesiredStatus.RUNNING).get(0).taskArn();
    String v2 = EcsFixture.registerTaskDefinition(ecs, "nginx:2");
    Service updated =
        ecs.updateService(r -> r.cluster("hello").service("hello").taskDefinition(v2)).service();
    assertEquals(2, updated.deployments().size());
    assertEquals(v2, updated.deployments().get(0).taskDefinition());
    assertEquals("ACTIVE", updated.deployments().get(1).status());
    String newDeployment = updated.deployments().get(0).id();

    Service s = settle();
    assertEquals(1, s.deployments().size());
    assertEquals(v2, s.taskDefinition());
    assertEquals("COMPLETED", s.deployments().get(0).rolloutStateAsString());
    Task stopped =
        tasks(DesiredStatus.STOPPED).stream()
            .filter(t -> t.taskArn().equals(oldTask))
            .findFirst()
            .orElseThrow();
    assertEquals("STOPPED", stopped.lastStatus());
    assertEquals(
        "Scaling activity initiated by (deployment " + newDeployment + ")",
        stopped.stoppedReason());
    synchronized (cloud.world()) {
      assertEquals(1, cloud.world().of("ec2", "network-interface").count());
    }
    Service forced =
        ecs.updateService(r -> r.cluster("hello").service("hello").forceNewDeployment(true))
            .service();
    assertNotEquals(newDeployment, forced.deployments().get(0).id());
  }

  @Test
  void crashloopImage_tripsCircuitBreakerAndRollsBack() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(v1, 1).build());
    settle();
    String v2 = EcsFixture.registerTaskDefinition(ecs, "nginx:crashloop");
    String failing =
        ecs.updateService(r -> r.cluster("hello").service("hello").taskDefinition(v2))
            .service()
            .deployments()
            .get(0)
            .id();
    Service s = settle();
    assertEquals(v1, s.taskDefinition());
    Deployment primary = s.deployments().get(0);
    assertEquals(v1, primary.taskDefinition());
    assertEquals("COMPLETED", primary.rolloutStateAsString());
    assertTrue(
        s.events().stream()
            .anyMatch(
                e ->
                    e.message()
                        .equals(
                            "(service hello) (deployment "
                                + failing
                                + ") deployment failed: tasks failed to start.")));

    Task crashed =
        tasks(DesiredStatus.STOPPED).stream()
            .filter(t -> failing.equals(t.startedBy()))
            .findFirst()
            .orElseThrow();
    assertEquals("Essential container in task exited", crashed.stoppedReason());
    assertEquals("EssentialContainerExited", crashed.stopCodeAsString());
    assertEquals(1, crashed.containers().get(0).exitCode());
    String taskId = crashed.taskArn().substring(crashed.taskArn().lastIndexOf('/') + 1);
    var lines =
        logs.getLogEvents(
                r -> r.logGroupName(EcsFixture.GROUP).logStreamName("berth/web/" + taskId))
            .events();
    assertEquals("fatal: crashloop image exits", lines.get(lines.size() - 1).message());
  }

  @Test
  void circuitBreaker_withoutRollback_marksDeploymentFailedAndStopsLaunching() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:crashloop");
    Service created =
        ecs.createService(
                f.service(v1, 1)
                    .deploymentConfiguration(
                        d -> d.deploymentCircuitBreaker(c -> c.enable(true).rollback(false)))
                    .build())
            .service();
    Service s = settle();
    Deployment d = s.deployments().get(0);
    assertEquals(created.deployments().get(0).id(), d.id());
    assertEquals("FAILED", d.rolloutStateAsString());
    assertEquals("ECS deployment circuit breaker: tasks failed to start.", d.rolloutStateReason());
    assertEquals(3, d.failedTasks());
    assertEquals(0, s.runningCount());
  }

  @Test
  void markImageFailing_makesTasksOfThatImageCrash() {
    Ecs.markImageFailing(cloud.world(), "registry.example.com/app:7");
    String v1 = EcsFixture.registerTaskDefinition(ecs, "registry.example.com/app:7");
    ecs.createService(f.service(v1, 1).build());
    describe();
    describe();
    assertEquals(
        "Essential container in task exited", tasks(DesiredStatus.STOPPED).get(0).stoppedReason());
  }

  @Test
  void task_whenLogGroupMissing_failsToStart() {
    logs.deleteLogGroup(r -> r.logGroupName(EcsFixture.GROUP));
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(v1, 1).build());
    describe();
    describe();
    Task t = tasks(DesiredStatus.STOPPED).get(0);
    assertEquals("TaskFailedToStart", t.stopCodeAsString());
    assertTrue(t.stoppedReason().startsWith("ResourceInitializationError"), t.stoppedReason());
  }

  @Test
  void deleteService_requiresScaleToZeroThenDrainsToInactive() {
    cloud.world().profile(Profile.instant().with("ecs.service.drain", Duration.ofSeconds(60)));
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(v1, 1).build());
    settle();
    var e =
        assertThrows(
            InvalidParameterException.class,
            () -> ecs.deleteService(r -> r.cluster("hello").service("hello")));
    assertEquals(
        "The service cannot be stopped while deployments are active.",
        e.awsErrorDetails().errorMessage());
    ecs.updateService(r -> r.cluster("hello").service("hello").desiredCount(0));
    assertEquals(
        "DRAINING", ecs.deleteService(r -> r.cluster("hello").service("hello")).service().status());
    assertThrows(
        InvalidParameterException.class,
        () -> ecs.createService(f.service(v1, 1).build()),
        "Creation of service was not idempotent.");
    assertEquals("DRAINING", settle().status());
    clock.advance(Duration.ofSeconds(60));
    Service s = settle();
    assertEquals("INACTIVE", s.status());
    assertTrue(ecs.listServices(r -> r.cluster("hello")).serviceArns().isEmpty());
    assertTrue(tasks(DesiredStatus.RUNNING).isEmpty());
    ecs.deleteCluster(r -> r.cluster("hello"));
  }

  @Test
  void deleteService_withForce_drainsRunningTasks() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(v1, 2).build());
    settle();
    ecs.deleteService(r -> r.cluster("hello").service("hello").force(true));
    assertEquals("INACTIVE", settle().status());
    synchronized (cloud.world()) {
      assertEquals(0, cloud.world().of("ec2", "network-interface").count());
    }
    assertEquals(
        "ACTIVE", ecs.createService(f.service(v1, 1).build()).service().status(), "name reusable");
  }

  @Test
  void describeServices_whenMissing_reportsFailureMissing() {
    var resp = ecs.describeServices(r -> r.cluster("hello").services("nope"));
    assertEquals("MISSING", resp.failures().get(0).reason());
    assertEquals(
        "arn:aws:ecs:us-east-1:123456789012:service/hello/nope", resp.failures().get(0).arn());
  }

  @Test
  void tagResource_onService_isListed() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    String arn = ecs.createService(f.service(v1, 0).build()).service().serviceArn();
    ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("team").value("web").build()));
    assertEquals("team", ecs.listTagsForResource(r -> r.resourceArn(arn)).tags().get(0).key());
    assertEquals(List.of(arn), ecs.listServices(r -> r.cluster("hello")).serviceArns());
  }

  @Test
  void updateService_desiredCount_scalesOutAndIn() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    ecs.createService(f.service(v1, 1).build());
    settle();
    Service scaled =
        ecs.updateService(
                r ->
                    r.cluster("hello")
                        .service("hello")
                        .desiredCount(3)
                        .healthCheckGracePeriodSeconds(90))
            .service();
    assertEquals(1, scaled.deployments().size(), "scaling is no new deployment");
    assertEquals(90, scaled.healthCheckGracePeriodSeconds());
    assertEquals(3, settle().runningCount());
    ecs.updateService(r -> r.cluster("hello").service("hello").desiredCount(1));
    assertEquals(1, settle().runningCount());
    assertEquals(2, tasks(DesiredStatus.STOPPED).size());
  }

  @Test
  void updateService_whenDraining_returnsServiceNotActive() {
    String v1 = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    cloud.world().profile(Profile.instant().with("ecs.service.drain", Duration.ofSeconds(60)));
    ecs.createService(f.service(v1, 0).build());
    ecs.deleteService(r -> r.cluster("hello").service("hello"));
    assertThrows(
        ServiceNotActiveException.class,
        () -> ecs.updateService(r -> r.cluster("hello").service("hello").desiredCount(1)));
    assertThrows(
        ServiceNotFoundException.class,
        () -> ecs.updateService(r -> r.cluster("hello").service("nope").desiredCount(1)));
  }

  @Test
  void describeTasks_whenMissing_reportsFailureMissing() {
    var resp = ecs.describeTasks(r -> r.cluster("hello").tasks("0123456789abcdef0123456789abcdef"));
    assertTrue(resp.tasks().isEmpty());
    assertEquals("MISSING", resp.failures().get(0).reason());
  }
}
