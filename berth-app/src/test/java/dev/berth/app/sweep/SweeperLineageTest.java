package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.LocalAws;
import dev.berth.aws.sweep.Route53Discovery;
import dev.berth.aws.sweep.Types;
import dev.berth.core.sweep.Owner;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Stack {@code alpha} made by a berth that records lineages (its tags and DNS markers name lineage
 * L1), a VPC and log group of {@code alpha} from a second state (lineage L2), and stack {@code
 * beta} made by an older berth (no lineage): every discovery reads the marks, and a deletion of one
 * group leaves the others as they were.
 */
class SweeperLineageTest {
  static final String L1 = SweepGroupTest.L1;
  static final String L2 = SweepGroupTest.L2;
  static final String ORIGIN = "alice@laptop 2024-05-01T10:00:00Z";

  private final SteppingClock clock = new SteppingClock();
  private LocalCloud cloud;
  private AwsClients aws;
  private SweepStack alpha;
  private SweepStack beta;
  private String secondVpc;

  @BeforeEach
  void build() throws Exception {
    cloud = LocalCloud.builder().clock(clock).profile(Profile.aws(1.0)).start();
    aws = LocalAws.clients(cloud);
    cloud.route53Zone("example.com");
    alpha =
        SweepStack.build(
            "alpha", 1, aws, clock, Map.of(Owner.LINEAGE_TAG, L1, Owner.ORIGIN_TAG, ORIGIN));
    beta = SweepStack.build("beta", 2, aws, clock);
    rewriteMarkers("alpha", L1);
    Map<String, String> second =
        Map.of(
            Owner.STACK_TAG, "alpha",
            Owner.ID_TAG, "vpc",
            Owner.LINEAGE_TAG, L2,
            Owner.ORIGIN_TAG, "bob@ci-7 2024-06-01T09:00:00Z");
    secondVpc =
        aws.ec2()
            .createVpc(
                r ->
                    r.cidrBlock("10.9.0.0/16")
                        .tagSpecifications(
                            TagSpecification.builder()
                                .resourceType(ResourceType.VPC)
                                .tags(
                                    second.entrySet().stream()
                                        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()))
                                        .map(Tag.Builder::build)
                                        .toList())
                                .build()))
            .vpc()
            .vpcId();
    Map<String, String> logTags = new TreeMap<>(second);
    logTags.put(Owner.ID_TAG, "log-group");
    aws.logs().createLogGroup(r -> r.logGroupName("/berth/alpha").tags(logTags));
    clock.advance(Duration.ofHours(3));
  }

  @AfterEach
  void close() {
    aws.close();
    cloud.close();
  }

  /** Rewrites a stack's Route 53 markers in the form a berth that records lineages writes. */
  private void rewriteMarkers(String stack, String lineage) {
    HostedZone zone = aws.route53().listHostedZones().hostedZones().get(0);
    for (ResourceRecordSet s :
        aws.route53()
            .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone.id()))
            .resourceRecordSets()) {
      if (s.type() != RRType.TXT || !s.name().startsWith(Route53Discovery.MARKER_PREFIX)) {
        continue;
      }
      String value = s.resourceRecords().get(0).value();
      if (!value.startsWith("\"berth stack=" + stack + " ")) {
        continue;
      }
      String marked = value.substring(0, value.length() - 1) + " lineage=" + lineage + "\"";
      Change change =
          Change.builder()
              .action(ChangeAction.UPSERT)
              .resourceRecordSet(
                  s.toBuilder()
                      .resourceRecords(List.of(ResourceRecord.builder().value(marked).build()))
                      .build())
              .build();
      aws.route53()
          .changeResourceRecordSets(
              r ->
                  r.hostedZoneId(zone.id())
                      .changeBatch(ChangeBatch.builder().changes(List.of(change)).build()));
    }
  }

  private List<SweepGroup> groups() throws Exception {
    return SweepGroup.of(Sweeper.find(aws, Optional.empty(), Set.of()));
  }

  private static SweepGroup group(List<SweepGroup> groups, String stack, String lineage) {
    return groups.stream()
        .filter(g -> g.stack().equals(stack) && g.lineageLabel().equals(lineage))
        .findFirst()
        .orElseThrow(() -> new AssertionError(stack + " " + lineage + " not in " + groups));
  }

  @Test
  void find_readsLineageFromTagsAndRoute53Markers_andGroupsByStackAndLineage() throws Exception {
    List<SweepGroup> groups = groups();

    assertEquals(
        List.of("alpha " + L1, "alpha " + L2, "beta (none)"),
        groups.stream().map(g -> g.stack() + " " + g.lineageLabel()).toList());
    SweepGroup a1 = group(groups, "alpha", L1);
    assertEquals(SweeperFindTest.expected(alpha), SweeperFindTest.found(a1.resources(), "alpha"));
    assertEquals(List.of(ORIGIN), a1.origins());
    assertEquals(
        Set.of("vpc aws.ec2.vpc", "log-group aws.logs.log-group"),
        group(groups, "alpha", L2).resources().stream()
            .map(r -> r.logicalId() + " " + r.type())
            .collect(Collectors.toSet()));
    assertEquals(
        SweeperFindTest.expected(beta), SweeperFindTest.found(groups.get(2).resources(), "beta"));
  }

  @Test
  void find_takesAgeFromTheOriginWhereTheProviderTellsNone() throws Exception {
    SweepGroup a1 = group(groups(), "alpha", L1);
    TaggedResource vpc = SweeperFindTest.only(a1.resources(), "alpha", Types.VPC);

    assertEquals(Instant.parse("2024-05-01T10:00:00Z"), vpc.createdAt());
    assertEquals(Optional.of(Instant.parse("2024-05-01T10:00:00Z")), a1.oldest());
    assertTrue(
        SweeperFindTest.only(group(groups(), "beta", "(none)").resources(), "beta", Types.VPC)
                .createdAt()
            == null);
  }

  @Test
  void health_ofAStackWithoutItsEcsService_isIncompleteButSeesTheActiveLoadBalancer()
      throws Exception {
    Health h = group(groups(), "alpha", L1).health();

    assertEquals(Health.Verdict.INCOMPLETE, h.verdict());
    assertEquals(List.of("ECS service"), h.missing());
    assertEquals(List.of("load balancer active", "DNS record present"), h.details());
  }

  @Test
  void delete_ofOneLineagesGroup_leavesTheStacksOtherLineageAndTheOtherStack() throws Exception {
    List<SweepGroup> before = groups();
    SweepSelection.Delete chosen =
        (SweepSelection.Delete)
            SweepSelection.forDelete(before, Optional.of("alpha"), Optional.of(L2.substring(0, 8)));

    SweepReport report = Sweeper.delete(aws, chosen.group().resources(), clock, (r, m) -> {});

    assertEquals(List.of(), report.failed());
    assertEquals(2, report.deleted().size());
    assertTrue(
        aws.ec2().describeVpcs().vpcs().stream().noneMatch(v -> v.vpcId().equals(secondVpc)));
    List<SweepGroup> after = groups();
    assertEquals(List.of(before.get(0), before.get(2)), after);
  }
}
