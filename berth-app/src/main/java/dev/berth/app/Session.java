package dev.berth.app;

import dev.berth.app.provider.Providers;
import dev.berth.app.stack.WebServiceStack;
import dev.berth.aws.AwsClients;
import dev.berth.aws.failure.RegionMissingException;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.core.engine.EventSink;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecLoader;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.state.StateStore;
import dev.berth.core.time.BerthClock;
import dev.berth.localcloud.LocalCloud;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Everything one command needs, configured in one place: the spec, the providers with their clients
 * (credentials, endpoints, the region chain), the state store, the stack; or an embedded localcloud
 * for {@code --local}.
 */
public final class Session implements AutoCloseable {

  /**
   * What the command line chose.
   *
   * @param file the spec
   * @param region the region asked for, or null for the spec's, the environment's or the profile's
   * @param profile the named profile of {@code ~/.aws/config}, or null
   * @param endpointUrl one endpoint for every AWS service, or null
   * @param state the folder that holds state files, or null for {@code .berth/} beside the spec
   * @param local run against an embedded localcloud
   * @param env the environment variables to honour (not necessarily the process's)
   * @param clock the clock every wait runs on
   */
  public record Settings(
      Path file,
      String region,
      String profile,
      URI endpointUrl,
      String state,
      boolean local,
      Map<String, String> env,
      BerthClock clock) {

    /** The folder the spec is in. */
    public Path specDir() {
      Path parent = file.toAbsolutePath().getParent();
      return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    public String get(String name) {
      return env.get(name);
    }
  }

  public final ServiceSpec spec;
  public final Providers providers;
  public final AwsClients aws;
  public final Optional<CloudflareClient> cloudflare;
  public final StateStore store;
  public final WebServiceStack stack;
  public final BerthClock clock;
  private final LocalCloud local;

  private Session(Settings g, EventSink events, PrintStream notices) {
    Settings env = g;
    this.clock = env.clock();
    ServiceSpec loaded = new SpecLoader(env::get).load(g.file());
    String region = region(g, loaded, env);
    this.spec = loaded.withRegion(region);
    if (g.local()) {
      this.local = LocalMode.start(g.specDir(), spec, env);
      notices.println(
          "berth: using localcloud, a simulated AWS and Cloudflare at "
              + local.endpoint()
              + " (world kept in .berth/localcloud/); nothing is created in a real account.");
      this.aws = LocalClients.aws(region, local.endpoint(), "localcloud");
      this.cloudflare =
          Optional.of(new CloudflareClient(local.cloudflareBase(), LocalMode.TOKEN, clock));
    } else {
      this.local = null;
      this.aws =
          env.get("AWS_ACCESS_KEY_ID") != null && g.profile() == null
              ? new AwsClients(Region.of(region), credentials(env), endpoint(g, env))
              : AwsClients.forProfile(Region.of(region), g.profile(), endpoint(g, env));
      String token = env.get("CLOUDFLARE_API_TOKEN");
      this.cloudflare =
          token == null || token.isBlank()
              ? Optional.empty()
              : Optional.of(CloudflareClient.fromEnvironment(env.env(), clock));
    }
    this.store = store(g, spec);
    this.providers = Providers.of(aws, cloudflare);
    this.stack = new WebServiceStack(spec, providers, store, clock, events);
    if (g.local()) {
      stack.engineOptions(LocalMode.engineOptions(env));
    }
  }

  public static Session open(Settings settings, EventSink events, PrintStream notices) {
    return new Session(settings, events, notices);
  }

  /** --endpoint-url, else AWS_ENDPOINT_URL from the given environment (else the SDK decides). */
  private static URI endpoint(Settings g, Settings env) {
    if (g.endpointUrl() != null) {
      return g.endpointUrl();
    }
    String e = env.get("AWS_ENDPOINT_URL");
    return e == null || e.isBlank() ? null : URI.create(e.trim());
  }

  private static AwsCredentialsProvider credentials(Settings env) {
    String session = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        session == null
            ? AwsBasicCredentials.create(
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))
            : AwsSessionCredentials.create(
                env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"), session));
  }

  /**
   * --region, the spec, AWS_REGION / AWS_DEFAULT_REGION of the given environment, then the SDK's
   * chain (profile files). The environment is read here, not by the SDK, so that the CLI honours
   * the environment it was given rather than the process's.
   */
  private static String region(Settings g, ServiceSpec spec, Settings env) {
    if (g.region() != null) {
      return g.region();
    }
    if (spec.region() != null) {
      return spec.region();
    }
    if (g.local()) {
      return LocalMode.REGION;
    }
    for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String r = env.get(name);
      if (r != null && !r.isBlank()) {
        return r.trim();
      }
    }
    try {
      return DefaultAwsRegionProviderChain.builder()
          .profileName(g.profile())
          .build()
          .getRegion()
          .id();
    } catch (SdkClientException e) {
      throw new RegionMissingException();
    }
  }

  private static StateStore store(Settings g, ServiceSpec spec) {
    if (g.state() == null) {
      return FileStateStore.besideSpec(g.file().toAbsolutePath(), spec.name());
    }
    if (g.state().startsWith("s3://")) {
      throw new StateLocationUnsupportedException(g.state());
    }
    return new FileStateStore(Path.of(g.state()), spec.name());
  }

  @Override
  public void close() {
    aws.close();
    if (local != null) {
      local.close();
    }
  }
}
