package dev.berth.localcloud.services.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

@ExtendWith(LocalCloudExtension.class)
class EcsClusterAndTaskDefinitionTest {
  private LocalCloud cloud;
  private EcsClient ecs;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    this.ecs = Clients.of(EcsClient.builder(), cloud);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void createCluster_isDescribedListedAndTagged() {
    var c =
        ecs.createCluster(
                r ->
                    r.clusterName("hello")
                        .tags(Tag.builder().key("berth:stack").value("hello").build()))
            .cluster();
    assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/hello", c.clusterArn());
    assertEquals("ACTIVE", c.status());
    assertEquals(List.of(c.clusterArn()), ecs.listClusters().clusterArns());
    var described =
        ecs.describeClusters(r -> r.clusters("hello").include(ClusterField.TAGS)).clusters().get(0);
    assertEquals("hello", described.clusterName());
    assertEquals("hello", described.tags().get(0).value());
    ecs.tagResource(
        r -> r.resourceArn(c.clusterArn()).tags(Tag.builder().key("team").value("web").build()));
    assertEquals(2, ecs.listTagsForResource(r -> r.resourceArn(c.clusterArn())).tags().size());
  }

  @Test
  void describeClusters_whenMissing_reportsFailureMissing() {
    var resp = ecs.describeClusters(r -> r.clusters("nope"));
    assertTrue(resp.clusters().isEmpty());
    assertEquals("MISSING", resp.failures().get(0).reason());
    assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/nope", resp.failures().get(0).arn());
  }

  @Test
  void deleteCluster_makesItInactiveAndUnlisted() {
    ecs.createCluster(r -> r.clusterName("hello"));
    assertEquals("INACTIVE", ecs.deleteCluster(r -> r.cluster("hello")).cluster().status());
    assertEquals(
        "INACTIVE", ecs.describeClusters(r -> r.clusters("hello")).clusters().get(0).status());
    assertTrue(ecs.listClusters().clusterArns().isEmpty());
    var e =
        assertThrows(
            ClusterNotFoundException.class, () -> ecs.deleteCluster(r -> r.cluster("hello")));
    assertEquals("Cluster not found.", e.awsErrorDetails().errorMessage());
  }

