package dev.berth.core.engine;

import static dev.berth.core.engine.Fixture.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Resources made moments ago are deleted (or looked for) only once reads have settled. */
@Timeout(30)
class EngineSettlingTest {
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private final Fixture f = new Fixture();
  private final DesiredGraph g = DesiredGraph.of(r("igw", "fake.thing", Map.of("n", 1)));

  /** A handler whose reads miss what is younger than the window, as EC2's reads by id do. */
  private final class Lagging extends FakeHandler {
    final AtomicInteger finds = new AtomicInteger();

    Lagging() {
      super(ResourceType.of("fake.thing"), f.cloud);
    }

    private boolean settled() {
      return !f.clock.instant().isBefore(Fixture.T0.plus(WINDOW));
    }

    @Override
    public void delete(
        ResourceContext ctx,
        String physicalId,
        Map<String, Object> props,
        Map<String, String> outputs)
        throws Exception {
      if (settled()) {
        super.delete(ctx, physicalId, props, outputs);
      } // else: "NotFound", taken for already gone
    }

    @Override
    public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props)
        throws Exception {
      finds.incrementAndGet();
      return settled() ? super.find(ctx, props) : Optional.empty();
    }
  }

  private Lagging lagging() {
    f.options = f.options.withConsistencyWindow(WINDOW);
    Lagging h = new Lagging();
    f.handlers.put("fake.thing", h);
    return h;
  }

  @Test
  void destroy_rightAfterCreate_deletesOnceReadsHaveSettled() {
    lagging();
    f.deploy(g);

    DestroyResult d = f.destroy();

    assertTrue(d.succeeded(), d.failures().toString());
    assertEquals(List.of(), f.cloud.liveIds());
    assertTrue(!f.clock.instant().isBefore(Fixture.T0.plus(WINDOW)));
  }

  @Test
  void destroy_rightAfterACrashedCreate_looksAgainOnceReadsHaveSettled() {
    Lagging h = lagging();
    f.cloud.crashAfterEffect("create", "igw");
    assertThrows(FakeCrash.class, () -> f.deploy(g));

    DestroyResult d = f.destroy();

    assertTrue(d.succeeded(), d.failures().toString());
    assertEquals(List.of(), f.cloud.liveIds());
    assertEquals(1, h.finds.get());
  }

  @Test
  void destroy_ofAnOldResource_trustsTheFirstAnswer() {
    lagging();
    f.deploy(g);
    f.clock.advance(Duration.ofMinutes(5));
    int reads = f.cloud.calls("read").size();

    assertTrue(f.destroy().succeeded());

    assertEquals(reads, f.cloud.calls("read").size());
    assertEquals(List.of(), f.cloud.liveIds());
  }
}
