package dev.berth.localcloud.services.iam;

import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies localcloud knows without anyone creating them: the ones an ECS stack
 * uses, plus a few common ones. They live in the {@code aws} account, are attachable, and cannot be
 * changed.
 */
final class AwsManagedPolicies {
  static final String PREFIX = "arn:aws:iam::aws:policy";
  private static final String CREATED = "2017-11-16T19:56:19Z";

  record Managed(String arn, String name, String path, String id, String document) {}

  private static final Map<String, Managed> BY_ARN =
      Map.ofEntries(
          entry(
              "/service-role/",
              "AmazonECSTaskExecutionRolePolicy",
              "ANPAJG4T4G4PV56DE72PY",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\","
                  + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\",\"logs:CreateLogStream\","
                  + "\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}"),
          entry(
              "/aws-service-role/",
              "AmazonECSServiceRolePolicy",
              "ANPAIVUWKCAI7URU4WUEI",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "[\"ec2:AttachNetworkInterface\",\"ec2:CreateNetworkInterface\","
                  + "\"ec2:DeleteNetworkInterface\",\"ec2:Describe*\","
                  + "\"elasticloadbalancing:RegisterTargets\","
                  + "\"elasticloadbalancing:DeregisterTargets\",\"elasticloadbalancing:Describe*\"],"
                  + "\"Resource\":\"*\"}]}"),
          entry(
              "/",
              "AmazonEC2ContainerRegistryReadOnly",
              "ANPAIFYZPA37OOHVIH7KQ",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\","
                  + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\",\"ecr:Describe*\","
                  + "\"ecr:List*\"],\"Resource\":\"*\"}]}"),
          entry(
              "/",
              "CloudWatchLogsFullAccess",
              "ANPAJ3ZGNWK2R5HW5BQFO",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "[\"logs:*\"],\"Resource\":\"*\"}]}"),
          entry(
              "/",
              "ReadOnlyAccess",
              "ANPAILL3HVNFSB6DCOWYQ",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                  + "[\"*:Describe*\",\"*:Get*\",\"*:List*\"],\"Resource\":\"*\"}]}"),
          entry(
              "/",
              "AdministratorAccess",
              "ANPAIWMBCKSKIEE64ZLYK",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                  + "\"Resource\":\"*\"}]}"));

  private AwsManagedPolicies() {}

  private static Map.Entry<String, Managed> entry(
      String path, String name, String id, String document) {
    String arn = PREFIX + path + name;
    return Map.entry(arn, new Managed(arn, name, path, id, document));
  }

  static Optional<Managed> find(String arn) {
    return Optional.ofNullable(BY_ARN.get(arn));
  }

  static java.util.Collection<Managed> all() {
    return BY_ARN.values();
  }

  static boolean isAwsManaged(String arn) {
    return arn.startsWith(PREFIX + "/");
  }

  static String createDate() {
    return CREATED;
  }
}
