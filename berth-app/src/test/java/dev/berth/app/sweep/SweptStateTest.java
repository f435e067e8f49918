package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.sweep.Types;
import dev.berth.core.engine.Cancellation;
import dev.berth.core.resource.ResourceContext;
import dev.berth.core.sweep.TaggedResource;
import dev.berth.core.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sweep's deletion as the engine's destroy of a state made from what was found: dependency
 * edges from discovered relationships, each handler's context carrying the resource's own marks,
 * resources already gone, cancellation.
 */
class SweptStateTest {
  private final VirtualClock clock = new VirtualClock();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  /** Records every delete with its context's marks, in call order across types. */
  private final class Recording extends FakeHandler {
    Recording(String type) {
      super(type);
    }

    @Override
    public void delete(
        ResourceContext ctx,
        String physicalId,
        Map<String, Object> props,
        Map<String, String> outputs)
        throws Exception {
      SweptStateTest.this.calls.add(
          physicalId + " " + ctx.stack() + "/" + ctx.logicalId() + "/" + ctx.lineage());
      super.delete(ctx, physicalId, props, outputs);
    }
  }

  private final Recording vpcs = new Recording(Types.VPC);
  private final Recording subnets = new Recording(Types.SUBNET);
  private final Recording groups = new Recording(Types.SECURITY_GROUP);

  private static TaggedResource res(
      String stack,
      String lineage,
      String type,
      String id,
      String logicalId,
      Map<String, Object> p) {
    return new TaggedResource(
        stack,
        logicalId,
        lineage,
        null,
        type,
        id,
        "us-east-1",
        null,
        p,
        Map.of(),
        Set.of(),
        id,
        null);
  }

  private SweepReport delete(List<TaggedResource> found, Sweeper.Options options) throws Exception {
    return Sweeper.delete(
        found,
        List.of(vpcs, subnets, groups),
        options.withListener((r, m) -> events.add(r.physicalId() + " " + m)));
  }

  private Sweeper.Options options() {
    return Sweeper.Options.defaults(clock).withTimeout(Duration.ofMinutes(10));
  }

  @Test
  void delete_ofAVpcWithItsSubnet_deletesTheSubnetFirst_whatItsPropertiesSay() throws Exception {
    subnets.failing("subnet-1", FakeHandler.aws("DependencyViolation", 400));

    SweepReport report =
        delete(
            List.of(
                res("s", "L1", Types.VPC, "vpc-1", "vpc", Map.of()),
                res("s", "L1", Types.SUBNET, "subnet-1", "subnet", Map.of("vpcId", "vpc-1"))),
            options());

    assertTrue(report.complete(), report.failed().toString());
    // The VPC waited for its subnet, which was retried, instead of being tried beside it.
    assertEquals(List.of("subnet-1 s/subnet/L1", "subnet-1 s/subnet/L1", "vpc-1 s/vpc/L1"), calls);
  }

  @Test
  void delete_whenADependentFailsForGood_stillTriesWhatItDependsOn() throws Exception {
    subnets.alwaysFailing("subnet-1", FakeHandler.aws("UnauthorizedOperation", 403));

    SweepReport report =
        delete(
            List.of(
                res("s", "L1", Types.VPC, "vpc-1", "vpc", Map.of()),
                res("s", "L1", Types.SUBNET, "subnet-1", "subnet", Map.of("vpcId", "vpc-1"))),
            options());

    // The fake VPC goes (EC2 would refuse it, which the sweep would report as blocked).
    assertEquals(
        List.of("vpc-1"), report.deleted().stream().map(TaggedResource::physicalId).toList());
    assertEquals(
        List.of("subnet-1: Fake UnauthorizedOperation: UnauthorizedOperation from the fake"),
        report.failed().stream().map(f -> f.resource().physicalId() + ": " + f.reason()).toList());
  }

  @Test
  void delete_givesEachHandlerTheResourcesOwnMarks_acrossStacksAndLineages() throws Exception {
    SweepReport report =
        delete(
            List.of(
                res("alpha", "L1", Types.SECURITY_GROUP, "sg-1", "lb-security-group", Map.of()),
                res("alpha", null, Types.SECURITY_GROUP, "sg-2", "lb-security-group", Map.of()),
                res("beta", "L2", Types.SECURITY_GROUP, "sg-3", "tasks", Map.of())),
            options());

    assertTrue(report.complete(), report.failed().toString());
    assertEquals(
        Set.of(
            "sg-1 alpha/lb-security-group/L1",
            "sg-2 alpha/lb-security-group/null",
            "sg-3 beta/tasks/L2"),
        Set.copyOf(calls));
  }

  @Test
  void delete_ofWhatWasDeletedBehindBerthsBack_reportsItGone_notFailed() throws Exception {
    groups.alwaysFailing("sg-1", FakeHandler.aws("InvalidGroup.NotFound", 400));

    SweepReport report =
        delete(
            List.of(
                res("s", "L1", Types.SECURITY_GROUP, "sg-1", "a", Map.of()),
                res("s", "L1", Types.SECURITY_GROUP, "sg-2", "b", Map.of())),
            options());

    assertTrue(report.complete(), report.failed().toString());
    assertEquals(List.of("sg-1"), report.gone().stream().map(TaggedResource::physicalId).toList());
    assertEquals(2, report.deleted().size());
    assertTrue(events.contains("sg-1 already gone"), events.toString());
    assertFalse(events.contains("sg-1 deleted"), events.toString());
    assertTrue(events.contains("sg-2 deleted"), events.toString());
  }

  @Test
  void delete_whenCancelledBeforeItStarts_triesNothing_andSaysSo() throws Exception {
    Cancellation cancel = new Cancellation();
    cancel.cancel();

    SweepReport report =
        delete(
            List.of(res("s", "L1", Types.VPC, "vpc-1", "vpc", Map.of())),
            options().withCancellation(cancel));

    assertEquals(List.of(), calls);
    assertEquals(List.of(), report.deleted());
    assertEquals(
        List.of("not deleted: the sweep was stopped before it was tried"),
        report.failed().stream().map(SweepReport.Failure::reason).toList());
  }
}
