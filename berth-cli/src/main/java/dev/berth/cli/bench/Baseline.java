package dev.berth.cli.bench;

import dev.berth.app.provider.Providers;
import dev.berth.app.stack.Blueprint;
import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.engine.ApplyOptions;
import dev.berth.core.engine.ApplyResult;
import dev.berth.core.engine.DestroyResult;
import dev.berth.core.engine.Engine;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.state.InMemoryStateStore;
import dev.berth.core.state.ResourceState;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What the original SDK script did, with berth's own handlers: one resource at a time, in the
 * script's order (roles, network, certificate, load balancing, service; destroy in reverse), each
 * waited for before the next starts, to the same end condition as berth.
 */
final class Baseline {
  private final SimulatedCloud sim;
  private final ServiceSpec spec;

  Baseline(SimulatedCloud sim, ServiceSpec spec) {
    this.sim = sim;
    this.spec = spec;
  }

  /** The script's phase of a resource. */
  static int phase(String id, String type) {
    if (type.startsWith("aws.iam.") || type.startsWith("aws.secretsmanager.")) {
      return 0;
    }
    if (type.startsWith("aws.ec2.")) {
      return 1;
    }
    if (type.startsWith("aws.acm.") || id.equals("certificate-record")) {
      return 2;
    }
    if (type.startsWith("aws.elbv2.") || id.equals("dns-record")) {
      return 3;
    }
    return 4;
  }

  boolean deploy() {
    WebServiceStack stack = sim.stack(spec);
    try (StateStore.Lock lock = sim.store.lock("baseline deploy")) {
      WebServiceStack.PlanReport p = stack.plan(WebServiceStack.Options.DEFAULT);
      Plan ordered = new Plan(scriptOrder(p.graph(), p.plan().changes()));
      ApplyResult r = engine(sim.store).apply(p.graph(), ordered, p.state(), ApplyOptions.DEFAULT);
      return r.succeeded();
    }
  }

  /**
   * One engine run per resource, in the reverse of the script's order. The shared store keeps the
   * deployed state: the sandbox is thrown away after this.
   */
  boolean destroy(DesiredGraph graph) {
    State state = sim.store.load().orElseThrow();
    List<String> order = new ArrayList<>(graph.order());
    order.sort(
        Comparator.comparingInt(id -> phase(id, graph.get(id).map(r -> r.type()).orElse("other"))));
    Collections.reverse(order);
    state.resources().keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
    boolean ok = true;
    for (String id : order) {
      Optional<ResourceState> rs = state.resource(id);
      if (rs.isEmpty()) {
        continue;
      }
      State one =
          new State(
              state.stack(),
              0,
              state.lineage(),
              state.updatedAt(),
              Map.of(id, rs.get()),
              state.fingerprintSalt());
      DestroyResult r = engine(new InMemoryStateStore(one)).destroy(one);
      ok &= r.succeeded();
    }
    return ok;
  }

  private static List<Change> scriptOrder(DesiredGraph graph, List<Change> changes) {
    List<Change> out = new ArrayList<>(changes);
    out.sort(
        Comparator.comparingInt(
            c -> phase(c.id(), graph.get(c.id()).map(r -> r.type()).orElse(c.type()))));
    return out;
  }

  private Engine engine(StateStore store) {
    Map<String, String> secrets = Blueprint.secrets(spec);
    Providers providers = Providers.of(sim.aws, Optional.of(sim.cloudflare));
    return Engine.builder()
        .handlers(providers.handlers(true))
        .classifier(providers.classifier())
        .clock(sim.clock)
        .store(store)
        .events(sim.events::add)
        .secrets(secrets::get)
        .tags(spec.tags())
        .options(WebServiceStack.ENGINE_OPTIONS)
        .random(new Random(20261127))
        .parallelism(1)
        .build();
  }
}
