package dev.berth.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.GoneIsDeleted;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.NameTakenException;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Values;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

class LogGroupAndTaskDefinitionHandlerTest {
  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension localcloud = new LocalCloudExtension(clock, Profile.instant());

  private ComputeFixture f;

  @BeforeEach
  void setUp() {
    f = new ComputeFixture(localcloud.cloud(), clock);
  }

  @AfterEach
  void tearDown() {
    f.aws.close();
  }

  @Test
  void logGroup_createUpdateRetentionFindAndDelete() throws Exception {
    LogGroupHandler h = new LogGroupHandler(f.aws);
    TestContext ctx = f.ctx("logs");
    Observed o = f.logGroup();
    assertEquals("/berth/hello", o.physicalId());
    assertEquals(
        "arn:aws:logs:us-east-1:123456789012:log-group:/berth/hello", o.outputs().get("arn"));
    assertEquals(14, o.properties().get("retentionDays"));
    assertEquals(
        "hello",
        f.aws
            .logs()
            .listTagsForResource(r -> r.resourceArn(o.outputs().get("arn")))
            .tags()
            .get("berth:stack"));

    Map<String, Object> props = Map.of("name", "/berth/hello", "retentionDays", 30);
    assertEquals(
        30,
        h.update(ctx, o.physicalId(), Map.of(), props, o.outputs())
            .properties()
            .get("retentionDays"));
    Observed never =
        h.update(ctx, o.physicalId(), props, Map.of("name", "/berth/hello"), o.outputs());
    assertNull(never.properties().get("retentionDays"));
    assertEquals(o.physicalId(), h.find(ctx, props).orElseThrow().physicalId());
    assertEquals(
        o.physicalId(), h.create(ctx, props).physicalId(), "a retried create adopts its own group");

    h.delete(ctx, o.physicalId(), props, o.outputs());
    assertTrue(h.read(ctx, o.physicalId(), props).isEmpty());
    GoneIsDeleted.delete(h, ctx, o.physicalId(), props, o.outputs());
  }

  @Test
  void logGroup_createWhenSomeoneElsesGroupExists_fails() {
    f.aws.logs().createLogGroup(r -> r.logGroupName("/berth/hello").tags(Map.of("owner", "me")));
    var e = assertThrows(BerthException.class, () -> f.logGroup());
    assertEquals(
        "log group /berth/hello already exists and belongs to something berth did not create;"
            + " berth did not change it",
        e.getMessage());
  }

  // ---- ownership: log group, cluster and task definitions of another state

  private TestContext ctx(String id, String lineage) {
    return f.ctx(id).lineage(lineage);
  }

  private static final Map<String, Object> LOGS =
      Map.of("name", "/berth/hello", "retentionDays", 14);
  private static final Map<String, Object> CLUSTER = Map.of("name", "hello");

  @Test
  void logGroupAndCluster_find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    LogGroupHandler logs = new LogGroupHandler(f.aws);
    ClusterHandler clusters = new ClusterHandler(f.aws);
    logs.create(ctx("logs", "state-a"), LOGS);
    clusters.create(ctx("cluster", "state-a"), CLUSTER);

