package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DescribeAvailabilityZones over a small table of real regions: us-east-1 has six zones (a–f),
 * us-west-1 two (b, c), us-west-2 four, most others three; unknown regions get a, b, c. Tests can
 * mark a zone {@code impaired} or {@code unavailable} with {@link #setState}.
 */
public final class AvailabilityZones {
  private static final String STATES = "ec2.zoneStates";
  private static final Map<String, String> LETTERS =
      Map.ofEntries(
          Map.entry("us-east-1", "abcdef"),
          Map.entry("us-east-2", "abc"),
          Map.entry("us-west-1", "bc"),
          Map.entry("us-west-2", "abcd"),
          Map.entry("ca-central-1", "abd"),
          Map.entry("eu-west-1", "abc"),
          Map.entry("eu-west-2", "abc"),
          Map.entry("eu-west-3", "abc"),
          Map.entry("eu-central-1", "abc"),
          Map.entry("eu-north-1", "abc"),
          Map.entry("ap-northeast-1", "acd"),
          Map.entry("ap-northeast-2", "abcd"),
          Map.entry("ap-southeast-1", "abc"),
          Map.entry("ap-southeast-2", "abc"),
          Map.entry("ap-south-1", "abc"),
          Map.entry("sa-east-1", "abc"));

  private AvailabilityZones() {}

  /** One zone of a region. */
  public record Zone(String name, String id, String region) {}

  public static List<Zone> of(String region) {
    String letters = LETTERS.getOrDefault(region, "abc");
    List<Zone> out = new ArrayList<>();
    for (int i = 0; i < letters.length(); i++) {
      out.add(new Zone(region + letters.charAt(i), zoneIdPrefix(region) + "-az" + (i + 1), region));
    }
    return out;
  }

  /**
   * Sets a zone's state: {@code available}, {@code information}, {@code impaired} or {@code
   * unavailable}.
   */
  public static void setState(World world, String zoneName, String state) {
    synchronized (world) {
      Map<String, Object> states = new LinkedHashMap<>(statesOf(world));
      states.put(zoneName, state);
      world.meta().put(STATES, states);
    }
  }

  static String state(World world, String zoneName) {
    Object s = statesOf(world).get(zoneName);
    return s == null ? "available" : s.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statesOf(World world) {
    Object m = world.meta().get(STATES);
    return m == null ? Map.of() : (Map<String, Object>) m;
  }

  /** {@code us-east-1} → {@code use1}, as in AWS zone ids ({@code use1-az1}). */
  private static String zoneIdPrefix(String region) {
    String[] p = region.split("-");
    if (p.length != 3) {
      return region;
    }
    String dir =
        p[1].replace("north", "n")
            .replace("south", "s")
            .replace("east", "e")
            .replace("west", "w")
            .replace("central", "c");
    return p[0] + dir + p[2];
  }

  static Response describe(Ec2Call c) {
    List<Zone> zones = of(c.region);
    List<String> names = c.req.list("ZoneName");
    List<String> ids = c.req.list("ZoneId");
    for (String n : names) {
      if (zones.stream().noneMatch(z -> z.name().equals(n))) {
        throw AwsException.client(
            "InvalidParameterValue", "Invalid availability zone: [" + n + "]");
      }
    }
    for (String id : ids) {
      if (zones.stream().noneMatch(z -> z.id().equals(id))) {
        throw AwsException.client(
            "InvalidParameterValue", "Invalid availability zone: [" + id + "]");
      }
    }
    Map<String, Filters.Field> fields = new LinkedHashMap<>();
    fields.put("region-name", r -> List.of(r.str("regionName")));
    fields.put("zone-name", r -> List.of(r.str("zoneName")));
    fields.put("zone-id", r -> List.of(r.str("zoneId")));
    fields.put("state", r -> List.of(r.str("zoneState")));
    fields.put("zone-type", r -> List.of("availability-zone"));
    fields.put("group-name", r -> List.of(r.str("regionName")));
    fields.put("opt-in-status", r -> List.of("opt-in-not-required"));
    var predicate = Filters.predicate(Filters.parse(c.req.form()), fields);
    List<Res> rows = new ArrayList<>();
    for (Zone z : zones) {
      if (!names.isEmpty() && !names.contains(z.name())
          || !ids.isEmpty() && !ids.contains(z.id())) {
        continue;
      }
      // A transient Res so zones filter like every other resource; never stored.
      Res r = new Res("ec2", "availability-zone", z.name());
      r.attrs.put("zoneName", z.name());
      r.attrs.put("zoneId", z.id());
      r.attrs.put("regionName", z.region());
      r.attrs.put("zoneState", state(c.world, z.name()));
      if (predicate.test(r)) {
        rows.add(r);
      }
    }
    return c.response()
        .list(
            "availabilityZoneInfo",
            "item",
            rows,
            (x, r) ->
                x.leaf("zoneName", r.str("zoneName"))
                    .leaf("zoneState", r.str("zoneState"))
                    .leaf("regionName", r.str("regionName"))
                    .list("messageSet", "item", List.<String>of(), (y, m) -> y.leaf("message", m))
                    .leaf("zoneId", r.str("zoneId"))
                    .leaf("zoneType", "availability-zone")
                    .leaf("optInStatus", "opt-in-not-required")
                    .leaf("groupName", r.str("regionName"))
                    .leaf("networkBorderGroup", r.str("regionName")))
        .response();
  }
}
