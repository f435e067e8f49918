package dev.berth.app.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.app.LocalClients;
import dev.berth.app.provider.Providers;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.core.graph.DesiredGraph;
import dev.berth.core.graph.InvalidGraphException;
import dev.berth.core.graph.Ref;
import dev.berth.core.graph.Resource;
import dev.berth.core.resource.ResourceHandler;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecLoader;
import dev.berth.core.time.BerthClock;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The web-service blueprint against the providers' descriptors, and its inputs. */
class BlueprintTest {
  private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
  private static final Function<String, String> FP = v -> "fp";

  @ParameterizedTest
  @ValueSource(strings = {"hello", "private-registry"})
  void everyExample_buildsAGraphThatTheDescriptorsAccept(String example) {
    DesiredGraph.of(
        Blueprint.resources(new Blueprint.Input(spec(example), ZONES, FP)), descriptors());
  }

  @Test
  void aRefToAnOutputTheTargetDoesNotDeclare_isRefusedWhenTheGraphIsBuilt() {
    List<Resource> resources =
        new ArrayList<>(Blueprint.resources(new Blueprint.Input(spec("hello"), ZONES, FP)));
    resources.replaceAll(
        r ->
            r.id().equals("internet-gateway")
                ? new Resource(r.id(), r.type(), Map.of("vpcId", Ref.to("vpc", "vpcArn")))
                : r);
    InvalidGraphException e =
        assertThrows(InvalidGraphException.class, () -> DesiredGraph.of(resources, descriptors()));
    assertEquals(true, e.getMessage().contains("vpcArn"), e.getMessage());
  }

  @Test
  void rulePriority_isAnInput_withTheLoneServiceDefault() {
    assertEquals(Blueprint.RULE_PRIORITY, priority(new Blueprint.Input(spec("hello"), ZONES, FP)));
    assertEquals(7, priority(new Blueprint.Input(spec("hello"), ZONES, FP, 7)));
  }

  private static Object priority(Blueprint.Input in) {
    return Blueprint.resources(in).stream()
        .filter(r -> r.id().equals("host-rule"))
        .findFirst()
        .orElseThrow()
        .properties()
        .get("priority");
  }

  /** The descriptors of every provider's handlers; no call is made, so no endpoint answers. */
  private static Map<String, dev.berth.core.graph.ResourceDescriptor> descriptors() {
    URI nowhere = URI.create("http://127.0.0.1:9");
    Map<String, ResourceHandler> handlers =
        Providers.of(
                LocalClients.aws("us-east-1", nowhere, "test"),
                Optional.of(new CloudflareClient(nowhere, "t", BerthClock.system())))
            .handlers(true);
    return Providers.descriptors(handlers);
  }

  private static ServiceSpec spec(String example) {
    return new SpecLoader(name -> "x")
        .load(Path.of("..", "examples", example, "berth.yaml"))
        .withRegion("us-east-1");
  }
}