    assertTrue(logs.find(ctx("logs", "state-b"), LOGS).isEmpty());
    assertTrue(clusters.find(ctx("cluster", "state-b"), CLUSTER).isEmpty());
    assertTrue(logs.find(ctx("logs", "state-a"), LOGS).isPresent());
    assertTrue(clusters.find(ctx("cluster", "state-a"), CLUSTER).isPresent());
  }

  @Test
  void logGroupAndCluster_create_whenAnotherLineageHoldsTheName_failsNamingTheOwner()
      throws Exception {
    LogGroupHandler logs = new LogGroupHandler(f.aws);
    ClusterHandler clusters = new ClusterHandler(f.aws);
    logs.create(ctx("logs", "state-a"), LOGS);
    Observed cluster = clusters.create(ctx("cluster", "state-a"), CLUSTER);

    var e =
        assertThrows(
            BerthException.class,
            () ->
                logs.create(
                    ctx("logs", "state-b"), Map.of("name", "/berth/hello", "retentionDays", 30)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "log group /berth/hello already exists and belongs to berth stack hello (state"
                    + " lineage state-a"),
        e.getMessage());
    assertTrue(((NameTakenException) e).berths(), e.toString()); // the CLI adds --state
    // CreateCluster answers with the existing cluster: its tags tell it is not state-b's.
    var c =
        assertThrows(
            BerthException.class, () -> clusters.create(ctx("cluster", "state-b"), CLUSTER));
    assertTrue(c.getMessage().startsWith("ECS cluster hello already exists"), c.getMessage());
    assertTrue(c.getMessage().contains("state lineage state-a"), c.getMessage());

    assertEquals(
        14,
        logs.read(ctx("logs", "state-a"), "/berth/hello", LOGS)
            .orElseThrow()
            .properties()
            .get("retentionDays"),
        "the other state's retention is left as it was");
    assertEquals(
        "state-a",
        clusters
            .read(ctx("cluster", "state-a"), cluster.physicalId(), CLUSTER)
            .orElseThrow()
            .tags()
            .get(Ownership.LINEAGE));
  }

  @Test
  void holder_logGroupAndCluster_freeOursOtherLineageAndUntagged() throws Exception {
    LogGroupHandler logs = new LogGroupHandler(f.aws);
    ClusterHandler clusters = new ClusterHandler(f.aws);
    assertTrue(logs.holder(ctx("logs", "state-a"), LOGS).isEmpty());
    assertTrue(clusters.holder(ctx("cluster", "state-a"), CLUSTER).isEmpty());
    logs.create(ctx("logs", "state-a"), LOGS);
    clusters.create(ctx("cluster", "state-a"), CLUSTER);

    Holder ours = logs.holder(ctx("logs", "state-a"), LOGS).orElseThrow();
    assertEquals("log group /berth/hello", ours.what());
    assertTrue(Ownership.ours(ctx("logs", "state-a"), ours.tags()));
    Holder theirs = clusters.holder(ctx("cluster", "state-b"), CLUSTER).orElseThrow();
    assertEquals("ECS cluster hello", theirs.what());
    assertEquals("state-a", theirs.tags().get(Ownership.LINEAGE));
    assertFalse(Ownership.ours(ctx("cluster", "state-b"), theirs.tags()));

    f.aws.logs().createLogGroup(r -> r.logGroupName("/berth/plain"));
    f.aws.ecs().createCluster(r -> r.clusterName("plain"));
    assertEquals(
        Map.of(),
        logs.holder(ctx("logs", "state-a"), Map.of("name", "/berth/plain")).orElseThrow().tags());
    assertEquals(
        Map.of(),
        clusters.holder(ctx("cluster", "state-a"), Map.of("name", "plain")).orElseThrow().tags());
    assertTrue(
        clusters.holder(ctx("cluster", "state-a"), Map.of("name", Ref.to("x", "name"))).isEmpty());

    f.aws.ecs().deleteCluster(r -> r.cluster("plain"));
    assertTrue(
        clusters.holder(ctx("cluster", "state-a"), Map.of("name", "plain")).isEmpty(),
        "an INACTIVE cluster holds no name");
  }

  @Test
  void tag_addsLineage_andReadReportsTags_logGroupClusterTaskDefinition() throws Exception {
    // What a berth before lineages made: stack and id, no lineage.
    Map<String, String> old = Map.of(Ownership.STACK, "hello", Ownership.ID, "x");
    f.aws.logs().createLogGroup(r -> r.logGroupName("/berth/hello").tags(old));
    String clusterArn =
        f.aws
            .ecs()
            .createCluster(r -> r.clusterName("hello").tags(EcsTags.of(old)))
            .cluster()
            .clusterArn();
    TaskDefinitionHandler tds = new TaskDefinitionHandler(f.aws);
    String td =
        f.aws
            .ecs()
            .registerTaskDefinition(
                tds.request(f.taskDefinitionProps("nginx:1")).tags(EcsTags.of(old)).build())
            .taskDefinition()
            .taskDefinitionArn();
    LogGroupHandler logs = new LogGroupHandler(f.aws);
    ClusterHandler clusters = new ClusterHandler(f.aws);
    assertNull(
        logs.read(ctx("logs", "state-a"), "/berth/hello", LOGS)
            .orElseThrow()
            .tags()
            .get(Ownership.LINEAGE));

    logs.tag(ctx("logs", "state-a"), "/berth/hello", LOGS, Map.of());
    clusters.tag(ctx("cluster", "state-a"), clusterArn, CLUSTER, Map.of());
    tds.tag(ctx("task-definition", "state-a"), td, f.taskDefinitionProps("nginx:1"), Map.of());

    assertTrue(
        Ownership.ours(
            ctx("logs", "state-a"),
            logs.read(ctx("logs", "state-a"), "/berth/hello", LOGS).orElseThrow().tags()));
    assertTrue(
        Ownership.ours(
            ctx("cluster", "state-a"),
            clusters.read(ctx("cluster", "state-a"), clusterArn, CLUSTER).orElseThrow().tags()));
    assertTrue(
        Ownership.ours(
            ctx("task-definition", "state-a"),
            tds.read(ctx("task-definition", "state-a"), td, Map.of()).orElseThrow().tags()));
    assertTrue(logs.find(ctx("logs", "state-a"), LOGS).isPresent());
  }

  @Test
  void taskDefinition_findAndHolder_whenAnotherLineageRegisteredTheFamily() throws Exception {
    TaskDefinitionHandler tds = new TaskDefinitionHandler(f.aws);
    Map<String, Object> props = f.taskDefinitionProps("nginx:1");
    assertTrue(tds.holder(ctx("task-definition", "state-a"), props).isEmpty());
    String mine = tds.create(ctx("task-definition", "state-a"), props).physicalId();
    Holder ours = tds.holder(ctx("task-definition", "state-a"), props).orElseThrow();
    assertTrue(Ownership.ours(ctx("task-definition", "state-a"), ours.tags()), ours.toString());
    assertTrue(tds.find(ctx("task-definition", "state-b"), props).isEmpty());
    assertEquals(
        mine, tds.find(ctx("task-definition", "state-a"), props).orElseThrow().physicalId());

    String theirs = tds.create(ctx("task-definition", "state-b"), props).physicalId();
    Holder h = tds.holder(ctx("task-definition", "state-a"), props).orElseThrow();
    assertEquals("task definition " + theirs.substring(theirs.lastIndexOf('/') + 1), h.what());
    assertEquals("state-b", h.tags().get(Ownership.LINEAGE));

    f.aws.ecs().deregisterTaskDefinition(r -> r.taskDefinition(theirs));
    f.aws.ecs().registerTaskDefinition(tds.request(props).build());
    assertEquals(
        Map.of(), tds.holder(ctx("task-definition", "state-a"), props).orElseThrow().tags());
    Map<String, Object> unresolved = new HashMap<>(props);
    unresolved.put("family", Ref.to("x", "family"));
    assertTrue(tds.holder(ctx("task-definition", "state-a"), unresolved).isEmpty());
  }

  @Test
  void taskDefinition_registersEveryPropertyAndReadsThemBack() throws Exception {
    TaskDefinitionHandler h = new TaskDefinitionHandler(f.aws);
    TestContext ctx = f.ctx("task-definition");
    Map<String, Object> props = new HashMap<>(f.taskDefinitionProps("registry.example.com/app:1"));
    props.put("taskRoleArn", "arn:aws:iam::123456789012:role/hello-task");
    props.put(
        "secrets",
        Map.of("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"));
    props.put("command", List.of("serve", "--port", "8080"));
    props.put("entryPoint", List.of("/bin/app"));
    props.put(
        "repositoryCredentialsArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:reg");
    Observed o = h.create(ctx, props);
    assertEquals("arn:aws:ecs:us-east-1:123456789012:task-definition/hello:1", o.physicalId());
    assertEquals("1", o.outputs().get("revision"));

    ContainerDefinition c =
        f.aws
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition(o.physicalId()))
            .taskDefinition()
            .containerDefinitions()
            .get(0);
    assertEquals("berth", c.logConfiguration().options().get("awslogs-stream-prefix"));
    assertEquals("/berth/hello", c.logConfiguration().options().get("awslogs-group"));
    assertEquals("us-east-1", c.logConfiguration().options().get("awslogs-region"));
    assertEquals(8080, c.portMappings().get(0).containerPort());
    assertTrue(c.repositoryCredentials().credentialsParameter().endsWith(":secret:reg"));

    Map<String, Object> read = h.read(ctx, o.physicalId(), props).orElseThrow().properties();
    // Compared as the planner compares, so a read never looks like drift.
    for (String key : TaskDefinitionHandler.TYPE.replaceOn()) {
      assertTrue(
          Values.equal(props.get(key), read.get(key)),
          key + ": " + props.get(key) + " vs " + read.get(key));
    }
    assertEquals(o.physicalId(), h.find(ctx, props).orElseThrow().physicalId());
    assertTrue(h.find(ctx, f.taskDefinitionProps("other:1")).isEmpty());

    h.delete(ctx, o.physicalId(), props, o.outputs());
    assertEquals(
        TaskDefinitionStatus.INACTIVE,
        f.aws
            .ecs()
            .describeTaskDefinition(r -> r.taskDefinition(o.physicalId()))
            .taskDefinition()
            .status());
    assertTrue(h.read(ctx, o.physicalId(), props).isEmpty());
    h.delete(ctx, o.physicalId(), props, o.outputs());
    assertTrue(
        h.read(ctx, "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:9", props).isEmpty());
  }
}
