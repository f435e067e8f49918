package dev.berth.app.stack;

import dev.berth.aws.failure.StackElsewhereException;
import dev.berth.core.engine.Engine;
import dev.berth.core.engine.StandaloneContext;
import dev.berth.core.failure.ErrorClassifier;
import dev.berth.core.failure.ForeignClaimException;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.plan.Action;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Refresh;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.resource.RunOptions;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.time.BerthClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who owns what this stack needs, decided read-only before the first change: the state's region and
 * account against the run's, every deterministic name a create would take against whoever holds it,
 * and every recorded resource against the lineage its tags now carry.
 */
final class StackClaims {
  private static final Pattern ARN =
      Pattern.compile("^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\\d{12})?:");
  private static final java.util.Set<String> GLOBAL = java.util.Set.of("iam", "route53", "s3");
  static final String HINT =
      "deploy from the state that owns them, or give this stack another name; berth never takes"
          + " over, changes or deletes what another state owns";

  private StackClaims() {}

  /** The region a state's resources live in, from their ARNs and zones; empty if none says. */
  static Optional<String> recordedRegion(State state) {
    for (ResourceState rs : state.resources().values()) {
      for (String v : values(rs)) {
        Matcher m = ARN.matcher(v);
        if (m.find() && !GLOBAL.contains(m.group(1)) && !m.group(2).isEmpty()) {
          return Optional.of(m.group(2));
        }
      }
      if (rs.type().equals("aws.ec2.subnet")
          && rs.properties().get("availabilityZone") instanceof String az
          && az.matches(".*-\\d+[a-z]")) {
        return Optional.of(az.substring(0, az.length() - 1));
      }
    }
    return Optional.empty();
  }

