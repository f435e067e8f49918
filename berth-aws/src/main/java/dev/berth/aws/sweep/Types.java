package dev.berth.aws.sweep;

/** berth's resource type names (docs/internals.md) that the sweep finds. */
final class Types {
  static final String VPC = "aws.ec2.vpc";
  static final String INTERNET_GATEWAY = "aws.ec2.internet-gateway";
  static final String ROUTE = "aws.ec2.route";
  static final String SUBNET = "aws.ec2.subnet";
  static final String SECURITY_GROUP = "aws.ec2.security-group";
  static final String LOAD_BALANCER = "aws.elbv2.load-balancer";
  static final String TARGET_GROUP = "aws.elbv2.target-group";
  static final String LISTENER = "aws.elbv2.listener";
  static final String LISTENER_RULE = "aws.elbv2.listener-rule";
  static final String CERTIFICATE = "aws.acm.certificate";
  static final String CERTIFICATE_VALIDATION = "aws.acm.certificate-validation";
  static final String ROLE = "aws.iam.role";
  static final String POLICY = "aws.iam.policy";
  static final String SECRET = "aws.secretsmanager.secret";
  static final String LOG_GROUP = "aws.logs.log-group";
  static final String CLUSTER = "aws.ecs.cluster";
  static final String TASK_DEFINITION = "aws.ecs.task-definition";
  static final String SERVICE = "aws.ecs.service";
  static final String ROUTE53_RECORD = "aws.route53.record";
  static final String CLOUDFLARE_RECORD = "cloudflare.dns-record";

  private Types() {}
}
