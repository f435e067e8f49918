package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.aws.TestContext;
import dev.berth.core.resource.Observed;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The compute layer's inputs: subnets, a security group, a target group behind a listener and an
 * execution role, put into localcloud's world as docs/internals.md describes them; then the log
 * group, cluster and task definition through their handlers.
 */
final class ComputeFixture {
  static final String SUBNET_A = "subnet-0bbbbbbbbbbbbbbb1";
  static final String SUBNET_B = "subnet-0bbbbbbbbbbbbbbb2";
  static final String TASK_SG = "sg-0bbbbbbbbbbbbbbb1";
  static final String EXEC_ROLE = "arn:aws:iam::123456789012:role/hello-exec";
  static final String GROUP = "/berth/hello";

  final LocalCloud cloud;
  final SteppingClock clock;
  final AwsClients aws;
  final String targetGroupArn;

  ComputeFixture(LocalCloud cloud, SteppingClock clock) {
    this.cloud = cloud;
    this.clock = clock;
    this.aws =
        new AwsClients(
            Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
            cloud.endpoint());
    World w = cloud.world();
    synchronized (w) {
      subnet(w, SUBNET_A, "10.0.0.0/24", "us-east-1a");
      subnet(w, SUBNET_B, "10.0.1.0/24", "us-east-1b");
      Res sg = new Res("ec2", "security-group", TASK_SG);
      sg.attrs.put("vpcId", "vpc-0bbbbbbbbbbbbbbbb");
      w.put(sg);
      String tgArn =
          "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/hello/0123456789abcdef";
      Res tg = new Res("elasticloadbalancing", "targetgroup", tgArn);
      tg.arn = tgArn;
      tg.name = "hello";
      tg.attrs.put("healthCheckIntervalSeconds", 10);
      tg.attrs.put("healthyThresholdCount", 2);
      tg.attrs.put("unhealthyThresholdCount", 2);
      tg.attrs.put("deregistrationDelay", 30);
      tg.attrs.put("targets", new ArrayList<>());
      w.put(tg);
      Res listener =
          new Res(
              "elasticloadbalancing",
              "listener",
              "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/hello/1/2");
      listener.refs.add(tgArn);
      w.put(listener);
      Res role = new Res("iam", "role", "hello-exec");
      role.name = "hello-exec";
      role.arn = EXEC_ROLE;
      role.createdAt = w.nowMillis() - 3_600_000;
      w.put(role);
      this.targetGroupArn = tgArn;
    }
  }

  private static void subnet(World w, String id, String cidr, String az) {
    Res s = new Res("ec2", "subnet", id);
    s.attrs.put("vpcId", "vpc-0bbbbbbbbbbbbbbbb");
    s.attrs.put("cidr", cidr);
    s.attrs.put("availabilityZone", az);
    w.put(s);
  }

  TestContext ctx(String logicalId) {
    return new TestContext("hello", logicalId, clock);
  }

  Observed logGroup() throws Exception {
    return new LogGroupHandler(aws).create(ctx("logs"), Map.of("name", GROUP, "retentionDays", 14));
  }

  Observed cluster() throws Exception {
    return new ClusterHandler(aws).create(ctx("cluster"), Map.of("name", "hello"));
  }

  Map<String, Object> taskDefinitionProps(String image) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("family", "hello");
    p.put("cpu", 256); // numbers, as the blueprint gives them
    p.put("memory", 512);
    p.put("executionRoleArn", EXEC_ROLE);
    p.put("containerName", "web");
    p.put("image", image);
    p.put("port", 8080);
    p.put("environment", Map.of("MODE", "prod"));
    p.put("logGroup", GROUP);
    p.put("logRegion", "us-east-1");
    return p;
  }

  Observed taskDefinition(String image) throws Exception {
    return new TaskDefinitionHandler(aws)
        .create(ctx("task-definition"), taskDefinitionProps(image));
  }

  Map<String, Object> serviceProps(String taskDefinitionArn, int desired) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", "hello");
    p.put("cluster", "hello");
    p.put("taskDefinitionArn", taskDefinitionArn);
    p.put("desiredCount", desired);
    p.put("subnets", List.of(SUBNET_A, SUBNET_B));
    p.put("securityGroups", List.of(TASK_SG));
    p.put("targetGroupArn", targetGroupArn);
    p.put("containerName", "web");
    p.put("containerPort", 8080);
    p.put("healthCheckGracePeriodSeconds", 30);
    return p;
  }
}
