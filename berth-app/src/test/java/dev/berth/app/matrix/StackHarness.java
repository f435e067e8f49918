package dev.berth.app.matrix;

import static org.junit.jupiter.api.Assertions.fail;

import dev.berth.app.provider.Providers;
import dev.berth.app.stack.WebServiceStack;
import dev.berth.aws.AwsClients;
import dev.berth.cloudflare.CloudflareClient;
import dev.berth.cloudflare.CrashableCloudflare;
import dev.berth.core.engine.ApplyResult;
import dev.berth.core.engine.DestroyResult;
import dev.berth.core.engine.EngineEvent;
import dev.berth.core.engine.Failure;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.plan.Action;
import dev.berth.core.plan.Change;
import dev.berth.core.plan.Plan;
import dev.berth.core.plan.Planner;
import dev.berth.core.resource.Observed;
import dev.berth.core.spec.ServiceSpec;
import dev.berth.core.spec.SpecLoader;
import dev.berth.core.state.FileStateStore;
import dev.berth.core.state.State;
import dev.berth.core.state.StateStore;
import dev.berth.core.time.VirtualClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.World;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * One example stack against its own localcloud in virtual time: the cloud and its DNS zone, AWS and
 * Cloudflare clients pointed at it, a file state store in a temporary folder, the spec loaded with
 * a fake environment, and everything berth said (events, failures, exceptions) captured so that
 * tests can check no secret ever appears in it.
 */
final class StackHarness implements AutoCloseable {
  static final String REGISTRY_USERNAME = "matrix-bot";
  static final String REGISTRY_PASSWORD = "m4trix\"Pa55\\w0rd-7f3c9b";
  static final String CLOUDFLARE_TOKEN = "cf-matrix-token-5e1d2a9b0c";
  private static final Map<String, String> ENV =
      Map.of("REGISTRY_USERNAME", REGISTRY_USERNAME, "REGISTRY_PASSWORD", REGISTRY_PASSWORD);

  final Example example;
  final VirtualClock clock = new VirtualClock();
  final LocalCloud cloud;
  ServiceSpec spec;
  final Path dir;
  final FileStateStore files;
  final Set<String> baseline;
  private final List<String> said = Collections.synchronizedList(new ArrayList<>());
  private final List<AutoCloseable> open = new ArrayList<>();
  private final AtomicLong retries = new AtomicLong();
  private final SdkRetryCounter sdkRetries = new SdkRetryCounter();
  private AwsClients aws;
  private CloudflareClient cloudflare;
  private StateStore store;

  /** The access key of the next clients: the calls log tells runs apart by it. */
  String accessKey = "AKIDMATRIX";

