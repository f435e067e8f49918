package dev.berth.app.sweep;

import dev.berth.aws.AwsErrorClassifier;
import dev.berth.core.engine.StandaloneContext;
import dev.berth.core.sweep.Owner;
import dev.berth.core.time.BerthClock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler-test context whose tags add {@code marks} to berth's own: the {@code berth:lineage} and
 * {@code berth:origin} a newer berth writes, before this branch's handlers write them.
 */
final class MarkedContext extends StandaloneContext {
  private final Map<String, String> marks;

  MarkedContext(String stack, String logicalId, BerthClock clock, Map<String, String> marks) {
    super(stack, logicalId, clock, new AwsErrorClassifier());
    this.marks = Map.copyOf(marks);
  }

  @Override
  public Map<String, String> tags() {
    Map<String, String> t = new LinkedHashMap<>(super.tags());
    t.remove(Owner.LINEAGE_TAG); // an older berth's marks, unless the test gives a lineage
    t.putAll(marks);
    return t;
  }
}
