package dev.berth.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.GoneIsDeleted;
import dev.berth.aws.LocalAws;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.BerthException;
import dev.berth.core.failure.NameTakenException;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
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
    GoneIsDeleted.delete(
        roles, ctx("exec-role"), "hello-exec", roleProps(List.of()), role.outputs());
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

  // ---- ownership: another state's role and policy of the same name

  private static TestContext ctx(String id, String lineage) {
    return ctx(id).lineage(lineage);
  }

  private static Map<String, Object> policyProps(String name) {
    return Map.of(
        "name", name, "document", Policies.secretsReadPolicy(List.of(SECRET_ARN), List.of()));
  }

  @Test
  void find_whenAnotherLineageHoldsTheName_returnsEmpty() throws Exception {
    roles.create(ctx("exec-role", "state-a"), roleProps(List.of()));
    policies.create(ctx("secrets-policy", "state-a"), policyProps("hello-secrets"));

    assertTrue(roles.find(ctx("exec-role", "state-b"), roleProps(List.of())).isEmpty());
    assertTrue(
        policies.find(ctx("secrets-policy", "state-b"), policyProps("hello-secrets")).isEmpty());
    assertTrue(roles.find(ctx("exec-role", "state-a"), roleProps(List.of())).isPresent());
    assertTrue(
        policies.find(ctx("secrets-policy", "state-a"), policyProps("hello-secrets")).isPresent());
  }

  @Test
  void create_whenAnotherLineageHoldsTheName_failsNamingTheOwner() throws Exception {
    roles.create(ctx("exec-role", "state-a"), roleProps(List.of(EXEC_POLICY)));
    String policyArn =
        policies
            .create(ctx("secrets-policy", "state-a"), policyProps("hello-secrets"))
            .physicalId();

    var role =
        assertThrows(
            BerthException.class,
            () -> roles.create(ctx("exec-role", "state-b"), roleProps(List.of(policyArn))));
    assertTrue(
        role.getMessage()
            .startsWith(
                "IAM role hello-exec already exists and belongs to berth stack hello (state"
                    + " lineage state-a"),
        role.getMessage());
    assertTrue(role.getMessage().endsWith("; berth did not change it"), role.getMessage());
    assertTrue(((NameTakenException) role).berths(), role.toString()); // the CLI adds --state
    assertEquals(List.of(EXEC_POLICY), attached("hello-exec"), "nothing was attached to it");

    var policy =
        assertThrows(
            BerthException.class,
            () ->
                policies.create(
                    ctx("secrets-policy", "state-b"),
                    Map.of(
                        "name",
                        "hello-secrets",
                        "document",
                        Policies.secretsReadPolicy(List.of(SECRET_ARN + "x"), List.of()))));
    assertTrue(
        policy.getMessage().startsWith("IAM policy hello-secrets already exists and belongs to"),
        policy.getMessage());
    assertEquals(1, iam.listPolicyVersions(r -> r.policyArn(policyArn)).versions().size());
  }

  @Test
  void holder_freeOursOtherLineageAndUntagged() throws Exception {
    assertTrue(roles.holder(ctx("exec-role", "state-a"), roleProps(List.of())).isEmpty());
    assertTrue(
        policies.holder(ctx("secrets-policy", "state-a"), policyProps("hello-secrets")).isEmpty());
    roles.create(ctx("exec-role", "state-a"), roleProps(List.of()));
    policies.create(ctx("secrets-policy", "state-a"), policyProps("hello-secrets"));

    Holder ours = roles.holder(ctx("exec-role", "state-a"), roleProps(List.of())).orElseThrow();
    assertEquals("IAM role hello-exec", ours.what());
    assertTrue(Ownership.ours(ctx("exec-role", "state-a"), ours.tags()));
    Holder theirs =
        policies
            .holder(ctx("secrets-policy", "state-b"), policyProps("hello-secrets"))
            .orElseThrow();
    assertEquals("IAM policy hello-secrets", theirs.what());
    assertEquals("state-a", theirs.tags().get(Ownership.LINEAGE));
    assertFalse(Ownership.ours(ctx("secrets-policy", "state-b"), theirs.tags()));

    iam.createRole(
        r ->
            r.roleName("plain")
                .assumeRolePolicyDocument(
                    PolicyJson.write(Policies.trustPolicy("ec2.amazonaws.com"))));
    iam.createPolicy(
        r ->
            r.policyName("Plain-Policy")
                .path("/team/")
                .policyDocument(
                    PolicyJson.write(Policies.secretsReadPolicy(List.of(SECRET_ARN), List.of()))));
    assertEquals(
        Map.of(), roles.holder(ctx("exec-role"), Map.of("name", "plain")).orElseThrow().tags());
    assertEquals(
        "IAM policy Plain-Policy",
        policies.holder(ctx("secrets-policy"), Map.of("name", "plain-policy")).orElseThrow().what(),
        "policy names are unique in the account whatever the path and case");
    assertTrue(
        roles
            .holder(ctx("exec-role"), Map.of("name", dev.berth.core.graph.Ref.to("x", "name")))
            .isEmpty());
  }

  @Test
  void tag_addsLineage_andReadReportsTags() throws Exception {
    // What a berth before lineages made: stack and id tags, no lineage.
    List<software.amazon.awssdk.services.iam.model.Tag> old =
        List.of(
            software.amazon.awssdk.services.iam.model.Tag.builder()
                .key(Ownership.STACK)
                .value("hello")
                .build(),
            software.amazon.awssdk.services.iam.model.Tag.builder()
                .key(Ownership.ID)
                .value("exec-role")
                .build());
    iam.createRole(
        r ->
            r.roleName("hello-exec")
                .tags(old)
                .assumeRolePolicyDocument(
                    PolicyJson.write(Policies.trustPolicy("ecs-tasks.amazonaws.com"))));
    String arn =
        iam.createPolicy(
                r ->
                    r.policyName("hello-secrets")
                        .tags(old)
                        .policyDocument(
                            PolicyJson.write(
                                Policies.secretsReadPolicy(List.of(SECRET_ARN), List.of()))))
            .policy()
            .arn();
    assertEquals(
        Map.of(Ownership.STACK, "hello", Ownership.ID, "exec-role"),
        roles.read(ctx("exec-role"), "hello-exec", Map.of()).orElseThrow().tags());

    roles.tag(ctx("exec-role", "state-a"), "hello-exec", Map.of(), Map.of());
    policies.tag(ctx("secrets-policy", "state-a"), arn, Map.of(), Map.of());

    assertTrue(
        Ownership.ours(
            ctx("exec-role", "state-a"),
            roles.read(ctx("exec-role"), "hello-exec", Map.of()).orElseThrow().tags()));
    assertTrue(
        Ownership.ours(
            ctx("secrets-policy", "state-a"),
            policies.read(ctx("secrets-policy"), arn, Map.of()).orElseThrow().tags()));
    assertTrue(roles.find(ctx("exec-role", "state-a"), roleProps(List.of())).isPresent());
  }
}
