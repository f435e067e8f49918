package dev.berth.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input is reported before the first mutating call: every case exits 2, names the problem, and
 * leaves localcloud's call log without a single mutating call. The corpus is the spec validator's
 * invalid specs (each deployed through the CLI) plus problems only the cloud can reveal
 * (credentials, region, DNS token and zone, an existing network) and usage errors.
 */
class BadInputIT {
  private static final Path INVALID_SPECS =
      Path.of("..", "berth-core", "src", "test", "resources", "specs", "invalid");
  private static final List<String> CASES = new ArrayList<>();

  @RegisterExtension final CliHarness h = new CliHarness("hello");

  /** One case: how to set it up, the command, and a word the message must contain. */
  record Case(String name, Consumer<CliHarness> setup, String[] args, String mentions) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(INVALID_SPECS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        String yaml = Files.readString(f);
        String field = yaml.lines().findFirst().orElse("").replaceFirst("^# expect: *", "").trim();
        out.add(
            Arguments.of(
                new Case(
                    "spec " + f.getFileName(),
                    h -> write(h, yaml),
                    new String[] {"deploy"},
                    field)));
      }
    }
    out.addAll(
        List.of(
            cli(
                "no AWS credentials",
                h -> {
                  h.env("AWS_ACCESS_KEY_ID", null);
                  h.env("AWS_SECRET_ACCESS_KEY", null);
                },
                new String[] {"deploy", "--profile", "berth-test-no-such-profile"},
                "credentials"),
            cli(
                "AWS refuses the credentials",
                h -> h.cloud().faults().add(rule("GetCallerIdentity", "InvalidClientTokenId", 403)),
                new String[] {"deploy"},
                "credentials"),
            cli(
                "expired AWS credentials",
                h -> h.cloud().faults().add(rule("GetCallerIdentity", "ExpiredToken", 400)),
                new String[] {"deploy"},
                "ExpiredToken"),
            cli(
                "wrong Cloudflare token",
                h -> h.env("CLOUDFLARE_API_TOKEN", "not-the-token"),
                new String[] {"deploy"},
                "CLOUDFLARE_API_TOKEN"),
            cli(
                "no Cloudflare token",
                h -> h.env("CLOUDFLARE_API_TOKEN", null),
                new String[] {"deploy"},
                "CLOUDFLARE_API_TOKEN"),
            cli(
                "hostname in no Cloudflare zone",
                h ->
                    h.replaceInSpec(
                        "  hostname: hello.example.com", "  hostname: hello.example.net"),
                new String[] {"deploy"},
                "example.net"),
            cli(
                "explicit Cloudflare zone that does not exist",
                h ->
                    h.replaceInSpec(
                        "dns: cloudflare", "dns: cloudflare\n  zone: hello.example.com"),
                new String[] {"deploy"},
                "zone"),
            cli(
                "hostname in no Route 53 zone",
                h -> h.replaceInSpec("dns: cloudflare", "dns: route53"),
                new String[] {"deploy"},
                "Route 53"),
            cli(
                "unsupported region",
                h -> {},
                new String[] {"deploy", "--region", "mars-north-1"},
                "mars-north-1"),
            cli(
                "existing VPC that does not exist",
                h ->
                    h.editSpec(
                        s ->
                            s
                                + "network:\n  vpc: vpc-0123456789abcdef0\n  subnets: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]\n"),
                new String[] {"deploy"},
                "vpc-0123456789abcdef0"),
            cli(
                "missing environment variable",
                h ->
                    h.replaceInSpec(
                        "image: public.ecr.aws/nginx/nginx:1.27",
                        "image: ${env:BERTH_TEST_UNSET_IMAGE}"),
                new String[] {"deploy"},
                "BERTH_TEST_UNSET_IMAGE"),
            cli(
                "S3 state",
                h -> {},
                new String[] {"deploy", "--state", "s3://bucket/berth"},
                "--state"),
            cli("unknown option", h -> {}, new String[] {"deploy", "--frobnicate"}, "--frobnicate"),
            cli(
                "unknown output format",
                h -> {},
                new String[] {"deploy", "--output", "yaml"},
                "yaml"),
            cli("bad --since", h -> {}, new String[] {"logs", "--since", "10x"}, "--since"),
            cli("missing spec file", h -> deleteSpec(h), new String[] {"deploy"}, "berth init"),
            cli(
                "plan with an invalid spec",
                h -> h.replaceInSpec("instances: 2", "instances: many"),
                new String[] {"plan"},
                "instances"),
            cli("destroy without a terminal", h -> {}, new String[] {"destroy"}, "--yes")));
    return out.stream();
  }

  private static Arguments cli(
      String name, Consumer<CliHarness> setup, String[] args, String mentions) {
    return Arguments.of(new Case(name, setup, args, mentions));
  }

  private static dev.berth.localcloud.core.Faults.Rule rule(
      String action, String code, int status) {
    dev.berth.localcloud.core.Faults.Rule r = new dev.berth.localcloud.core.Faults.Rule();
    r.action = action;
    r.error = code;
    r.status = status;
    r.count = -1;
    r.message = "The security token included in the request is invalid.";
    return r;
  }

  private static void write(CliHarness h, String yaml) {
    try {
      Files.writeString(h.spec(), yaml);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deleteSpec(CliHarness h) {
    try {
      Files.delete(h.spec());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInput_exits2_namesTheProblem_andChangesNothing(Case c) {
    c.setup().accept(h);
    int mark = h.mark();
    String[] args = c.args();
    CliHarness.Run r = h.berth(args);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.all().contains(c.mentions()),
        () -> "the message should mention " + c.mentions() + ":\n" + r);
    assertEquals(List.of(), h.mutatingCallsSince(mark), r::toString);
    CASES.add(c.name());
  }

  @AfterAll
  static void report() {
    System.out.println(
        "bad input corpus: " + CASES.size() + " cases, each exit 2 with no mutating call");
  }
}