  /** The account a state's resources live in, from their ARNs; empty if none says. */
  static Optional<String> recordedAccount(State state) {
    for (ResourceState rs : state.resources().values()) {
      for (String v : values(rs)) {
        Matcher m = ARN.matcher(v);
        if (m.find() && m.group(3) != null) {
          return Optional.of(m.group(3));
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> values(ResourceState rs) {
    List<String> out = new ArrayList<>();
    if (rs.physicalId() != null) {
      out.add(rs.physicalId());
    }
    out.addAll(rs.outputs().values());
    return out;
  }

  /** A region change is another stack: refused before any call. */
  static void refuseRegionChange(String stack, State state, String region, String stateWhere) {
    Optional<String> was = recordedRegion(state);
    if (was.isPresent() && !was.get().equals(region)) {
      throw new StackElsewhereException(
          "stack "
              + stack
              + " is deployed in "
              + was.get()
              + " (its state, "
              + stateWhere
              + ", records it there), but this run is for "
              + region
              + ". A region change is another stack; berth does not move one",
          stack,
          StackElsewhereException.Where.REGION,
          was.get(),
          region);
    }
  }

  /** The state belongs to the account it recorded; credentials for another are refused. */
  static void refuseAccountChange(String stack, State state, String account, String stateWhere) {
    Optional<String> was = recordedAccount(state);
    if (was.isPresent() && account != null && !was.get().equals(account)) {
      throw new StackElsewhereException(
          "stack "
              + stack
              + " is deployed in AWS account "
              + was.get()
              + " (its state, "
              + stateWhere
              + ", records it there), but the credentials are for account "
              + account,
          stack,
          StackElsewhereException.Where.ACCOUNT,
          was.get(),
          account);
    }
  }

  /**
   * Recorded resources whose tags now name another owner (deleted and made again behind berth's
   * back by someone else) are refused; those a berth version before lineages made are returned, to
   * be tagged.
   */
  static List<String> checkRecorded(State state, Refresh refresh) {
    List<ForeignClaimException.Claim> foreign = new ArrayList<>();
    List<String> untagged = new ArrayList<>();
    for (Map.Entry<String, Observed> e : refresh.live().entrySet()) {
      Map<String, String> tags = e.getValue().tags();
      ResourceState rs = state.resources().get(e.getKey());
      if (tags == null || rs == null) {
        continue;
      }
      String lineage = tags.get(Ownership.LINEAGE);
      boolean sameStack = state.stack().equals(tags.get(Ownership.STACK));
      if (lineage == null && sameStack) {
        untagged.add(rs.id());
      } else if (!sameStack || !state.lineage().equals(lineage)) {
        foreign.add(
            new ForeignClaimException.Claim(
                rs.logicalId(),
                rs.type() + " " + rs.physicalId() + " (recorded)",
                tags,
                Ownership.describe(tags)));
      }
    }
    if (!foreign.isEmpty()) {
      throw new ForeignClaimException(state.stack(), foreign, HINT);
    }
    Collections.sort(untagged);
    return untagged;
  }

  /**
   * Asks the handler of every resource the plan creates whether its name is held, in parallel; a
   * holder that is not this state's is refused, all of them in one message.
   */
  static void refuseForeignClaims(
      State state,
      DesiredGraph graph,
      Plan plan,
      Map<String, ResourceHandler> handlers,
      Engine engine,
      Reads reads,
      BerthClock clock,
      ErrorClassifier classifier,
      RunOptions run) {
    Map<String, Change> byId = new LinkedHashMap<>();
    plan.changes().forEach(c -> byId.put(c.id(), c));
    List<String> ids =
        plan.changes().stream()
            .filter(c -> c.action() == Action.CREATE || c.action() == Action.REPLACE)
            .filter(c -> graph.contains(c.id()))
            .map(Change::id)
            .toList();
    Map<String, Holder> held = new ConcurrentHashMap<>();
    engine.runAll(
        ids,
        id -> {
          Resource r = graph.resource(id);
          Map<String, Object> props = resolvable(r.properties(), state, byId);
          StandaloneContext ctx =
              new StandaloneContext(state.stack(), id, clock, classifier)
                  .lineage(state.lineage())
                  .options(run);
          ResourceHandler h = handlers.get(r.type());
          reads
              .get("checking who holds the name of " + id, () -> h.holder(ctx, props))
              .filter(x -> !Ownership.sameLineage(ctx, x.tags()) && !ownLegacy(state, id, x))
              .ifPresent(x -> held.put(id, x));
        });
    if (!held.isEmpty()) {
      List<ForeignClaimException.Claim> claims = new ArrayList<>();
      ids.stream()
          .filter(held::containsKey)
          .forEach(
              id ->
                  claims.add(
                      new ForeignClaimException.Claim(
                          id,
                          held.get(id).what(),
                          held.get(id).tags(),
                          Ownership.describe(held.get(id).tags()))));
      throw new ForeignClaimException(state.stack(), claims, HINT);
    }
  }

  /**
   * A resource an older berth made for this very state: our stack's tags without a lineage, where
   * the state records the resource (a replacement in a stack deployed before lineages).
   */
  private static boolean ownLegacy(State state, String id, Holder h) {
    return h.tags().get(Ownership.LINEAGE) == null
        && state.stack().equals(h.tags().get(Ownership.STACK))
        && state.resource(id).filter(rs -> rs.physicalId() != null).isPresent();
  }

  /**
   * {@code props} with every reference to a resource the plan keeps replaced by its recorded
   * output; references to what the run makes stay (the handler cannot look those up yet).
   */
  private static Map<String, Object> resolvable(
      Map<String, Object> props, State state, Map<String, Change> plan) {
    Map<String, Object> out = new LinkedHashMap<>();
    props.forEach((k, v) -> out.put(k, resolve(v, state, plan)));
    return out;
  }

  private static Object resolve(Object v, State state, Map<String, Change> plan) {
    if (v instanceof Ref ref) {
      Change c = plan.get(ref.resource());
      if (c != null && (c.action() == Action.KEEP || c.action() == Action.UPDATE)) {
        String out =
            state.resource(ref.resource()).map(rs -> rs.outputs().get(ref.output())).orElse(null);
        return out != null ? out : v;
      }
      return v;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(resolve(x, state, plan)));
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), resolve(x, state, plan)));
      return out;
    }
    return v;
  }
}
