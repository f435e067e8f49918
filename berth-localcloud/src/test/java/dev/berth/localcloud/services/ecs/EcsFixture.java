package dev.berth.localcloud.services.ecs;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What an ECS service needs from other services, put straight into the world the way
 * docs/internals.md describes those resources (EC2, ELB and IAM are emulated elsewhere).
 */
final class EcsFixture {
  static final String VPC = "vpc-0aaaaaaaaaaaaaaaa";
  static final String SUBNET_A = "subnet-0aaaaaaaaaaaaaaa1";
  static final String SUBNET_B = "subnet-0aaaaaaaaaaaaaaa2";
  static final String TASK_SG = "sg-0aaaaaaaaaaaaaaa1";
  static final String EXEC_ROLE = "arn:aws:iam::123456789012:role/hello-exec";
  static final String GROUP = "/berth/hello";

  final LocalCloud cloud;
  final String targetGroupArn;

  private EcsFixture(LocalCloud cloud, String targetGroupArn) {
    this.cloud = cloud;
    this.targetGroupArn = targetGroupArn;
  }

  /** Subnets, a task security group, a target group with a listener, an old role, a log group. */
  static EcsFixture network(LocalCloud cloud, long deregistrationDelay) {
    World w = cloud.world();
    synchronized (w) {
      subnet(w, SUBNET_A, "10.0.0.0/24", "us-east-1a");
      subnet(w, SUBNET_B, "10.0.1.0/24", "us-east-1b");
      Res sg = new Res("ec2", "security-group", TASK_SG);
      sg.attrs.put("region", "us-east-1");
      sg.name = "hello-task";
      sg.attrs.put("vpcId", VPC);
      w.put(sg);
      Res tg = targetGroup(w, "hello-tg", deregistrationDelay);
      listenerFor(w, tg.arn);
      role(w, "hello-exec", -3_600_000);
      dev.berth.localcloud.services.logs.LogStore.createGroup(
          w, "us-east-1", GROUP, java.util.Map.of());
      return new EcsFixture(cloud, tg.arn);
    }
  }

  static Res subnet(World w, String id, String cidr, String az) {
    Res s = new Res("ec2", "subnet", id);
    s.attrs.put("region", "us-east-1");
    s.state = "available";
    s.attrs.put("vpcId", VPC);
    s.attrs.put("cidr", cidr);
    s.attrs.put("availabilityZone", az);
    s.refs.add(VPC);
    return w.put(s);
  }

  static Res targetGroup(World w, String name, long deregistrationDelay) {
    String arn =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/"
            + name
            + "/"
            + w.newId("", 16);
    Res tg = new Res("elasticloadbalancing", "targetgroup", arn);
    tg.attrs.put("region", "us-east-1");
    tg.arn = arn;
    tg.name = name;
    tg.attrs.put("port", 8080);
    tg.attrs.put("healthCheckIntervalSeconds", 10);
    tg.attrs.put("healthyThresholdCount", 2);
    tg.attrs.put("unhealthyThresholdCount", 2);
    tg.attrs.put("deregistrationDelay", deregistrationDelay);
    tg.attrs.put("targets", new ArrayList<>());
    return w.put(tg);
  }

  static Res listenerFor(World w, String tgArn) {
    String arn =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/hello/"
            + w.newId("", 16)
            + "/"
            + w.newId("", 16);
    Res l = new Res("elasticloadbalancing", "listener", arn);
    l.attrs.put("region", "us-east-1");
    l.arn = arn;
    l.attrs.put("port", 443);
    l.refs.add(tgArn);
    return w.put(l);
  }

  /** An IAM role created {@code -ageMillis} ago (negative: in the past). */
  static Res role(World w, String name, long ageMillis) {
    Res r = new Res("iam", "role", name);
    r.name = name;
    r.arn = "arn:aws:iam::123456789012:role/" + name;
    r.createdAt = w.nowMillis() + ageMillis;
    return w.put(r);
  }

  static String registerTaskDefinition(EcsClient ecs, String image) {
    return ecs.registerTaskDefinition(
            r ->
                r.family("hello")
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .executionRoleArn(EXEC_ROLE)
                    .containerDefinitions(web(image)))
        .taskDefinition()
        .taskDefinitionArn();
  }

  static ContainerDefinition web(String image) {
    return ContainerDefinition.builder()
        .name("web")
        .image(image)
        .portMappings(PortMapping.builder().containerPort(8080).build())
        .logConfiguration(
            l ->
                l.logDriver(LogDriver.AWSLOGS)
                    .options(
                        java.util.Map.of(
                            "awslogs-group", GROUP,
                            "awslogs-region", "us-east-1",
                            "awslogs-stream-prefix", "berth")))
        .build();
  }

  CreateServiceRequest.Builder service(String taskDefinition, int desired) {
    return CreateServiceRequest.builder()
        .cluster("hello")
        .serviceName("hello")
        .taskDefinition(taskDefinition)
        .desiredCount(desired)
        .launchType(LaunchType.FARGATE)
        .networkConfiguration(
            n ->
                n.awsvpcConfiguration(
                    a ->
                        a.subnets(SUBNET_A, SUBNET_B)
                            .securityGroups(TASK_SG)
                            .assignPublicIp(AssignPublicIp.ENABLED)))
        .loadBalancers(
            LoadBalancer.builder()
                .targetGroupArn(targetGroupArn)
                .containerName("web")
                .containerPort(8080)
                .build())
        .deploymentConfiguration(
            d ->
                d.deploymentCircuitBreaker(c -> c.enable(true).rollback(true))
                    .minimumHealthyPercent(100)
                    .maximumPercent(200));
  }

  static Service describe(EcsClient ecs) {
    return ecs.describeServices(r -> r.cluster("hello").services("hello")).services().get(0);
  }
}
