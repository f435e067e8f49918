package dev.berth.aws.sweep;

/** berth's resource type names (docs/internals.md) that the sweep finds. */
public final class Types {
  public static final String VPC = "aws.ec2.vpc";
  public static final String INTERNET_GATEWAY = "aws.ec2.internet-gateway";
  public static final String ROUTE = "aws.ec2.route";
  public static final String SUBNET = "aws.ec2.subnet";
  public static final String SECURITY_GROUP = "aws.ec2.security-group";
  public static final String LOAD_BALANCER = "aws.elbv2.load-balancer";
  public static final String TARGET_GROUP = "aws.elbv2.target-group";
  public static final String LISTENER = "aws.elbv2.listener";
  public static final String LISTENER_RULE = "aws.elbv2.listener-rule";
  public static final String CERTIFICATE = "aws.acm.certificate";
  public static final String CERTIFICATE_VALIDATION = "aws.acm.certificate-validation";
  public static final String ROLE = "aws.iam.role";
  public static final String POLICY = "aws.iam.policy";
  public static final String SECRET = "aws.secretsmanager.secret";
  public static final String LOG_GROUP = "aws.logs.log-group";
  public static final String CLUSTER = "aws.ecs.cluster";
  public static final String TASK_DEFINITION = "aws.ecs.task-definition";
  public static final String SERVICE = "aws.ecs.service";
  public static final String ROUTE53_RECORD = "aws.route53.record";

  private Types() {}
}
