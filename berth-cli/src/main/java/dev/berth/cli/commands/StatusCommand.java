package dev.berth.cli.commands;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.aws.ecs.ServiceStatus;
import dev.berth.cli.Printable;
import dev.berth.cli.StackCommand;
import dev.berth.core.graph.Values;
import dev.berth.core.resource.Observation;
import dev.berth.core.state.ResourceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code berth status}: resources, service health, running/desired tasks, URL. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show every resource as the cloud sees it, the service's rollout and health, and the URL.")
public final class StatusCommand extends StackCommand {

  @Override
  public Integer call() {
    try (var s = openQuiet()) {
      WebServiceStack.StatusReport r = s.stack.status();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ResourceState rs : r.state().resources().values()) {
        Observation o = r.resources().get(rs.id());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rs.id());
        row.put("type", rs.type());
        row.put("physicalId", rs.physicalId());
        row.put("recorded", rs.status().name());
        row.put("live", live(o));
        row.put("drift", drift(rs, o));
        rows.add(row);
      }
      if (global.json()) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("stack", s.spec.name());
        j.put("url", r.url());
        j.put("resources", rows);
        j.put("service", r.service().orElse(null));
        json(j);
        return 0;
      }
      if (rows.isEmpty()) {
        out.println("Stack " + s.spec.name() + " has no resources. Run berth deploy.");
        return 0;
      }
      out.println("Stack " + s.spec.name() + "  " + r.url());
      for (Map<String, Object> row : rows) {
        out.printf(
            "  %-24s %-30s %-12s %s%s%n",
            row.get("id"),
            row.get("type"),
            Printable.of(row.get("live")),
            Printable.of(row.get("physicalId")),
            Boolean.TRUE.equals(row.get("drift")) ? "  (drifted)" : "");
      }
      r.service().ifPresent(this::printService);
      if (r.service().isEmpty()
          && r.state().resource("service").filter(x -> x.physicalId() != null).isPresent()) {
        out.println();
        out.println(
            "Service: MISSING (not found in its cluster: deleted outside berth). Run berth deploy"
                + " to recreate it.");
      }
      return 0;
    }
  }

  private void printService(ServiceStatus.Snapshot svc) {
    out.println();
    out.println(
        "Service: "
            + Printable.of(svc.status())
            + ", "
            + svc.running()
            + " running / "
            + svc.desired()
            + " desired, "
            + svc.pending()
            + " pending");
    for (ServiceStatus.Deployment d : svc.deployments()) {
      out.println(
          "  deployment "
              + Printable.of(d.status())
              + " "
              + Printable.of(d.rolloutState())
              + " "
              + Printable.of(d.taskDefinition())
              + "  "
              + d.running()
              + "/"
              + d.desired()
              + (d.failed() > 0 ? ", " + d.failed() + " failed" : "")
              + (d.rolloutStateReason() == null
                  ? ""
                  : "  " + Printable.of(d.rolloutStateReason())));
    }
    for (ServiceStatus.Target t : svc.targets()) {
      out.println(
          "  target "
              + Printable.of(t.id())
              + ":"
              + t.port()
              + " "
              + Printable.of(t.state())
              + (t.reason() == null ? "" : " (" + Printable.of(t.reason()) + ")"));
    }
    svc.events().stream()
        .limit(5)
        .forEach(e -> out.println("  " + e.at() + "  " + Printable.of(e.message())));
  }

  private static String live(Observation o) {
    if (o == null) {
      return "not created";
    }
    if (o.error() != null) {
      return "unknown";
    }
    if (o.gone()) {
      return "MISSING";
    }
    return o.observed().status() == null ? "exists" : o.observed().status();
  }

  /** Compared as the planner compares: maps by key, numbers by value, not by their text. */
  private static boolean drift(ResourceState rs, Observation o) {
    if (o == null || o.observed() == null) {
      return o != null && o.gone();
    }
    for (Map.Entry<String, Object> e : o.observed().properties().entrySet()) {
      Object recorded = rs.properties().get(e.getKey());
      if (recorded != null && !Values.equal(recorded, e.getValue())) {
        return true;
      }
    }
    return false;
  }
}
