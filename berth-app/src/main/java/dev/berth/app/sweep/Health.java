package dev.berth.app.sweep;

import dev.berth.aws.sweep.Types;
import dev.berth.cloudflare.CloudflareRecordHandler;
import dev.berth.core.sweep.TaggedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a group of swept resources looks like a live stack: it has a load balancer, an ECS
 * service and a DNS record (not a certificate's validation record), and each is up (active; running
 * tasks == desired > 0; the record exists). Read from what discovery saw, with read-only calls.
 *
 * @param verdict serving, incomplete or not serving
 * @param missing the parts it lacks ({@code load balancer}, {@code ECS service}, {@code DNS
 *     record}), empty unless incomplete
 * @param details what was seen of each part present, for example {@code load balancer active}
 */
public record Health(Verdict verdict, List<String> missing, List<String> details) {
  public enum Verdict {
    SERVING("serving"),
    INCOMPLETE("incomplete"),
    NOT_SERVING("not serving");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private record Part(String name, Set<String> types) {}

  private static final List<Part> PARTS =
      List.of(
          new Part("load balancer", Set.of(Types.LOAD_BALANCER)),
          new Part("ECS service", Set.of(Types.SERVICE)),
          new Part(
              "DNS record", Set.of(Types.ROUTE53_RECORD, CloudflareRecordHandler.TYPE.name())));

  public Health {
    missing = List.copyOf(missing);
    details = List.copyOf(details);
  }

  static Health of(List<TaggedResource> resources) {
    List<String> missing = new ArrayList<>();
    List<String> details = new ArrayList<>();
    boolean allUp = true;
    for (Part p : PARTS) {
      List<TaggedResource> present =
          resources.stream()
              .filter(r -> p.types().contains(r.type()) && r.serving() != null)
              .toList();
      if (present.isEmpty()) {
        missing.add(p.name());
        continue;
      }
      allUp &= present.stream().anyMatch(r -> r.serving().up());
      present.forEach(r -> details.add(p.name() + " " + r.serving().detail()));
    }
    Verdict v =
        !missing.isEmpty() ? Verdict.INCOMPLETE : allUp ? Verdict.SERVING : Verdict.NOT_SERVING;
    return new Health(v, missing, details);
  }

  /** {@code serving}, {@code incomplete (missing: …)} or {@code not serving (…)}. */
  public String describe() {
    return switch (verdict) {
      case SERVING -> "serving";
      case INCOMPLETE -> "incomplete (missing: " + String.join(", ", missing) + ")";
      case NOT_SERVING -> "not serving (" + String.join(", ", details) + ")";
    };
  }
}
