package dev.berth.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.LocalAws;
import dev.berth.aws.TestContext;
import dev.berth.core.engine.BerthException;
import dev.berth.core.engine.Observed;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

class IamHandlersTest {
  static final SteppingClock CLOCK = new SteppingClock();
  static final String EXEC_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  static final String SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:hello/registry-AbCdEf";

  @RegisterExtension
  static LocalCloudExtension ext = new LocalCloudExtension(CLOCK, Profile.aws(1.0));

  AwsClients aws;
  IamClient iam;
  RoleHandler roles;
  PolicyHandler policies;

  @BeforeEach
  void setUp() {
    aws = LocalAws.clients(ext.cloud());
    iam = aws.iam();
    roles = new RoleHandler(aws);
    policies = new PolicyHandler(aws);
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private static TestContext ctx(String id) {
    return new TestContext("hello", id, CLOCK);
  }

  private static Map<String, Object> roleProps(List<String> policyArns) {
    return Map.of(
        "name",
        "hello-exec",
        "assumeService",
        "ecs-tasks.amazonaws.com",
        "managedPolicyArns",
        policyArns);
  }

  private Observed createPolicy(String name) throws Exception {
    return policies.create(
        ctx("secrets-policy"),
        Map.of(
            "name", name, "document", Policies.secretsReadPolicy(List.of(SECRET_ARN), List.of())));
  }

  private List<String> attached(String role) {
    return iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
        .map(AttachedPolicy::policyArn)
        .toList();
  }

  @Test
  void role_withPolicies_deletedWhileAttached_leavesNothingBehind() throws Exception {
    String policyArn = createPolicy("hello-secrets").outputs().get("arn");
    Observed role = roles.create(ctx("exec-role"), roleProps(List.of(EXEC_POLICY, policyArn)));
    assertEquals("hello-exec", role.physicalId());
    assertEquals("arn:aws:iam::123456789012:role/hello-exec", role.outputs().get("arn"));
    assertEquals("hello-exec", role.outputs().get("name"));
    assertEquals(List.of(EXEC_POLICY, policyArn), attached("hello-exec"));

    roles.delete(ctx("exec-role"), "hello-exec", roleProps(List.of()), role.outputs());
    policies.delete(ctx("secrets-policy"), policyArn, Map.of(), Map.of());

    assertEquals(0, ext.cloud().world().all().count(), "inventory is empty");
    roles.delete(ctx("exec-role"), "hello-exec", roleProps(List.of()), role.outputs());
  }

  @Test
  void policy_attachedToRole_isDetachedThenDeleted() throws Exception {
    String policyArn = createPolicy("hello-secrets").outputs().get("arn");
    roles.create(ctx("exec-role"), roleProps(List.of(EXEC_POLICY, policyArn)));

    policies.delete(ctx("secrets-policy"), policyArn, Map.of(), Map.of());

    assertEquals(List.of(EXEC_POLICY), attached("hello-exec"));
    assertThrows(NoSuchEntityException.class, () -> iam.getPolicy(r -> r.policyArn(policyArn)));
    assertTrue(policies.read(ctx("secrets-policy"), policyArn, Map.of()).isEmpty());
  }

  @Test
  void policy_documentIsExactJson_andAcceptedByIam() throws Exception {
    Map<String, Object> doc =
        Policies.secretsReadPolicy(
            List.of(SECRET_ARN), List.of("arn:aws:ssm:us-east-1:123456789012:parameter/hello/db"));
    assertEquals(
        "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":[\""
            + SECRET_ARN
            + "\"]},"
            + "{\"Effect\":\"Allow\",\"Action\":\"ssm:GetParameters\",\"Resource\":"
            + "[\"arn:aws:ssm:us-east-1:123456789012:parameter/hello/db\"]}]}",
        PolicyJson.write(doc));
    Observed p =
        policies.create(ctx("secrets-policy"), Map.of("name", "hello-secrets", "document", doc));
    assertEquals(
        doc,
        policies
            .read(ctx("secrets-policy"), p.physicalId(), Map.of())
            .orElseThrow()
            .properties()
            .get("document"));
    assertThrows(
        IllegalArgumentException.class, () -> Policies.secretsReadPolicy(List.of(), List.of()));
  }

  @Test
  void policy_update_changesDocumentInPlace_keepingArnAndAttachments() throws Exception {
    Observed p = createPolicy("hello-secrets");
    String arn = p.physicalId();
    roles.create(ctx("exec-role"), roleProps(List.of(arn)));
    Map<String, Object> before =
        Map.of(
            "name",
            "hello-secrets",
            "document",
            Policies.secretsReadPolicy(List.of(SECRET_ARN), List.of()));
    for (int i = 0; i < 6; i++) {
      String other = SECRET_ARN.replace("AbCdEf", "v" + i + "xxxx");
      Map<String, Object> after =
          Map.of(
              "name",
              "hello-secrets",
              "document",
              Policies.secretsReadPolicy(List.of(other), List.of()));
      assertEquals(
          arn,
          policies.update(ctx("secrets-policy"), arn, before, after, p.outputs()).physicalId());
      before = after;
    }
    assertEquals(
        before.get("document"),
        policies
            .read(ctx("secrets-policy"), arn, Map.of())
            .orElseThrow()
            .properties()
            .get("document"));
    assertEquals(1, iam.listPolicyVersions(r -> r.policyArn(arn)).versions().size());
    assertEquals(List.of(arn), attached("hello-exec"));
  }

  @Test
  void policy_find_locatesOnlyThisStacksPolicy() throws Exception {
    Observed p = createPolicy("hello-secrets");
    Map<String, Object> props = Map.of("name", "hello-secrets");
    assertEquals(
        p.physicalId(), policies.find(ctx("secrets-policy"), props).orElseThrow().physicalId());
    assertTrue(policies.find(new TestContext("other", "secrets-policy", CLOCK), props).isEmpty());
    assertTrue(policies.find(ctx("secrets-policy"), Map.of("name", "missing")).isEmpty());
  }

  @Test
  void policy_createRetried_adoptsItsOwnPolicy_butRefusesAStrangers() throws Exception {
    Observed first = createPolicy("hello-secrets");
    assertEquals(first.physicalId(), createPolicy("hello-secrets").physicalId());
    var e =
        assertThrows(
            BerthException.class,
            () ->
                policies.create(
                    new TestContext("other", "secrets-policy", CLOCK),
                    Map.of(
                        "name",
                        "hello-secrets",
                        "document",
                        Policies.secretsReadPolicy(List.of(SECRET_ARN), List.of()))));
    assertTrue(e.getMessage().contains("already exists"));
  }

  @Test
  void role_update_attachesAndDetachesTheDifference_andChangesTrust() throws Exception {
    String mine = createPolicy("hello-secrets").physicalId();
    Observed role = roles.create(ctx("exec-role"), roleProps(List.of(EXEC_POLICY)));
    Map<String, Object> next =
        Map.of(
            "name", "hello-exec",
            "assumeService", "ecs.amazonaws.com",
            "managedPolicyArns", List.of(mine));
    roles.update(
        ctx("exec-role"), "hello-exec", roleProps(List.of(EXEC_POLICY)), next, role.outputs());
    assertEquals(List.of(mine), attached("hello-exec"));
    Observed seen = roles.read(ctx("exec-role"), "hello-exec", next).orElseThrow();
    assertEquals("ecs.amazonaws.com", seen.properties().get("assumeService"));
    assertEquals(List.of(mine), seen.properties().get("managedPolicyArns"));
  }

  @Test
  void role_read_whenGone_isEmpty_andFindNeedsOurTags() throws Exception {
    assertTrue(roles.read(ctx("exec-role"), "hello-exec", Map.of()).isEmpty());
    assertTrue(roles.find(ctx("exec-role"), roleProps(List.of())).isEmpty());
    roles.create(ctx("exec-role"), roleProps(List.of(EXEC_POLICY)));
    Observed found = roles.find(ctx("exec-role"), roleProps(List.of())).orElseThrow();
    assertEquals("arn:aws:iam::123456789012:role/hello-exec", found.outputs().get("arn"));
    assertTrue(roles.find(ctx("task-role"), roleProps(List.of())).isEmpty());
  }

  @Test
  void role_create_whenAStrangersRoleHasTheName_failsWithHint() throws Exception {
    iam.createRole(
        r ->
            r.roleName("hello-exec")
                .assumeRolePolicyDocument(
                    PolicyJson.write(Policies.trustPolicy("ec2.amazonaws.com"))));
    var e =
        assertThrows(
            BerthException.class, () -> roles.create(ctx("exec-role"), roleProps(List.of())));
    assertTrue(e.getMessage().contains("hello-exec already exists"));
    assertFalse(e.hint().isEmpty());
  }

  @Test
  void serviceLinkedRole_isCreatedOnce_treatsTakenAsSuccess_andIsNeverDeleted() throws Exception {
    var handler = new ServiceLinkedRoleHandler(aws);
    assertTrue(handler.type().retain());
    Map<String, Object> props = Map.of("service", "ecs.amazonaws.com");
    Observed first = handler.create(ctx("ecs-slr"), props);
    String arn =
        "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
    assertEquals(arn, first.outputs().get("arn"));
    assertEquals(arn, handler.create(ctx("ecs-slr"), props).outputs().get("arn"));
    assertEquals(arn, handler.find(ctx("ecs-slr"), props).orElseThrow().outputs().get("arn"));
    handler.delete(ctx("ecs-slr"), first.physicalId(), props, first.outputs());
    assertEquals(arn, iam.getRole(r -> r.roleName("AWSServiceRoleForECS")).role().arn());
  }

  @Test
  void identityHandlers_coverTheSixTypes() {
    assertEquals(
        Set.of(
            "aws.iam.service-linked-role",
            "aws.iam.role",
            "aws.iam.policy",
            "aws.secretsmanager.secret",
            "aws.acm.certificate",
            "aws.acm.certificate-validation"),
        IdentityHandlers.all(aws).stream()
            .map(h -> h.type().name())
            .collect(java.util.stream.Collectors.toSet()));
  }
}
