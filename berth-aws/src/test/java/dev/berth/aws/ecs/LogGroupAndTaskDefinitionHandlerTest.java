package dev.berth.aws.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.TestContext;
import dev.berth.core.engine.Observed;
import dev.berth.core.graph.Values;
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
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
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
    h.delete(ctx, o.physicalId(), props, o.outputs());
  }

  @Test
  void logGroup_createWhenSomeoneElsesGroupExists_fails() {
    f.aws.logs().createLogGroup(r -> r.logGroupName("/berth/hello").tags(Map.of("owner", "me")));
    assertThrows(ResourceAlreadyExistsException.class, () -> f.logGroup());
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
    for (String key : TaskDefinitionHandler.TYPE.replaceOn()) {
      // Compared as the planner compares, so a read-back is never taken for drift.
      assertTrue(
          Values.equal(props.get(key), read.get(key)),
          key + ": " + props.get(key) + " read back as " + read.get(key));
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