  private StackHarness(Example example, Profile profile) {
    this.example = example;
    this.cloud = LocalCloud.builder().clock(clock).profile(profile).start();
    if (example.route53) {
      cloud.route53Zone(example.zone);
    } else {
      cloud.cloudflareZone(example.zone, CLOUDFLARE_TOKEN);
    }
    this.baseline = Inventory.keys(cloud.world());
    this.spec = spec(example);
    try {
      this.dir = Files.createTempDirectory("berth-matrix-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.files = new FileStateStore(dir, spec.name());
    clients(CrashSwitch.never());
  }

  /** The example's spec, loaded with the fake environment, its region set. */
  static ServiceSpec spec(Example example) {
    return withRegion(new SpecLoader(ENV::get).load(example.spec()));
  }

  private static ServiceSpec withRegion(ServiceSpec loaded) {
    return loaded.regionName().isPresent() ? loaded : loaded.withRegion("us-east-1");
  }

  /** From now on, the example's spec with {@code from} replaced by {@code to} in its text. */
  void editSpec(String from, String to) {
    try {
      String yaml = Files.readString(example.spec());
      if (!yaml.contains(from)) {
        throw new IllegalArgumentException(example.spec() + " does not contain " + from);
      }
      spec =
          withRegion(
              new SpecLoader(ENV::get).parse(example.spec().toString(), yaml.replace(from, to)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * On the instant profile, or with {@code -Dmatrix.profile=aws} on AWS's own timings (in virtual
   * time: slower only by the extra polling).
   */
  static StackHarness start(Example example) {
    boolean aws = "aws".equals(System.getProperty("matrix.profile"));
    return start(example, aws ? Profile.aws(1.0) : Profile.instant());
  }

  static StackHarness start(Example example, Profile profile) {
    return new StackHarness(example, profile);
  }

  /**
   * New clients and state store, as a new process would have; with a switch that can fire, every
   * call and state write goes through it.
   */
  void clients(CrashSwitch crash, ExecutionInterceptor... more) {
    List<ExecutionInterceptor> interceptors = new ArrayList<>(List.of(more));
    interceptors.add(new CrashInterceptor(crash));
    interceptors.add(sdkRetries);
    aws =
        new AwsClients(
            Region.of(spec.region()),
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "matrix")),
            cloud.endpoint(),
            interceptors,
            noBackoff());
    open.add(aws);
    cloudflare =
        CrashableCloudflare.client(
            cloud.cloudflareBase(), CLOUDFLARE_TOKEN, clock, crash::checkAlive, crash::completed);
    store = new CrashableStore(files, crash);
  }

  /** The SDK's standard retries, without the backoff that would sleep in real time. */
  static RetryStrategy noBackoff() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .backoffStrategy(BackoffStrategy.retryImmediately())
        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
        .build();
  }

  WebServiceStack stack() {
    return new WebServiceStack(spec, aws, Optional.of(cloudflare), store, clock, this::event);
  }

  AwsClients aws() {
    return aws;
  }

  World world() {
    return cloud.world();
  }

  // ---- runs that capture what berth says

  WebServiceStack.DeployReport deploy() {
    return deploy(WebServiceStack.Options.DEFAULT);
  }

  WebServiceStack.DeployReport deploy(WebServiceStack.Options options) {
    try {
      WebServiceStack.DeployReport r = stack().deploy(options);
      heard(r.result());
      return r;
    } catch (RuntimeException | Error e) {
      heard(e);
      throw e;
    }
  }

  DestroyResult destroy() {
    try {
      DestroyResult r = stack().destroy();
      r.failures().forEach(this::heard);
      return r;
    } catch (RuntimeException | Error e) {
      heard(e);
      throw e;
    }
  }

  void heard(ApplyResult r) {
    r.failures().forEach(this::heard);
  }

  void heard(Failure f) {
    said.add(f.toString());
  }

  void heard(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    said.add(w.toString());
  }

  private void event(EngineEvent e) {
    said.add(e.toString());
    if (e instanceof EngineEvent.Retrying) {
      retries.incrementAndGet();
    }
  }

  /** How many times the AWS SDK sent a call again, over every run of this harness. */
  long sdkRetries() {
    return sdkRetries.retries();
  }

  /** How many times the engine retried a call, over every run of this harness. */
  long retries() {
    return retries.get();
  }

  // ---- what the cloud and the state hold

  List<Inventory.Item> live() {
    return Inventory.live(cloud.world(), baseline);
  }

  /**
   * What a deploy would still change if it compared the desired stack with what the cloud reports
   * of each recorded resource: empty when the stack is exactly as desired.
   */
  List<String> drift() {
    WebServiceStack stack = stack();
    WebServiceStack.PlanReport p = stack.plan(WebServiceStack.Options.DEFAULT);
    Map<String, Observed> observed = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    stack
        .status()
        .resources()
        .forEach(
            (id, o) -> {
              if (o.error() != null) {
                out.add(id + ": cannot read: " + o.error());
              } else if (o.observed() != null) {
                observed.put(id, o.observed());
              }
            });
    Map<String, ResourceType> types =
        Providers.types(Providers.of(aws, Optional.of(cloudflare)).handlers(true));
    Plan refreshed =
        Planner.plan(
            p.graph(), p.state(), types, observed.isEmpty() ? Map.of("", placeholder()) : observed);
    for (Change c : refreshed.changes()) {
      if (c.action() != Action.KEEP) {
        out.add(c.id() + " " + c.action() + " (" + c.reason() + ") " + c.changes());
      }
    }
    return out;
  }

  private static Observed placeholder() {
    return Observed.of("", Map.of());
  }

  List<World.Call> calls() {
    return cloud.world().calls();
  }

  Optional<State> state() {
    return files.load();
  }

  String stateJson() {
    try {
      return Files.exists(files.stateFile()) ? Files.readString(files.stateFile()) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails if the registry password, its username's pair or the Cloudflare token was ever said. */
  void assertNoSecrets() {
    List<String> texts;
    synchronized (said) {
      texts = new ArrayList<>(said);
    }
    texts.add(stateJson());
    for (String secret : List.of(REGISTRY_PASSWORD, CLOUDFLARE_TOKEN, "Pa55")) {
      for (String t : texts) {
        if (t.contains(secret)) {
          fail("a secret appeared in berth's output or state: " + t.replace(secret, "<SECRET>"));
        }
      }
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
    cloud.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder
    }
  }
}
