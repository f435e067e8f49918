package dev.berth.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.aws.AwsClients;
import dev.berth.cli.CliEnvironment;
import dev.berth.cli.Main;
import dev.berth.core.time.VirtualClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs the real command line against an in-process localcloud in virtual time. Each test gets a
 * fresh cloud on a {@link VirtualClock} (the CLI's engine registers its workers with it, so minutes
 * of AWS behaviour pass in milliseconds), the Cloudflare zone {@code example.com} and the Route 53
 * zone {@code example.org}, and a copy of an example spec in a temporary folder.
 *
 * <p>Every command's output and every state file is kept under {@code target/it-output/<test>/},
 * and after each test scanned for the registry password, the Cloudflare token and the AWS secret
 * key ({@link SecretScan}).
 *
 * <p>{@code -Dberth.it.profile=instant} runs every test on localcloud's instant profile instead of
 * real AWS durations.
 */
public final class CliHarness implements BeforeEachCallback, AfterEachCallback {
  public static final String ACCESS_KEY = "AKIAE2ETESTHARNESS01";
  public static final String SECRET_KEY = "e2e-aws-secret-Kd83Jf02Lq";
  public static final String CF_TOKEN = "cf-e2e-token-Hv3Rr8Lm2QxT";
  public static final String REGISTRY_USERNAME = "acme-bot";

  /** Quotes, a backslash, a brace and non-ASCII: everything string-formatted JSON gets wrong. */
  public static final String REGISTRY_PASSWORD = "pa\"ss'w\\o{rd}-ünï✓-Zq7pW9kXc";

