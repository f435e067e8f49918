package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.stack.Names;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * examples/private-registry: registry credentials from the environment into Secrets Manager, a
 * secrets policy on the execution role, DNS on Route 53 as an alias record.
 */
class PrivateRegistryRoute53IT {
  @RegisterExtension final CliHarness h = new CliHarness("private-registry");

  static final String DATABASE_URL =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/database-url-AbCdEf";

  static final WebServiceAssertions.Expected APP =
      new WebServiceAssertions.Expected(
          "app",
          "app.example.org",
          8080,
          2,
          "ghcr.io/acme/app:1.4.2",
          "/healthz",
          14,
          Map.of("team", "platform"),
          true);

  @Test
  void deploy_privateRegistry_storesCredentialsAndPointsAnAliasAtTheLoadBalancer() {
    CliHarness.Run r = h.berth("deploy");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("  URL            https://app.example.org\n"), r::toString);
    assertTrue(r.out().contains("  tasks          2 running of 2 desired\n"), r::toString);
    StackView v = WebServiceAssertions.assertDeployed(h, APP);

    // The secret holds exactly the credentials, as JSON a parser reads back.
    v.expect(
        "registry-secret", "secretsmanager/secret", Names.registrySecret("app"), APP.userTags());
    String secretArn = v.id("registry-secret");
    String value = h.aws().secrets().getSecretValue(b -> b.secretId(secretArn)).secretString();
    JsonNode credentials = WebServiceAssertions.parse(value);
    assertEquals(Set.of("username", "password"), fieldNames(credentials));
    assertEquals(CliHarness.REGISTRY_USERNAME, credentials.path("username").asText());
    assertEquals(CliHarness.REGISTRY_PASSWORD, credentials.path("password").asText());

    // The execution role may read exactly that secret and the one the spec names.
    v.expect(
        "secrets-policy",
        "iam/policy",
        Names.secretsPolicy("app", WebServiceAssertions.REGION),
        APP.userTags());
    JsonNode policy = WebServiceAssertions.parse(v.attr("secrets-policy", "document").asText());
    assertEquals("2012-10-17", policy.path("Version").asText());
    JsonNode statement = WebServiceAssertions.single(policy.path("Statement"), "statements");
    assertEquals("Allow", statement.path("Effect").asText());
    assertEquals(
        Set.of("secretsmanager:GetSecretValue"),
        WebServiceAssertions.strings(statement.path("Action")));
    assertEquals(
        Set.of(secretArn, DATABASE_URL), WebServiceAssertions.strings(statement.path("Resource")));

    JsonNode container = v.attr("task-definition", "containerDefinitions").get(0);
    assertEquals(
        secretArn, container.path("repositoryCredentials").path("credentialsParameter").asText());
    assertEquals(Map.of("LOG_LEVEL", "info"), nameValues(container.path("environment"), "value"));
    assertEquals(
        Map.of("DATABASE_URL", DATABASE_URL), nameValues(container.path("secrets"), "valueFrom"));
    assertEquals("512", v.attr("task-definition", "cpu").asText());
    assertEquals("1024", v.attr("task-definition", "memory").asText());

    // Route 53: an alias A record at the load balancer, with berth's ownership marker.
    JsonNode alias = record("app.example.org.", "A");
    assertEquals(
        v.attr("load-balancer", "canonicalHostedZoneId").asText(),
        alias.path("alias").path("hostedZoneId").asText());
    assertEquals(
        v.attr("load-balancer", "dnsName").asText().toLowerCase() + ".",
        alias.path("alias").path("dnsName").asText().toLowerCase().replaceAll("\\.$", "") + ".");
    JsonNode marker = record("_berth.app.example.org.", "TXT");
    List<String> markers = texts(marker.path("values"));
    assertEquals(1, markers.size(), markers::toString);
    assertTrue(
        markers.get(0).matches("\"berth stack=app id=dns-record lineage=[0-9a-f-]{36}\""),
        markers::toString);
    String validationName = v.attr("certificate", "validationName").asText().toLowerCase();
    JsonNode validation = record(validationName, "CNAME");
    assertEquals(
        v.attr("certificate", "validationValue").asText(),
        validation.path("values").get(0).asText());
    assertTrue(h.cloudflareRecords(null).isEmpty(), "no Cloudflare record for a Route 53 stack");

