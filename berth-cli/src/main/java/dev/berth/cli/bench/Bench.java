package dev.berth.cli.bench;

import dev.berth.app.provider.Providers;
import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecLoader;
import dev.berth.core.state.State;
import dev.berth.localcloud.core.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the four scenarios of a stack's life — first deploy, no-op deploy, image update, destroy —
 * on localcloud in virtual time, once with berth as built and once with the {@link Baseline}, and
 * computes each scenario's critical path from the profile ({@link Intrinsic}).
 */
public final class Bench {
  /** examples/hello with the zone spelt out. */
  static final String SPEC =
      """
      name: hello
      image: public.ecr.aws/nginx/nginx:1.27
      port: 80
      instances: 2
      region: us-east-1
      domain:
        hostname: hello.example.com
        dns: cloudflare
        zone: example.com
      """;

  static final String NEW_IMAGE = "public.ecr.aws/nginx/nginx:1.28";

  /** One scenario: what berth and the baseline took, and the lower bound. */
  public record Scenario(
      String name, Measured berth, Measured baseline, CriticalPath model, CriticalPath.Result cp) {}

  private final Profile profile;

  public Bench(Profile profile) {
    this.profile = profile;
  }

  static ServiceSpec spec(String image) {
    return new SpecLoader(k -> null).parse("bench.yaml", SPEC.replace(imageOf(SPEC), image));
  }

  private static String imageOf(String yaml) {
    return yaml.lines()
        .filter(l -> l.startsWith("image: "))
        .findFirst()
        .orElseThrow()
        .substring("image: ".length());
  }

  /** berth's four runs, with the baseline's when {@code baseline} is true. */
  public List<Scenario> run(boolean baseline) {
    ServiceSpec first = spec(imageOf(SPEC));
    ServiceSpec updated = spec(NEW_IMAGE);
    List<Run> berth = runBerth(first, updated);
    List<Measured> base = baseline ? runBaseline(first, updated) : null;
    List<Scenario> out = new ArrayList<>();
    for (int i = 0; i < berth.size(); i++) {
      Run r = berth.get(i);
      out.add(
          new Scenario(
              r.name, r.measured, base == null ? null : base.get(i), r.model, r.model.compute()));
    }
    return out;
  }

  private record Run(String name, Measured measured, CriticalPath model) {}

  private List<Run> runBerth(ServiceSpec first, ServiceSpec updated) {
    List<Run> out = new ArrayList<>();
    try (SimulatedCloud sim = new SimulatedCloud(profile, first)) {
      out.add(deploy(sim, first, "first deploy"));
      out.add(deploy(sim, first, "no-op deploy"));
      out.add(deploy(sim, updated, "image update"));
      State before = sim.store.load().orElseThrow();
      CriticalPath model = Intrinsic.destroy(before, types(sim), profile);
      SimulatedCloud.Mark m = sim.mark();
      boolean ok = sim.stack(updated).destroy().succeeded();
      out.add(new Run("destroy", sim.since(m, "berth", ok), model));
    }
    return out;
  }

  private Run deploy(SimulatedCloud sim, ServiceSpec spec, String name) {
    WebServiceStack stack = sim.stack(spec);
    WebServiceStack.PlanReport p = stack.plan(WebServiceStack.Options.DEFAULT);
    CriticalPath model = Intrinsic.apply(p.graph(), p.plan(), profile);
    SimulatedCloud.Mark m = sim.mark();
    boolean ok = stack.deploy(WebServiceStack.Options.DEFAULT).succeeded();
    return new Run(name, sim.since(m, "berth", ok), model);
  }

  private List<Measured> runBaseline(ServiceSpec first, ServiceSpec updated) {
    List<Measured> out = new ArrayList<>();
    try (SimulatedCloud sim = new SimulatedCloud(profile, first)) {
      for (ServiceSpec s : List.of(first, first, updated)) {
        SimulatedCloud.Mark m = sim.mark();
        boolean ok = new Baseline(sim, s).deploy();
        out.add(sim.since(m, "baseline", ok));
      }
      DesiredGraph graph = sim.stack(updated).plan(WebServiceStack.Options.DEFAULT).graph();
      SimulatedCloud.Mark m = sim.mark();
      boolean ok = new Baseline(sim, updated).destroy(graph);
      out.add(sim.since(m, "baseline", ok));
    }
    return out;
  }

  private static Map<String, ResourceType> types(SimulatedCloud sim) {
    return Providers.types(Providers.of(sim.aws, Optional.of(sim.cloudflare)).handlers(true));
  }
}
