package dev.berth.cli;

import dev.berth.app.Session;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes (a picocli mixin). */
public final class GlobalOptions {

  /** How results are printed. */
  public enum OutputFormat {
    text,
    json
  }

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The service spec (default: ${DEFAULT-VALUE}).",
      defaultValue = "berth.yaml")
  public Path file;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (overrides the spec and the SDK's chain).")
  public String region;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile of ~/.aws/config.")
  public String profile;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Send every AWS call to this endpoint (otherwise AWS_ENDPOINT_URL[_<SERVICE>] or AWS).")
  public URI endpointUrl;

  @Option(
      names = "--state",
      paramLabel = "PATH",
      description =
          "State location: a folder for the file store (default: .berth beside the spec) or s3://bucket/prefix.")
  public String state;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text or json (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  public OutputFormat output;

  @Option(
      names = {"-v", "--verbose"},
      description = "More detail, and stack traces on errors.")
  public boolean verbose;

  @Option(
      names = "--local",
      description =
          "Run against an embedded localcloud (a simulated AWS and Cloudflare) persisted under .berth/localcloud/ beside the spec.")
  public boolean local;

  public boolean json() {
    return output == OutputFormat.json;
  }

  /** The folder that holds the spec; state and localcloud data live under {@code .berth} in it. */
  public Path specDir() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }

  /** What these options ask of the application, in {@code env}. */
  public Session.Settings settings(CliEnvironment env) {
    return new Session.Settings(
        file, region, profile, endpointUrl, state, local, env.env(), env.clock());
  }
}
