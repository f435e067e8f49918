package dev.berth.app.matrix;

import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One mutating call of a recorded run, named so that it can be found again in another run whose
 * calls interleave differently: the {@code occurrence}-th (0-based) call of {@code action}.
 */
record CallStep(String service, String action, int occurrence) {

  /** The mutating calls of a run, in order; only successful ones when {@code okOnly}. */
  static List<CallStep> of(List<World.Call> calls, boolean okOnly) {
    List<CallStep> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (World.Call c : calls) {
      if (!c.mutating() || okOnly && c.status() >= 300) {
        continue;
      }
      int n = seen.merge(c.action(), 1, Integer::sum) - 1;
      out.add(new CallStep(c.service(), c.action(), n));
    }
    return out;
  }

  @Override
  public String toString() {
    return service + " " + action + " #" + (occurrence + 1);
  }
}