  public static final String CLOUDFLARE_ZONE = "example.com";
  public static final String ROUTE53_ZONE = "example.org";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One command's result. */
  public record Run(List<String> args, int exitCode, String out, String err) {
    public String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "berth "
          + String.join(" ", args)
          + " -> exit "
          + exitCode
          + "\n--- stdout\n"
          + out
          + "--- stderr\n"
          + err;
    }
  }

  private final String example;
  private final Profile profile;
  private SecretScan scan = new SecretScan(REGISTRY_PASSWORD, CF_TOKEN, SECRET_KEY);
  private final List<Run> runs = new ArrayList<>();
  private final List<String> stateSnapshots = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private VirtualClock clock;
  private LocalCloud cloud;
  private AwsClients aws;
  private Path dir;
  private Path spec;
  private Path outputDir;
  private Map<String, String> env;

  /**
   * @param example the folder under {@code examples/} whose {@code berth.yaml} each test starts
   *     from
   */
  public CliHarness(String example) {
    this(example, defaultProfile());
  }

  public CliHarness(String example, Profile profile) {
    this.example = example;
    this.profile = profile;
  }

  private static Profile defaultProfile() {
    return "instant".equals(System.getProperty("berth.it.profile"))
        ? Profile.instant()
        : Profile.aws(1.0);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    scan = new SecretScan(REGISTRY_PASSWORD, CF_TOKEN, SECRET_KEY);
    runs.clear();
    stateSnapshots.clear();
    clock = new VirtualClock();
    cloud = LocalCloud.builder().clock(clock).profile(profile).start();
    cloud.cloudflareZone(CLOUDFLARE_ZONE, CF_TOKEN);
    cloud.route53Zone(ROUTE53_ZONE);
    dir = Files.createTempDirectory("berth-it-");
    spec = dir.resolve("berth.yaml");
    Files.copy(examples().resolve(example).resolve("berth.yaml"), spec);
    outputDir =
        Path.of("target", "it-output", context.getRequiredTestClass().getSimpleName())
            .resolve(context.getRequiredTestMethod().getName());
    deleteTree(outputDir);
    Files.createDirectories(outputDir);
    Map<String, String> e = new LinkedHashMap<>();
    e.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    e.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    e.put("AWS_REGION", "us-east-1");
    e.put("AWS_ENDPOINT_URL", cloud.endpoint().toString());
    e.put("CLOUDFLARE_API_TOKEN", CF_TOKEN);
    e.put("CLOUDFLARE_API_BASE_URL", cloud.cloudflareBase().toString());
    e.put("REGISTRY_USERNAME", REGISTRY_USERNAME);
    e.put("REGISTRY_PASSWORD", REGISTRY_PASSWORD);
    env = e;
    aws =
        new AwsClients(
            Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
            cloud.endpoint());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      for (Run r : runs) {
        scan.assertClean("the output of berth " + String.join(" ", r.args()), r.all());
      }
      for (String s : stateSnapshots) {
        scan.assertClean("a state file written during the test", s);
      }
      scan.assertCleanTree(dir);
      scan.assertCleanTree(outputDir);
    } finally {
      aws.close();
      cloud.close();
      deleteTree(dir);
    }
  }

  // ---- running the CLI

  /** Runs {@code berth <args>} as given. */
  public Run exec(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.commandLine(new CliEnvironment(env, clock, o, e, false)).execute(args);
    }
    Run r =
        new Run(
            List.of(args),
            code,
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8));
    runs.add(r);
    keep(r);
    return r;
  }

  /** Runs {@code berth <command...> -f <the test's spec> <more>}: the spec goes after the words. */
  public Run berth(String... args) {
    List<String> a = new ArrayList<>();
    int words = 0;
    while (words < args.length && !args[words].startsWith("-")) {
      a.add(args[words++]);
    }
    a.add("-f");
    a.add(spec.toString());
    for (int i = words; i < args.length; i++) {
      a.add(args[i]);
    }
    return exec(a.toArray(String[]::new));
  }

  public Map<String, String> env() {
    return env;
  }

  /** Sets a secret environment variable, which the scan after the test then looks for too. */
  public void secretEnv(String name, String value) {
    scan = scan.and(value);
    env(name, value);
  }

  /** Changes one environment variable for the following commands (null removes it). */
  public void env(String name, String value) {
    Map<String, String> e = new LinkedHashMap<>(env);
    if (value == null) {
      e.remove(name);
    } else {
      e.put(name, value);
    }
    env = e;
  }

  private void keep(Run r) {
    int n = runs.size();
    String name = String.format("%02d-%s.txt", n, String.join("_", firstWords(r.args())));
    try {
      Files.writeString(outputDir.resolve(name), r.toString(), StandardCharsets.UTF_8);
      Path berthDir = dir.resolve(".berth");
      if (Files.isDirectory(berthDir)) {
        try (Stream<Path> files = Files.list(berthDir)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            String content = Files.readString(f, StandardCharsets.UTF_8);
            stateSnapshots.add(content);
            Files.writeString(
                outputDir.resolve(String.format("%02d-%s", n, f.getFileName())), content);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> firstWords(List<String> args) {
    return args.stream().takeWhile(a -> !a.startsWith("-")).limit(2).toList();
  }

  // ---- the spec

  public Path dir() {
    return dir;
  }

  public Path spec() {
    return spec;
  }

  public String specText() {
    try {
      return Files.readString(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the spec; fails if the edit changes nothing, so a stale edit cannot pass silently. */
  public void editSpec(UnaryOperator<String> edit) {
    String before = specText();
    String after = edit.apply(before);
    if (after.equals(before)) {
      throw new IllegalArgumentException("the spec edit changed nothing");
    }
    try {
      Files.writeString(spec, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces exactly one occurrence of {@code from} in the spec. */
  public void replaceInSpec(String from, String to) {
    editSpec(
        s -> {
          int at = s.indexOf(from);
          if (at < 0 || s.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("not exactly one '" + from + "' in the spec");
          }
          return s.substring(0, at) + to + s.substring(at + from.length());
        });
  }

  // ---- what berth recorded

  public Path stateFile(String stack) {
    return dir.resolve(".berth").resolve(stack + ".state.json");
  }

  /** The state file as JSON (fails if there is none). */
  public JsonNode state(String stack) {
    try {
      return JSON.readTree(Files.readString(stateFile(stack)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- what the cloud holds

  public LocalCloud cloud() {
    return cloud;
  }

  public VirtualClock clock() {
    return clock;
  }

  /** SDK clients on the test's cloud, for checks through the documented APIs. */
  public AwsClients aws() {
    return aws;
  }

  /** Every resource localcloud holds, from {@code GET /_localcloud/inventory}. */
  public List<JsonNode> inventory() {
    List<JsonNode> out = new ArrayList<>();
    control("GET", "/_localcloud/inventory").path("resources").forEach(out::add);
    return out;
  }

  /**
   * Resources tagged {@code berth:stack=<stack>} that still exist: AWS keeps deleted ECS clusters,
   * services and task definitions visible as INACTIVE and stopped tasks as STOPPED for a while;
   * those tombstones are not left-behind resources.
   */
  public List<JsonNode> berthResources(String stack) {
    return inventory().stream()
        .filter(r -> stack.equals(r.path("tags").path("berth:stack").asText(null)))
        .filter(r -> !isTombstone(r))
        .toList();
  }

  static boolean isTombstone(JsonNode r) {
    String state = r.path("state").asText("");
    return state.equals("INACTIVE")
        || state.equals("deleted")
        || "STOPPED".equals(r.path("attributes").path("lastStatus").asText(null));
  }

  /** Cloudflare records of a zone (they carry berth's mark in their comment, not in tags). */
  public List<JsonNode> cloudflareRecords(String name) {
    return inventory().stream()
        .filter(r -> r.path("service").asText().equals("cloudflare"))
        .filter(r -> r.path("type").asText().equals("dns_record"))
        .filter(r -> name == null || r.path("name").asText().equals(name))
        .toList();
  }

  /** Record sets of a Route 53 zone as localcloud holds them. */
  public List<JsonNode> route53Records(String zone) {
    String z = zone.endsWith(".") ? zone : zone + ".";
    List<JsonNode> out = new ArrayList<>();
    inventory().stream()
        .filter(r -> r.path("type").asText().equals("hostedzone"))
        .filter(r -> r.path("name").asText().equals(z))
        .forEach(r -> r.path("attributes").path("records").forEach(out::add));
    return out;
  }

  /** The index of the next call localcloud will record: pass it to {@link #callsSince}. */
  public int mark() {
    return control("GET", "/_localcloud/calls").path("calls").size();
  }

  /** Calls recorded since {@code mark}. */
  public List<JsonNode> callsSince(int mark) {
    JsonNode calls = control("GET", "/_localcloud/calls").path("calls");
    List<JsonNode> out = new ArrayList<>();
    for (int i = mark; i < calls.size(); i++) {
      out.add(calls.get(i));
    }
    return out;
  }

  /** Calls that changed something, since {@code mark}, as {@code service:Action}. */
  public List<String> mutatingCallsSince(int mark) {
    return callsSince(mark).stream()
        .filter(c -> c.path("mutating").asBoolean())
        .map(c -> c.path("service").asText() + ":" + c.path("action").asText())
        .toList();
  }

  /** Creates a DNS record straight through localcloud's Cloudflare API, as a user would. */
  public JsonNode createCloudflareRecord(String name, String type, String content) {
    String zoneId =
        cloudflare("GET", "/zones?name=" + CLOUDFLARE_ZONE, null)
            .path("result")
            .get(0)
            .path("id")
            .asText();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("name", name);
    body.put("content", content);
    body.put("ttl", 300);
    body.put("proxied", false);
    return cloudflare("POST", "/zones/" + zoneId + "/dns_records", body).path("result");
  }

  private JsonNode cloudflare(String method, String path, Object body) {
    try {
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(cloud.cloudflareBase() + path))
              .header("Authorization", "Bearer " + CF_TOKEN)
              .header("Content-Type", "application/json");
      req.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(resp.body());
      if (!json.path("success").asBoolean()) {
        throw new IllegalStateException("Cloudflare " + method + " " + path + ": " + resp.body());
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode control(String method, String path) {
    try {
      HttpResponse<String> resp =
          http.send(
              HttpRequest.newBuilder(URI.create(cloud.endpoint() + path))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IllegalStateException(method + " " + path + ": " + resp.body());
      }
      return JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- files

  /** The repository's {@code examples/} folder, found from the module's working directory. */
  public static Path examples() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("examples").resolve("hello"))) {
        return p.resolve("examples");
      }
      p = p.getParent();
    }
    throw new IllegalStateException("no examples/ folder above " + Path.of("").toAbsolutePath());
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
