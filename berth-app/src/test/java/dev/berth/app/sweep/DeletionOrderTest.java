package dev.berth.app.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.aws.sweep.Types;
import dev.berth.core.sweep.TaggedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeletionOrderTest {
  private static TaggedResource res(String type, String id, Set<String> uses) {
    return new TaggedResource(
        "s", "l", null, null, type, id, "us-east-1", null, Map.of(), Map.of(), uses, id, null);
  }

  private static List<String> ids(List<TaggedResource> rs) {
    return rs.stream().map(TaggedResource::physicalId).toList();
  }

  @Test
  void deletionOrder_ranksTypesDependentsFirst_andUnknownTypesLast() {
    List<TaggedResource> in =
        List.of(
            res(Types.SECRET, "secret", Set.of()),
            res("aws.something.new", "new", Set.of()),
            res(Types.VPC, "vpc", Set.of()),
            res(Types.POLICY, "policy", Set.of()),
            res(Types.ROLE, "role", Set.of()),
            res(Types.CERTIFICATE, "cert", Set.of()),
            res(Types.LISTENER, "listener", Set.of()),
            res(Types.SERVICE, "service", Set.of()),
            res(Types.CLUSTER, "cluster", Set.of()),
            res(Types.TASK_DEFINITION, "taskdef", Set.of()),
            res(Types.ROUTE53_RECORD, "record", Set.of()),
            res(Types.LOAD_BALANCER, "lb", Set.of()),
            res(Types.INTERNET_GATEWAY, "igw", Set.of()),
            res(Types.SUBNET, "subnet", Set.of()),
            res(Types.LOG_GROUP, "logs", Set.of()));

    assertEquals(
        List.of(
            "service",
            "taskdef",
            "cluster",
            "record",
            "listener",
            "lb",
            "cert",
            "logs",
            "subnet",
            "igw",
            "vpc",
            "role",
            "policy",
            "secret",
            "new"),
        ids(Sweeper.deletionOrder(in)));
  }

  @Test
  void deletionOrder_withinAType_putsAResourceBeforeTheOnesItUses() {
    List<TaggedResource> in =
        List.of(
            res(Types.SECURITY_GROUP, "sg-a", Set.of()),
            res(Types.SECURITY_GROUP, "sg-b", Set.of("sg-a")),
            res(Types.SECURITY_GROUP, "sg-c", Set.of("sg-b")),
            res(Types.SECURITY_GROUP, "sg-x", Set.of("sg-y")),
            res(Types.SECURITY_GROUP, "sg-y", Set.of("sg-x")));

    assertEquals(List.of("sg-c", "sg-b", "sg-a", "sg-x", "sg-y"), ids(Sweeper.deletionOrder(in)));
  }
}