    CliHarness.Run status = h.berth("status");
    assertEquals(0, status.exitCode(), status::toString);
    assertFalse(status.out().contains("drifted"), status::toString);
  }

  @Test
  void deploy_afterThePasswordChanged_updatesTheSecretInPlaceAndNothingElse() {
    assertEquals(0, h.berth("deploy").exitCode());
    String secretArn = StackView.of(h, "app").id("registry-secret");
    String rotated = "n3w\"P\\ass-wörd-Rk4tV8mYq";
    h.secretEnv("REGISTRY_PASSWORD", rotated);

    CliHarness.Run plan = h.berth("plan");
    assertEquals(0, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("~ registry-secret"), plan::toString);
    assertTrue(plan.out().contains("0 to create, 1 to update, 0 to replace"), plan::toString);
    int mark = h.mark();
    CliHarness.Run r = h.berth("deploy");

    assertEquals(0, r.exitCode(), r::toString);
    // A new version of the same secret (its tags re-applied), and nothing else.
    List<String> calls = h.mutatingCallsSince(mark);
    assertEquals(
        1, calls.stream().filter("secretsmanager:PutSecretValue"::equals).count(), calls::toString);
    assertTrue(
        Set.of("secretsmanager:PutSecretValue", "secretsmanager:TagResource").containsAll(calls),
        calls::toString);
    JsonNode credentials =
        WebServiceAssertions.parse(
            h.aws().secrets().getSecretValue(b -> b.secretId(secretArn)).secretString());
    assertEquals(rotated, credentials.path("password").asText());
    assertEquals(CliHarness.REGISTRY_USERNAME, credentials.path("username").asText());
    assertEquals(secretArn, StackView.of(h, "app").id("registry-secret"), "the same secret");
  }

  @Test
  void destroy_privateRegistry_removesSecretPolicyAndRecords() {
    assertEquals(0, h.berth("deploy").exitCode());

    CliHarness.Run r = h.berth("destroy", "--yes");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of(), h.berthResources("app"), "berth-tagged resources left");
    assertEquals(0, h.state("app").path("resources").size(), "resources in the state");
    Set<String> left = new TreeSet<>();
    h.route53Records("example.org").forEach(x -> left.add(x.path("type").asText()));
    assertEquals(Set.of("NS", "SOA"), left, "records left in example.org");
    assertTrue(
        h.inventory().stream().noneMatch(x -> x.path("type").asText().equals("secret")),
        "no secret left");
  }

  @Test
  void deploy_whenTheHostnameHasARecordBerthDidNotCreate_refusesBeforeCreatingAnything() {
    String zoneId =
        h.aws()
            .route53()
            .listHostedZonesByName(b -> b.dnsName("example.org."))
            .hostedZones()
            .get(0)
            .id();
    ResourceRecordSet theirs =
        ResourceRecordSet.builder()
            .name("app.example.org.")
            .type(RRType.A)
            .ttl(300L)
            .resourceRecords(ResourceRecord.builder().value("192.0.2.44").build())
            .build();
    h.aws()
        .route53()
        .changeResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .changeBatch(
                        c ->
                            c.changes(
                                Change.builder()
                                    .action(ChangeAction.CREATE)
                                    .resourceRecordSet(theirs)
                                    .build())));
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(2, r.exitCode(), r::toString); // a claim refused before any change
    assertTrue(
        r.err()
            .contains(
                "DNS record app.example.org (A) already exists in Route 53 zone example.org and"
                    + " was not created by berth"),
        r::toString);
    assertTrue(r.err().contains("--adopt-dns"), r::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark));
    assertEquals(List.of("192.0.2.44"), texts(record("app.example.org.", "A").path("values")));

    CliHarness.Run adopted = h.berth("deploy", "--adopt-dns");
    assertEquals(0, adopted.exitCode(), adopted::toString);
    JsonNode alias = record("app.example.org.", "A");
    assertEquals(
        StackView.of(h, "app").attr("load-balancer", "canonicalHostedZoneId").asText(),
        alias.path("alias").path("hostedZoneId").asText());
  }

  @Test
  void deploy_whenRegistryPasswordIsMissing_refusesBeforeChangingAnything() {
    h.env("REGISTRY_PASSWORD", null);
    int mark = h.mark();

    CliHarness.Run r = h.berth("deploy");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("REGISTRY_PASSWORD"), r::toString);
    assertEquals(List.of(), h.mutatingCallsSince(mark));
  }

  private JsonNode record(String name, String type) {
    List<JsonNode> found =
        h.route53Records("example.org").stream()
            .filter(x -> x.path("name").asText().equals(name))
            .filter(x -> x.path("type").asText().equals(type))
            .toList();
    assertEquals(
        1, found.size(), () -> name + " " + type + " in " + h.route53Records("example.org"));
    return found.get(0);
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }

  private static Set<String> fieldNames(JsonNode o) {
    Set<String> out = new TreeSet<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Map<String, String> nameValues(JsonNode array, String valueField) {
    Map<String, String> out = new TreeMap<>();
    array.forEach(x -> out.put(x.path("name").asText(), x.path(valueField).asText()));
    return out;
  }
}
