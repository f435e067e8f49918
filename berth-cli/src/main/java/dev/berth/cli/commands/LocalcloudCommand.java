package dev.berth.cli.commands;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth localcloud}: runs the emulator in the foreground. */
@Command(
    name = "localcloud",
    mixinStandardHelpOptions = true,
    description =
        "Run localcloud, the emulator of the AWS and Cloudflare APIs berth uses, in the foreground.")
public final class LocalcloudCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).",
      defaultValue = "4566")
  int port;

  @Option(
      names = "--profile",
      description = "Latency profile: instant or aws (default: ${DEFAULT-VALUE}).",
      defaultValue = "instant")
  String profile;

  @Option(
      names = "--time-scale",
      description =
          "Scale of the aws profile's durations; 0.01 runs 100x faster (default: ${DEFAULT-VALUE}).",
      defaultValue = "1.0")
  double timeScale;

  @Option(names = "--data-dir", description = "Persist the world here and reload it on start.")
  Path dataDir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Profile p;
    try {
      p = Profile.named(profile, timeScale);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("berth: --profile: " + e.getMessage());
      return 2;
    }
    LocalCloud cloud = LocalCloud.builder().port(port).profile(p).dataDir(dataDir).start();
    out.println(
        "localcloud listening on "
            + cloud.endpoint()
            + " (profile "
            + p.name()
            + (p.name().equals("aws") ? ", time scale " + timeScale : "")
            + ")");
    out.println("Use it with:");
    out.println("  export AWS_ENDPOINT_URL=" + cloud.endpoint());
    out.println("  export CLOUDFLARE_API_BASE_URL=" + cloud.cloudflareBase());
    out.println(
        "  export AWS_ACCESS_KEY_ID=localcloud AWS_SECRET_ACCESS_KEY=localcloud AWS_REGION=us-east-1");
    out.println(
        "Create DNS zones with POST "
            + cloud.endpoint()
            + "/_localcloud/cloudflare/zones or /_localcloud/route53/zones.");
    out.println("Press Ctrl-C to stop.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cloud.close();
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }
}
