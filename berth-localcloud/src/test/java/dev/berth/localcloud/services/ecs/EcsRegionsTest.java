package dev.berth.localcloud.services.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.RegionalNetwork;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ECS is regional: clusters, task definitions, services and tasks of one region are invisible to
 * the other, one name can live in both, and an ARN of another region is refused.
 */
@ExtendWith(LocalCloudExtension.class)
class EcsRegionsTest {
  private static final String CLUSTER = "berth-x";
  private static final String GROUP = "/berth/x";
  private static final String EXEC_ROLE = "arn:aws:iam::123456789012:role/berth-x-execution";

  private LocalCloud cloud;
  private EcsClient us;
  private EcsClient eu;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    us = Clients.of(EcsClient.builder(), cloud, Region.US_EAST_1);
    eu = Clients.of(EcsClient.builder(), cloud, Region.EU_CENTRAL_1);
  }

  @AfterEach
  void tearDown() {
    us.close();
    eu.close();
  }

  private static String register(EcsClient ecs, String region) {
    return ecs.registerTaskDefinition(
            r ->
                r.family(CLUSTER)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .executionRoleArn(EXEC_ROLE)
                    .containerDefinitions(
                        ContainerDefinition.builder()
                            .name("web")
                            .image("nginx:1")
                            .portMappings(PortMapping.builder().containerPort(8080).build())
                            .logConfiguration(
                                l ->
                                    l.logDriver(LogDriver.AWSLOGS)
                                        .options(
                                            Map.of(
                                                "awslogs-group", GROUP,
                                                "awslogs-region", region,
                                                "awslogs-stream-prefix", "web")))
                            .build()))
        .taskDefinition()
        .taskDefinitionArn();
  }

  private static CreateServiceRequest.Builder service(String td, RegionalNetwork net) {
    return CreateServiceRequest.builder()
        .cluster(CLUSTER)
        .serviceName("web")
        .taskDefinition(td)
        .desiredCount(1)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(
            n ->
                n.awsvpcConfiguration(
                    a ->
                        a.subnets(net.subnetA(), net.subnetB())
                            .securityGroups(net.groupId())
                            .assignPublicIp(AssignPublicIp.ENABLED)));
  }

  @Test
  void createCluster_whenNameExistsInAnotherRegion_createsASecondCluster() {
    String usArn = us.createCluster(r -> r.clusterName(CLUSTER)).cluster().clusterArn();

    assertEquals(List.of(), eu.listClusters().clusterArns());
    DescribeClustersResponse missing = eu.describeClusters(r -> r.clusters(CLUSTER));
    assertEquals("MISSING", missing.failures().get(0).reason());
    String euArn = eu.createCluster(r -> r.clusterName(CLUSTER)).cluster().clusterArn();

    assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/berth-x", usArn);
    assertEquals("arn:aws:ecs:eu-central-1:123456789012:cluster/berth-x", euArn);
    assertEquals(List.of(usArn), us.listClusters().clusterArns());
    assertEquals(List.of(euArn), eu.listClusters().clusterArns());
  }

  @Test
  void deleteCluster_inOneRegion_leavesTheOther() {
    us.createCluster(r -> r.clusterName(CLUSTER));
    eu.createCluster(r -> r.clusterName(CLUSTER));

    eu.deleteCluster(r -> r.cluster(CLUSTER));

    assertEquals(List.of(), eu.listClusters().clusterArns());
    assertEquals(
        "ACTIVE", us.describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).status());
    assertThrows(ClusterNotFoundException.class, () -> eu.deleteCluster(r -> r.cluster(CLUSTER)));
  }

  @Test
  void calls_withAnArnOfAnotherRegion_answerInvalidRegionInArn() {
    String cluster = us.createCluster(r -> r.clusterName(CLUSTER)).cluster().clusterArn();
    String td = register(us, "us-east-1");
    eu.createCluster(r -> r.clusterName(CLUSTER));

    for (var call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> eu.describeClusters(r -> r.clusters(cluster)),
            () -> eu.deleteCluster(r -> r.cluster(cluster)),
            () -> eu.listServices(r -> r.cluster(cluster)),
            () -> eu.describeTaskDefinition(r -> r.taskDefinition(td)),
            () -> eu.listTagsForResource(r -> r.resourceArn(cluster)))) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class, call);
      assertEquals("Invalid Region in ARN", e.awsErrorDetails().errorMessage());
    }
    assertEquals(
        "ACTIVE", us.describeClusters(r -> r.clusters(cluster)).clusters().get(0).status());
  }

  @Test
  void registerTaskDefinition_countsRevisionsPerRegion() {
    String usFirst = register(us, "us-east-1");
    String usSecond = register(us, "us-east-1");
    String euFirst = register(eu, "eu-central-1");

    assertTrue(usSecond.endsWith("task-definition/berth-x:2"), usSecond);
    assertEquals("arn:aws:ecs:eu-central-1:123456789012:task-definition/berth-x:1", euFirst);
    assertEquals(List.of(euFirst), eu.listTaskDefinitions().taskDefinitionArns());
    assertEquals(List.of(usFirst, usSecond), us.listTaskDefinitions().taskDefinitionArns());
    assertEquals(
        euFirst,
        eu.describeTaskDefinition(r -> r.taskDefinition(CLUSTER))
            .taskDefinition()
            .taskDefinitionArn());

    eu.deregisterTaskDefinition(r -> r.taskDefinition(CLUSTER + ":1"));
    assertEquals(
        "ACTIVE",
        us.describeTaskDefinition(r -> r.taskDefinition(CLUSTER + ":1"))
            .taskDefinition()
            .statusAsString());
  }

  @Test
  void createService_runsTasksThatLogToTheGroupOfTheirRegion() {
    RegionalNetwork net = RegionalNetwork.create(cloud, Region.EU_CENTRAL_1);
    try (CloudWatchLogsClient usLogs =
            Clients.of(CloudWatchLogsClient.builder(), cloud, Region.US_EAST_1);
        CloudWatchLogsClient euLogs =
            Clients.of(CloudWatchLogsClient.builder(), cloud, Region.EU_CENTRAL_1)) {
      usLogs.createLogGroup(r -> r.logGroupName(GROUP));
      euLogs.createLogGroup(r -> r.logGroupName(GROUP));
      us.createCluster(r -> r.clusterName(CLUSTER));
      eu.createCluster(r -> r.clusterName(CLUSTER));
      String td = register(eu, "eu-central-1");

      Service created = eu.createService(service(td, net).build()).service();
      Service s = created;
      for (int i = 0; i < 20 && s.runningCount() < 1; i++) {
        s = eu.describeServices(r -> r.cluster(CLUSTER).services("web")).services().get(0);
      }

      assertEquals("arn:aws:ecs:eu-central-1:123456789012:service/berth-x/web", s.serviceArn());
      assertEquals(1, s.runningCount());
      String task = eu.listTasks(r -> r.cluster(CLUSTER)).taskArns().get(0);
      assertTrue(task.startsWith("arn:aws:ecs:eu-central-1:"), task);
      assertEquals(List.of(), us.listTasks(r -> r.cluster(CLUSTER)).taskArns());
      assertEquals(
          "MISSING",
          us.describeServices(r -> r.cluster(CLUSTER).services("web")).failures().get(0).reason());
      assertTrue(euLogs.filterLogEvents(r -> r.logGroupName(GROUP)).events().size() > 0);
      assertEquals(0, usLogs.filterLogEvents(r -> r.logGroupName(GROUP)).events().size());
    }
  }

  @Test
  void createService_withSubnetsOrTargetGroupOfAnotherRegion_isRefused() {
    RegionalNetwork usNet = RegionalNetwork.create(cloud, Region.US_EAST_1);
    eu.createCluster(r -> r.clusterName(CLUSTER));
    String td = register(eu, "eu-central-1");

    InvalidParameterException subnets =
        assertThrows(
            InvalidParameterException.class, () -> eu.createService(service(td, usNet).build()));
    assertTrue(subnets.getMessage().contains("InvalidSubnetID.NotFound"), subnets.getMessage());

    RegionalNetwork euNet = RegionalNetwork.create(cloud, Region.EU_CENTRAL_1);
    String usTargetGroup;
    try (ElasticLoadBalancingV2Client elb =
        Clients.of(ElasticLoadBalancingV2Client.builder(), cloud, Region.US_EAST_1)) {
      usTargetGroup =
          elb.createTargetGroup(
                  r ->
                      r.name("berth-x")
                          .protocol(ProtocolEnum.HTTP)
                          .port(8080)
                          .vpcId(usNet.vpcId())
                          .targetType(TargetTypeEnum.IP))
              .targetGroups()
              .get(0)
              .targetGroupArn();
    }
    assertNotEquals(null, usTargetGroup);
    assertThrows(
        InvalidParameterException.class,
        () ->
            eu.createService(
                service(td, euNet)
                    .loadBalancers(
                        LoadBalancer.builder()
                            .targetGroupArn(usTargetGroup)
                            .containerName("web")
                            .containerPort(8080)
                            .build())
                    .build()));
    assertEquals(List.of(), eu.listServices(r -> r.cluster(CLUSTER)).serviceArns());
  }
}
