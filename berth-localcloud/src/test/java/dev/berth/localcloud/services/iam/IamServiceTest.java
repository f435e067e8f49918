package dev.berth.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

class IamServiceTest {
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "\"secretsmanager:GetSecretValue\",\"Resource\":[\"arn:aws:secretsmanager:us-east-1:"
          + "123456789012:secret:x-AbCdEf\"]}]}";
  static final String EXEC_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

  @RegisterExtension static LocalCloudExtension ext = new LocalCloudExtension();

  IamClient iam;

  @BeforeEach
  void client() {
    iam = iamClient(ext.cloud());
  }

  @AfterEach
  void close() {
    iam.close();
  }

  static IamClient iamClient(LocalCloud cloud) {
    return IamClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(cloud.endpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build();
  }

  private Role createRole(String name) {
    return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)).role();
  }

  private String createPolicy(String name) {
    return iam.createPolicy(p -> p.policyName(name).policyDocument(DOC)).policy().arn();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Test
  void createRole_thenGetRole_returnsRoleWithUrlEncodedTrustPolicyAndTags() {
    Role created =
        iam.createRole(
                r ->
                    r.roleName("hello-exec")
                        .assumeRolePolicyDocument(TRUST)
                        .description("task execution")
                        .tags(Tag.builder().key("berth:stack").value("hello").build()))
            .role();
    assertEquals("arn:aws:iam::123456789012:role/hello-exec", created.arn());
    assertTrue(created.roleId().startsWith("AROA"));
    assertEquals(List.of(Tag.builder().key("berth:stack").value("hello").build()), created.tags());

    Role got = iam.getRole(r -> r.roleName("hello-exec")).role();
    assertEquals("/", got.path());
    assertEquals("task execution", got.description());
    assertEquals(3600, got.maxSessionDuration());
    assertEquals(TRUST, decode(got.assumeRolePolicyDocument()));
    assertFalse(got.assumeRolePolicyDocument().contains("{"), "IAM URL-encodes documents");
    assertEquals("hello", got.tags().get(0).value());
    assertEquals(created.createDate(), got.createDate());
  }

  @Test
  void createRole_whenTrustPolicyIsInvalidJson_returnsMalformedPolicyDocument() {
    var e =
        assertThrows(
            MalformedPolicyDocumentException.class,
            () ->
                iam.createRole(
                    r -> r.roleName("bad").assumeRolePolicyDocument(TRUST.replace("}]}", "},]}"))));
    assertEquals("This policy contains invalid Json", e.awsErrorDetails().errorMessage());
    assertEquals(400, e.statusCode());
  }

  @Test
  void createRole_whenNameTakenInAnyCase_returnsEntityAlreadyExists() {
    createRole("Hello-Exec");
    var e = assertThrows(EntityAlreadyExistsException.class, () -> createRole("hello-exec"));
    assertEquals("Role with name hello-exec already exists.", e.awsErrorDetails().errorMessage());
    assertEquals(409, e.statusCode());
  }

  @Test
  void getRole_whenMissing_returnsNoSuchEntity() {
    var e = assertThrows(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("nope")));
    assertEquals("The role with name nope cannot be found.", e.awsErrorDetails().errorMessage());
    assertEquals(404, e.statusCode());
  }

  @Test
  void deleteRole_whilePoliciesAttached_returnsDeleteConflictUntilDetached() {
    createRole("hello-exec");
    iam.attachRolePolicy(r -> r.roleName("hello-exec").policyArn(EXEC_POLICY));
    var e =
        assertThrows(
            DeleteConflictException.class, () -> iam.deleteRole(r -> r.roleName("hello-exec")));
    assertEquals(
        "Cannot delete entity, must detach all policies first.",
        e.awsErrorDetails().errorMessage());
    assertEquals(409, e.statusCode());

    iam.detachRolePolicy(r -> r.roleName("hello-exec").policyArn(EXEC_POLICY));
    iam.deleteRole(r -> r.roleName("hello-exec"));
    assertThrows(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("hello-exec")));
    assertEquals(0, ext.cloud().world().all().count());
  }

  @Test
  void tagRole_mergesTags_andListRoleTagsReturnsThem() {
    iam.createRole(
        r ->
            r.roleName("r")
                .assumeRolePolicyDocument(TRUST)
                .tags(Tag.builder().key("a").value("1").build()));
    iam.tagRole(
        r ->
            r.roleName("r")
                .tags(
                    Tag.builder().key("a").value("2").build(),
                    Tag.builder().key("b").value("3").build()));
    var tags = iam.listRoleTags(r -> r.roleName("r"));
    assertEquals(
        List.of(
            Tag.builder().key("a").value("2").build(), Tag.builder().key("b").value("3").build()),
        tags.tags());
    assertFalse(tags.isTruncated());
    iam.untagRole(r -> r.roleName("r").tagKeys("a"));
    assertEquals(1, iam.listRoleTags(r -> r.roleName("r")).tags().size());
  }

  @Test
  void listRoles_filtersByPathPrefix_andPaginatesWithMarker() {
    for (int i = 0; i < 5; i++) {
      String name = "role-" + i;
      iam.createRole(r -> r.roleName(name).path("/app/").assumeRolePolicyDocument(TRUST));
    }
    createRole("other");
    List<String> names = new ArrayList<>();
    String marker = null;
    int pages = 0;
    do {
      String m = marker;
      ListRolesResponse page = iam.listRoles(r -> r.pathPrefix("/app/").maxItems(2).marker(m));
      page.roles().forEach(r -> names.add(r.roleName()));
      marker = page.isTruncated() ? page.marker() : null;
      pages++;
    } while (marker != null);
    assertEquals(List.of("role-0", "role-1", "role-2", "role-3", "role-4"), names);
    assertEquals(3, pages);
    assertEquals(6, iam.listRoles().roles().size());
    assertEquals(
        6, iam.listRolesPaginator(r -> r.maxItems(1)).roles().stream().count(), "SDK paginator");
  }

  @Test
  void attachRolePolicy_whenPolicyUnknown_returnsNoSuchEntity() {
    createRole("r");
    String arn = "arn:aws:iam::123456789012:policy/missing";
    var e =
        assertThrows(
            NoSuchEntityException.class,
            () -> iam.attachRolePolicy(r -> r.roleName("r").policyArn(arn)));
    assertEquals(
        "Policy " + arn + " does not exist or is not attachable.",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void attachRolePolicy_awsManagedAndCustomer_areListedAndCounted() {
    createRole("r");
    String mine = createPolicy("mine");
    iam.attachRolePolicy(r -> r.roleName("r").policyArn(EXEC_POLICY));
    iam.attachRolePolicy(r -> r.roleName("r").policyArn(mine));
    iam.attachRolePolicy(r -> r.roleName("r").policyArn(mine)); // idempotent
    List<AttachedPolicy> attached =
        iam.listAttachedRolePolicies(r -> r.roleName("r")).attachedPolicies();
    assertEquals(2, attached.size());
    assertEquals("AmazonECSTaskExecutionRolePolicy", attached.get(0).policyName());
    assertEquals(EXEC_POLICY, attached.get(0).policyArn());
    assertEquals(mine, attached.get(1).policyArn());
    assertEquals(1, iam.getPolicy(r -> r.policyArn(mine)).policy().attachmentCount());
    assertEquals(1, iam.getPolicy(r -> r.policyArn(EXEC_POLICY)).policy().attachmentCount());
    assertEquals("/service-role/", iam.getPolicy(r -> r.policyArn(EXEC_POLICY)).policy().path());

    var e =
        assertThrows(
            NoSuchEntityException.class,
            () ->
                iam.detachRolePolicy(
                    r -> r.roleName("r").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")));
    assertTrue(e.awsErrorDetails().errorMessage().contains("was not found"));
  }

  @Test
  void attachRolePolicy_beyondTenPolicies_returnsLimitExceeded() {
    createRole("r");
    for (int i = 0; i < 10; i++) {
      String arn = createPolicy("p" + i);
      iam.attachRolePolicy(r -> r.roleName("r").policyArn(arn));
    }
    String eleventh = createPolicy("p10");
    assertThrows(
        LimitExceededException.class,
        () -> iam.attachRolePolicy(r -> r.roleName("r").policyArn(eleventh)));
  }

  @Test
  void createPolicy_whenDocumentInvalid_returnsMalformedPolicyDocument() {
    String trailingComma = DOC.replace("}]}", "},]}");
    String noVersion = DOC.replace("\"Version\":\"2012-10-17\",", "");
    String noStatement = "{\"Version\":\"2012-10-17\"}";
    String withPrincipal =
        DOC.replace("\"Effect\":\"Allow\",", "\"Effect\":\"Allow\",\"Principal\":\"*\",");
    for (String doc : List.of(trailingComma, noVersion, noStatement, withPrincipal, "nope")) {
      assertThrows(
          MalformedPolicyDocumentException.class,
          () -> iam.createPolicy(p -> p.policyName("p").policyDocument(doc)),
          doc);
    }
    var e =
        assertThrows(
            MalformedPolicyDocumentException.class,
            () -> iam.createPolicy(p -> p.policyName("p").policyDocument(trailingComma)));
    assertEquals("This policy contains invalid Json", e.awsErrorDetails().errorMessage());
    assertEquals(0, ext.cloud().world().all().count());
  }

  @Test
  void createPolicy_whenNameTaken_returnsEntityAlreadyExists() {
    createPolicy("secrets");
    var e = assertThrows(EntityAlreadyExistsException.class, () -> createPolicy("secrets"));
    assertEquals(
        "A policy called secrets already exists. Duplicate names are not allowed.",
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void createPolicy_thenGetPolicy_returnsPolicyWithTagsAndDocument() {
    var p =
        iam.createPolicy(
                r ->
                    r.policyName("secrets")
                        .policyDocument(DOC)
                        .description("read")
                        .tags(Tag.builder().key("berth:stack").value("hello").build()))
            .policy();
    assertEquals("arn:aws:iam::123456789012:policy/secrets", p.arn());
    assertEquals("v1", p.defaultVersionId());
    assertTrue(p.policyId().startsWith("ANPA"));
    var got = iam.getPolicy(r -> r.policyArn(p.arn())).policy();
    assertEquals(0, got.attachmentCount());
    assertTrue(got.isAttachable());
    assertEquals("read", got.description());
    assertEquals("hello", got.tags().get(0).value());
    var version = iam.getPolicyVersion(r -> r.policyArn(p.arn()).versionId("v1")).policyVersion();
    assertEquals(DOC, decode(version.document()));
    assertTrue(version.isDefaultVersion());
    assertEquals("hello", iam.listPolicyTags(r -> r.policyArn(p.arn())).tags().get(0).value());
    iam.tagPolicy(r -> r.policyArn(p.arn()).tags(Tag.builder().key("x").value("y").build()));
    iam.untagPolicy(r -> r.policyArn(p.arn()).tagKeys("berth:stack"));
    assertEquals("x", iam.listPolicyTags(r -> r.policyArn(p.arn())).tags().get(0).key());
  }

  @Test
  void deletePolicy_whileAttached_returnsDeleteConflict() {
    createRole("r");
    String arn = createPolicy("secrets");
    iam.attachRolePolicy(r -> r.roleName("r").policyArn(arn));
    var e =
        assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(r -> r.policyArn(arn)));
    assertEquals(
        "Cannot delete a policy attached to entities.", e.awsErrorDetails().errorMessage());
    assertEquals(409, e.statusCode());

    var entities = iam.listEntitiesForPolicy(r -> r.policyArn(arn));
    assertEquals("r", entities.policyRoles().get(0).roleName());
    assertTrue(entities.policyRoles().get(0).roleId().startsWith("AROA"));
    assertTrue(entities.policyUsers().isEmpty());
    assertTrue(entities.policyGroups().isEmpty());

    iam.detachRolePolicy(r -> r.roleName("r").policyArn(arn));
    iam.deletePolicy(r -> r.policyArn(arn));
    assertThrows(NoSuchEntityException.class, () -> iam.getPolicy(r -> r.policyArn(arn)));
  }

  @Test
  void listPolicies_scopeLocal_returnsOnlyCustomerPolicies() {
    String arn = createPolicy("secrets");
    var local = iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies();
    assertEquals(1, local.size());
    assertEquals(arn, local.get(0).arn());
    var aws = iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies();
    assertTrue(aws.stream().anyMatch(p -> p.arn().equals(EXEC_POLICY)));
    assertTrue(aws.stream().noneMatch(p -> p.arn().equals(arn)));
    assertTrue(
        iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).onlyAttached(true))
            .policies()
            .isEmpty());
  }

  @Test
  void policyVersions_createSetDefaultDelete_andDeletePolicyNeedsVersionsGone() {
    String arn = createPolicy("secrets");
    String doc2 = DOC.replace("x-AbCdEf", "y-AbCdEf");
    var v2 =
        iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(doc2).setAsDefault(true))
            .policyVersion();
    assertEquals("v2", v2.versionId());
    assertTrue(v2.isDefaultVersion());
    assertEquals("v2", iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId());
    assertEquals(
        doc2,
        decode(
            iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2"))
                .policyVersion()
                .document()));
    assertEquals(2, iam.listPolicyVersions(r -> r.policyArn(arn)).versions().size());
    assertThrows(
        DeleteConflictException.class,
        () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2")));
    assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(r -> r.policyArn(arn)));
    iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v1"));
    for (int i = 0; i < 4; i++) {
      iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOC));
    }
    assertThrows(
        LimitExceededException.class,
        () -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DOC)));
  }

  @Test
  void createServiceLinkedRole_forEcs_createsRoleOnce() {
    Role role = iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com")).role();
    assertEquals("AWSServiceRoleForECS", role.roleName());
    assertEquals("/aws-service-role/ecs.amazonaws.com/", role.path());
    assertEquals(
        "arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
        role.arn());
    assertTrue(decode(role.assumeRolePolicyDocument()).contains("ecs.amazonaws.com"));

    var e =
        assertThrows(
            InvalidInputException.class,
            () -> iam.createServiceLinkedRole(r -> r.awsServiceName("ecs.amazonaws.com")));
    assertEquals(
        "Service role name AWSServiceRoleForECS has been taken in this account, please try a"
            + " different suffix.",
        e.awsErrorDetails().errorMessage());
    assertThrows(
        UnmodifiableEntityException.class,
        () -> iam.deleteRole(r -> r.roleName("AWSServiceRoleForECS")));
    assertEquals(
        1, iam.listRoles(r -> r.pathPrefix("/aws-service-role/ecs.amazonaws.com/")).roles().size());
  }
}
