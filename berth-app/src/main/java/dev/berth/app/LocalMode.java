package dev.berth.app;

import dev.berth.app.stack.WebServiceStack;
import dev.berth.core.engine.EngineOptions;
import dev.berth.core.spec.DnsProvider;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code --local}: an embedded localcloud whose world persists under {@code .berth/localcloud/}
 * beside the spec, on the aws latency profile sped up so that a deploy shows its real progress
 * (certificate, load balancer, rollout) in seconds. The spec's DNS zone is created on first use.
 */
final class LocalMode {
  /** The Cloudflare token the embedded localcloud accepts. Not a secret. */
  static final String TOKEN = "localcloud-token";

  static final String REGION = "us-east-1";

  /** Default speed-up: a 150 s load balancer becomes 3 s. BERTH_LOCAL_TIME_SCALE overrides it. */
  static final double DEFAULT_TIME_SCALE = 0.02;

  private LocalMode() {}

  static double timeScale(Session.Settings environment) {
    String env = environment.get("BERTH_LOCAL_TIME_SCALE");
    return env == null || env.isBlank() ? DEFAULT_TIME_SCALE : Double.parseDouble(env.trim());
  }

  /** The engine's consistency window on the emulator's faster time. */
  static EngineOptions engineOptions(Session.Settings environment) {
    Duration window = WebServiceStack.ENGINE_OPTIONS.consistencyWindow();
    return WebServiceStack.ENGINE_OPTIONS.withConsistencyWindow(
        Duration.ofMillis(Math.round(window.toMillis() * timeScale(environment))));
  }

  static LocalCloud start(Path specDir, ServiceSpec spec, Session.Settings environment) {
    double scale = timeScale(environment);
    LocalCloud cloud =
        LocalCloud.builder()
            .clock(environment.clock())
            .profile(Profile.aws(scale))
            .dataDir(specDir.resolve(".berth").resolve("localcloud"))
            .start();
    String zone = spec.domain().zoneName().orElse(registrableDomain(spec.domain().hostname()));
    if (spec.domain().dns() == DnsProvider.ROUTE53) {
      cloud.route53Zone(zone);
    } else {
      cloud.cloudflareZone(zone, TOKEN);
    }
    return cloud;
  }

  /** The last two labels: the zone a newcomer's example hostname most likely lives in. */
  static String registrableDomain(String hostname) {
    String[] labels = hostname.split("\\.");
    int n = labels.length;
    return n <= 2 ? hostname : labels[n - 2] + "." + labels[n - 1];
  }
}
