package dev.berth.app.matrix;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.aws.AwsClients;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.time.BerthClock;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A berth deploy in a process of its own, for tests that kill it for real: {@code DeployProcess
 * <example> <endpoint> <state folder>}. Exits 0 on success, 1 on failure.
 */
final class DeployProcess {
  private DeployProcess() {}

  static WebServiceStack stack(Example example, URI endpoint, Path stateDir, AwsClients aws) {
    ServiceSpec spec = StackHarness.spec(example);
    CloudflareClient cf =
        new CloudflareClient(
            URI.create(endpoint + "/client/v4"),
            StackHarness.CLOUDFLARE_TOKEN,
            BerthClock.system());
    return new WebServiceStack(
        spec,
        aws,
        Optional.of(cf),
        new FileStateStore(stateDir, spec.name()),
        BerthClock.system(),
        e -> {});
  }

  static AwsClients aws(URI endpoint) {
    return new AwsClients(
        Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROCESS", "process")),
        endpoint);
  }

  public static void main(String[] args) {
    Example example = Example.valueOf(args[0]);
    URI endpoint = URI.create(args[1]);
    try (AwsClients aws = aws(endpoint)) {
      boolean ok =
          stack(example, endpoint, Path.of(args[2]), aws)
              .deploy(WebServiceStack.Options.DEFAULT)
              .succeeded();
      System.exit(ok ? 0 : 1);
    }
  }
}
