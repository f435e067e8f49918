package dev.berth.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class Route53ServiceTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final LocalCloudExtension ext =
      new LocalCloudExtension(
          clock, Profile.instant().with("route53.insync", Duration.ofSeconds(40)));

  private LocalCloud cloud;
  private Route53Client r53;
  private String zoneId;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    r53 =
        Route53Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(cloud.endpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
            .build();
    zoneId = cloud.route53Zone("example.com").id;
  }

  @AfterEach
  void tearDown() {
    r53.close();
  }

  private static ResourceRecordSet cname(String name, String value) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(RRType.CNAME)
        .ttl(300L)
        .resourceRecords(ResourceRecord.builder().value(value).build())
        .build();
  }

  private static ResourceRecordSet a(String name, String value) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(RRType.A)
        .ttl(60L)
        .resourceRecords(ResourceRecord.builder().value(value).build())
        .build();
  }

  private ChangeInfo change(ChangeAction action, ResourceRecordSet set) {
    return r53.changeResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .changeBatch(
                        cb ->
                            cb.changes(
                                Change.builder().action(action).resourceRecordSet(set).build())))
        .changeInfo();
  }

  @Test
  void listHostedZonesByName_returnsZoneWithTrailingDotAndIdPrefix() {
    cloud.route53Zone("other.org");
    var resp = r53.listHostedZonesByName(b -> b.dnsName("example.com"));
    assertEquals("example.com.", resp.dnsName());
    assertFalse(resp.isTruncated());
    assertEquals("100", resp.maxItems());
    var z = resp.hostedZones().get(0);
    assertEquals(zoneId, z.id().replace("/hostedzone/", ""));
    assertEquals("example.com.", z.name());
    assertFalse(z.config().privateZone());
    assertEquals(2L, z.resourceRecordSetCount());
    assertFalse(z.callerReference().isEmpty());
    // zones at or after the name in reversed-label order: com.example < org.other
    assertEquals(2, resp.hostedZones().size());
  }

  @Test
  void listHostedZonesByName_whenMoreThanMaxItems_isTruncatedWithNextName() {
    cloud.route53Zone("b.com");
    cloud.route53Zone("c.com");
    var resp = r53.listHostedZonesByName(b -> b.maxItems("1"));
    assertTrue(resp.isTruncated());
    assertEquals("b.com.", resp.hostedZones().get(0).name());
    assertEquals("c.com.", resp.nextDNSName());
  }

  @Test
  void getHostedZone_returnsDelegationSet() {
    var resp = r53.getHostedZone(b -> b.id(zoneId));
    assertEquals("example.com.", resp.hostedZone().name());
    assertEquals(4, resp.delegationSet().nameServers().size());
    assertTrue(resp.delegationSet().nameServers().get(0).startsWith("ns-"));
  }

  @Test
  void getHostedZone_whenUnknown_throwsNoSuchHostedZone() {
    var e =
        assertThrows(NoSuchHostedZoneException.class, () -> r53.getHostedZone(b -> b.id("ZNOPE")));
    assertEquals(404, e.statusCode());
    assertEquals("NoSuchHostedZone", e.awsErrorDetails().errorCode());
  }

  @Test
  void changeResourceRecordSets_create_returnsPendingChangeAndStoresRecord() {
    ChangeInfo info = change(ChangeAction.CREATE, cname("WWW.Example.com", "lb.example.net"));
    assertEquals(ChangeStatus.PENDING, info.status());
    assertTrue(info.id().replace("/change/", "").startsWith("C"));
    Res zone = cloud.world().get("route53", "hostedzone", zoneId).orElseThrow();
    assertTrue(
        zone.listAttr("records").toString().contains("name=www.example.com., type=CNAME"),
        zone.listAttr("records").toString());
  }

  @Test
  void changeResourceRecordSets_createExisting_throwsInvalidChangeBatch() {
    change(ChangeAction.CREATE, cname("x.example.com", "a.example.net"));
    var e =
        assertThrows(
            InvalidChangeBatchException.class,
            () -> change(ChangeAction.CREATE, cname("x.example.com", "b.example.net")));
    assertEquals(400, e.statusCode());
    assertEquals("InvalidChangeBatch", e.awsErrorDetails().errorCode());
    assertTrue(
        e.getMessage()
            .contains(
                "Tried to create resource record set [name='x.example.com.', type='CNAME'] but it"
                    + " already exists"),
        e.getMessage());
  }

  @Test
  void changeResourceRecordSets_deleteWithOtherValues_throwsInvalidChangeBatch() {
    change(ChangeAction.CREATE, cname("x.example.com", "a.example.net"));
    var e =
        assertThrows(
            InvalidChangeBatchException.class,
            () -> change(ChangeAction.DELETE, cname("x.example.com", "b.example.net")));
    assertTrue(e.getMessage().contains("do not match the current values"), e.getMessage());
    var missing =
        assertThrows(
            InvalidChangeBatchException.class,
            () -> change(ChangeAction.DELETE, cname("y.example.com", "b.example.net")));
    assertTrue(
        missing
            .getMessage()
            .contains(
                "Tried to delete resource record set [name='y.example.com.', type='CNAME'] but it"
                    + " was not found"),
        missing.getMessage());
    change(ChangeAction.DELETE, cname("x.example.com", "a.example.net"));
    assertEquals(
        2, r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().size());
  }

  @Test
  void changeResourceRecordSets_upsert_replacesValues() {
    change(ChangeAction.UPSERT, a("a.example.com", "10.0.0.1"));
    change(ChangeAction.UPSERT, a("a.example.com", "10.0.0.2"));
    var sets =
        r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName("a.example.com"))
            .resourceRecordSets();
    assertEquals("a.example.com.", sets.get(0).name());
    assertEquals("10.0.0.2", sets.get(0).resourceRecords().get(0).value());
  }

  @Test
  void changeResourceRecordSets_cnameConflictsWithOtherTypes() {
    change(ChangeAction.CREATE, a("c.example.com", "10.0.0.1"));
    var e =
        assertThrows(
            InvalidChangeBatchException.class,
            () -> change(ChangeAction.UPSERT, cname("c.example.com", "x.example.net")));
    assertTrue(e.getMessage().contains("conflicts with other records"), e.getMessage());
  }

  @Test
  void changeResourceRecordSets_aliasAndTxtInOneBatch_areListedBack() {
    r53.changeResourceRecordSets(
        b ->
            b.hostedZoneId(zoneId)
                .changeBatch(
                    cb ->
                        cb.changes(
                            Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(
                                    ResourceRecordSet.builder()
                                        .name("app.example.com")
                                        .type(RRType.A)
                                        .aliasTarget(
                                            AliasTarget.builder()
                                                .hostedZoneId("Z35SXDOTRQ7X7K")
                                                .dnsName("My-LB-1.us-east-1.elb.amazonaws.com")
                                                .evaluateTargetHealth(false)
                                                .build())
                                        .build())
                                .build(),
                            Change.builder()
                                .action(ChangeAction.CREATE)
                                .resourceRecordSet(
                                    ResourceRecordSet.builder()
                                        .name("_berth.app.example.com")
                                        .type(RRType.TXT)
                                        .ttl(300L)
                                        .resourceRecords(
                                            ResourceRecord.builder()
                                                .value("\"berth stack=s id=dns\"")
                                                .build())
                                        .build())
                                .build())));
    ListResourceRecordSetsResponse resp =
        r53.listResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .startRecordName("app.example.com")
                    .startRecordType(RRType.A));
    ResourceRecordSet alias = resp.resourceRecordSets().get(0);
    assertEquals("app.example.com.", alias.name());
    assertEquals("my-lb-1.us-east-1.elb.amazonaws.com.", alias.aliasTarget().dnsName());
    assertEquals("Z35SXDOTRQ7X7K", alias.aliasTarget().hostedZoneId());
    assertFalse(alias.aliasTarget().evaluateTargetHealth());
    ResourceRecordSet txt =
        r53.listResourceRecordSets(
                b ->
                    b.hostedZoneId(zoneId)
                        .startRecordName("_berth.app.example.com")
                        .startRecordType(RRType.TXT))
            .resourceRecordSets()
            .get(0);
    assertEquals("\"berth stack=s id=dns\"", txt.resourceRecords().get(0).value());
  }

  @Test
  void changeResourceRecordSets_txtWithoutQuotes_isInvalid() {
    var e =
        assertThrows(
            InvalidChangeBatchException.class,
            () ->
                change(
                    ChangeAction.CREATE,
                    ResourceRecordSet.builder()
                        .name("t.example.com")
                        .type(RRType.TXT)
                        .ttl(60L)
                        .resourceRecords(ResourceRecord.builder().value("two words").build())
                        .build()));
    assertTrue(e.getMessage().contains("InvalidCharacterString"), e.getMessage());
  }

  @Test
  void changeResourceRecordSets_outsideZone_isInvalid() {
    var e =
        assertThrows(
            InvalidChangeBatchException.class,
            () -> change(ChangeAction.CREATE, cname("www.other.org", "x.example.net")));
    assertTrue(e.getMessage().contains("is not permitted in zone example.com."), e.getMessage());
  }

  @Test
  void changeResourceRecordSets_withoutTtl_throwsInvalidInput() {
    var e =
        assertThrows(
            InvalidInputException.class,
            () ->
                change(
                    ChangeAction.CREATE,
                    ResourceRecordSet.builder().name("n.example.com").type(RRType.A).build()));
    assertTrue(e.getMessage().contains("Expected exactly one of"), e.getMessage());
  }

  @Test
  void changeResourceRecordSets_whenZoneUnknown_throwsNoSuchHostedZone() {
    assertThrows(
        NoSuchHostedZoneException.class,
        () ->
            r53.changeResourceRecordSets(
                b ->
                    b.hostedZoneId("ZNOPE")
                        .changeBatch(
                            cb ->
                                cb.changes(
                                    Change.builder()
                                        .action(ChangeAction.CREATE)
                                        .resourceRecordSet(a("a.example.com", "10.0.0.1"))
                                        .build()))));
  }

  @Test
  void listResourceRecordSets_paginatesWithNextRecordNameAndType() {
    for (String n : List.of("a", "b", "c")) {
      change(ChangeAction.CREATE, a(n + ".example.com", "10.0.0.1"));
    }
    var first = r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("2"));
    assertTrue(first.isTruncated());
    assertEquals(
        List.of("NS", "SOA"),
        first.resourceRecordSets().stream().map(r -> r.typeAsString()).toList());
    assertEquals("a.example.com.", first.nextRecordName());
    assertEquals(RRType.A, first.nextRecordType());
    var second =
        r53.listResourceRecordSets(
            b ->
                b.hostedZoneId(zoneId)
                    .maxItems("2")
                    .startRecordName(first.nextRecordName())
                    .startRecordType(first.nextRecordType()));
    assertEquals(
        List.of("a.example.com.", "b.example.com."),
        second.resourceRecordSets().stream().map(ResourceRecordSet::name).toList());
    var all = r53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId).maxItems("2"));
    assertEquals(5, all.resourceRecordSets().stream().count());
  }

  @Test
  void getChange_turnsInsyncAfterProfileDelay() {
    String id = change(ChangeAction.CREATE, a("a.example.com", "10.0.0.1")).id();
    assertEquals(ChangeStatus.PENDING, r53.getChange(b -> b.id(id)).changeInfo().status());
    clock.advance(Duration.ofSeconds(39));
    assertEquals(ChangeStatus.PENDING, r53.getChange(b -> b.id(id)).changeInfo().status());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(ChangeStatus.INSYNC, r53.getChange(b -> b.id(id)).changeInfo().status());
  }

  @Test
  void getChange_whenUnknown_throwsNoSuchChange() {
    var e = assertThrows(NoSuchChangeException.class, () -> r53.getChange(b -> b.id("CNOPE")));
    assertEquals(404, e.statusCode());
  }
}