  @Test
  void deleteCluster_whileServiceActive_returnsClusterContainsServices() {
    ecs.createCluster(r -> r.clusterName("hello"));
    EcsFixture f = EcsFixture.network(cloud, 0);
    ecs.createService(f.service(EcsFixture.registerTaskDefinition(ecs, "nginx:1"), 0).build());
    var e =
        assertThrows(
            ClusterContainsServicesException.class,
            () -> ecs.deleteCluster(r -> r.cluster("hello")));
    assertEquals(
        "The Cluster cannot be deleted while Services are active.",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void deleteCluster_whileTaskNotStopped_returnsClusterContainsTasks() {
    String arn = ecs.createCluster(r -> r.clusterName("hello")).cluster().clusterArn();
    synchronized (cloud.world()) {
      Res t = new Res("ecs", "task", arn.replace(":cluster/", ":task/") + "/0123456789abcdef");
      t.attrs.put("region", "us-east-1");
      t.arn = t.id;
      t.attrs.put("clusterArn", arn);
      t.attrs.put("lastStatus", "RUNNING");
      t.attrs.put("desiredStatus", "RUNNING");
      cloud.world().put(t);
    }
    assertThrows(
        ClusterContainsTasksException.class, () -> ecs.deleteCluster(r -> r.cluster("hello")));
  }

  private RegisterTaskDefinitionRequest.Builder fargate(String cpu, String memory) {
    return RegisterTaskDefinitionRequest.builder()
        .family("hello")
        .requiresCompatibilities(Compatibility.FARGATE)
        .networkMode(NetworkMode.AWSVPC)
        .cpu(cpu)
        .memory(memory)
        .executionRoleArn(EcsFixture.EXEC_ROLE)
        .containerDefinitions(EcsFixture.web("nginx:1"));
  }

  @Test
  void registerTaskDefinition_keepsEveryContainerSettingAndIncrementsRevisions() {
    ContainerDefinition c =
        EcsFixture.web("registry.example.com/app:1").toBuilder()
            .environment(KeyValuePair.builder().name("MODE").value("prod").build())
            .secrets(
                Secret.builder()
                    .name("TOKEN")
                    .valueFrom("arn:aws:secretsmanager:us-east-1:123456789012:secret:tok-AbCdEf")
                    .build())
            .command("serve", "--port", "8080")
            .entryPoint("/bin/app")
            .repositoryCredentials(
                r ->
                    r.credentialsParameter(
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:reg"))
            .build();
    TaskDefinition td =
        ecs.registerTaskDefinition(
                fargate("512", "1024")
                    .taskRoleArn("arn:aws:iam::123456789012:role/hello-task")
                    .containerDefinitions(c)
                    .tags(Tag.builder().key("berth:stack").value("hello").build())
                    .build())
            .taskDefinition();
    assertEquals(
        "arn:aws:ecs:us-east-1:123456789012:task-definition/hello:1", td.taskDefinitionArn());
    assertEquals(1, td.revision());
    assertEquals("512", td.cpu());
    assertEquals(NetworkMode.AWSVPC, td.networkMode());
    assertEquals(TaskDefinitionStatus.ACTIVE, td.status());
    assertTrue(td.compatibilities().contains(Compatibility.FARGATE));
    ContainerDefinition got = td.containerDefinitions().get(0);
    assertEquals(8080, got.portMappings().get(0).hostPort());
    assertEquals("prod", got.environment().get(0).value());
    assertEquals("TOKEN", got.secrets().get(0).name());
    assertEquals(List.of("serve", "--port", "8080"), got.command());
    assertEquals(List.of("/bin/app"), got.entryPoint());
    assertTrue(got.repositoryCredentials().credentialsParameter().endsWith(":secret:reg"));
    assertEquals("berth", got.logConfiguration().options().get("awslogs-stream-prefix"));
    assertTrue(got.essential());

    TaskDefinition second =
        ecs.registerTaskDefinition(fargate("1 vCPU", "2 GB").build()).taskDefinition();
    assertEquals(2, second.revision());
    assertEquals("1024", second.cpu());
    assertEquals("2048", second.memory());
    assertEquals(
        2, ecs.describeTaskDefinition(r -> r.taskDefinition("hello")).taskDefinition().revision());
    var first =
        ecs.describeTaskDefinition(
            r -> r.taskDefinition("hello:1").include(TaskDefinitionField.TAGS));
    assertEquals("hello", first.tags().get(0).value());
    assertEquals(
        1,
        ecs.describeTaskDefinition(r -> r.taskDefinition(td.taskDefinitionArn()))
            .taskDefinition()
            .revision());
  }

  @Test
  void registerTaskDefinition_whenFargateSizeInvalid_returnsClientException() {
    var e =
        assertThrows(
            ClientException.class,
            () -> ecs.registerTaskDefinition(fargate("256", "4096").build()));
    assertTrue(
        e.awsErrorDetails()
            .errorMessage()
            .startsWith("No Fargate configuration exists for given values"),
        e.getMessage());
    assertThrows(
        ClientException.class, () -> ecs.registerTaskDefinition(fargate("300", "1024").build()));
    assertThrows(
        ClientException.class,
        () ->
            ecs.registerTaskDefinition(
                fargate("256", "512").networkMode(NetworkMode.BRIDGE).build()));
    assertThrows(
        ClientException.class,
        () -> ecs.registerTaskDefinition(fargate("256", "512").executionRoleArn(null).build()));
    for (String[] ok : new String[][] {{"256", "2048"}, {"2048", "16384"}, {"4096", "30720"}}) {
      ecs.registerTaskDefinition(fargate(ok[0], ok[1]).build());
    }
  }

  @Test
  void deregisterTaskDefinition_makesItInactive() {
    String arn = EcsFixture.registerTaskDefinition(ecs, "nginx:1");
    var td = ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition();
    assertEquals(TaskDefinitionStatus.INACTIVE, td.status());
    assertEquals(
        TaskDefinitionStatus.INACTIVE,
        ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition().status());
    assertThrows(
        ClientException.class, () -> ecs.describeTaskDefinition(r -> r.taskDefinition("hello")));
    assertThrows(
        ClientException.class,
        () -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("hello:9")));
    assertTrue(
        ecs.listTaskDefinitions(r -> r.familyPrefix("hello")).taskDefinitionArns().isEmpty());
  }
}
