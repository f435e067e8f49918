package dev.berth.core.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ServiceSpec} against what berth and AWS accept, and reports every problem at
 * once, each with the field, what is wrong and how to fix it.
 */
public final class SpecValidator {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
  private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern SUBNET_ID = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final List<Integer> LOG_RETENTION_DAYS =
      List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /**
   * Enough for a real service yet low enough to catch a typo (1000 for 10) before it starts
   * hundreds of tasks against the account's default Fargate vCPU quota. 0 keeps the stack and stops
   * every task.
   */
  static final int MAX_INSTANCES = 100;

  /** Every problem in {@code spec}; empty if it can be deployed as it is. */
  public List<SpecProblem> validate(ServiceSpec spec) {
    Problems problems = new Problems();
    name(spec.name(), problems);
    if (spec.region() != null && !REGION.matcher(spec.region()).matches()) {
      problems.add(
          "region",
          "\"" + spec.region() + "\" is not an AWS region code",
          "use a region code like us-east-1 or eu-west-2");
    }
    image(spec.image(), problems);
    range(problems, "port", spec.port(), 1, 65535, "the port your container listens on");
    size(spec.cpu(), spec.memory(), problems);
    range(problems, "instances", spec.instances(), 0, MAX_INSTANCES, "how many tasks to run");
    VariableRules.check(spec.env(), spec.secrets(), problems);
    arguments("command", spec.command(), problems);
    arguments("entrypoint", spec.entrypoint(), problems);
    TaskDefinitionSize.check(spec, problems);
    healthCheck(spec.healthCheck(), problems);
    range(
        problems,
        "deregistrationDelay",
        spec.deregistrationDelay(),
        0,
        3600,
        "seconds the load balancer lets requests drain from a stopping task");
    if (!LOG_RETENTION_DAYS.contains(spec.logRetentionDays())) {
      problems.add(
          "logRetentionDays",
          spec.logRetentionDays() + " is not a retention period CloudWatch Logs offers",
          "use one of " + LOG_RETENTION_DAYS.toString().replaceAll("[\\[\\]]", ""));
    }
    DomainRules.check(spec.domain(), problems);
    network(spec.network(), problems);
    TagRules.check(spec.tags(), problems);
    return problems.list();
  }

  private static void name(String name, Problems problems) {
    if (name == null || name.isBlank()) {
      problems.add("name", "a service name is required", "add a line like name: my-app");
      return;
    }
    ServiceNames.problem(name)
        .ifPresent(
            why ->
                problems.add(
                    "name",
                    why,
                    "use lower-case letters, digits and hyphens, starting with a letter, e.g. "
                        + ServiceNames.suggest(name)));
  }

  private static void image(ImageSpec image, Problems problems) {
    String field = image != null && image.credentials() != null ? "image.name" : "image";
    if (image == null || image.name() == null || image.name().isBlank()) {
      problems.add(field, "an image is required", "add a line like image: nginx:1.27");
      return;
    }
    ImageReferences.problem(image.name())
        .ifPresent(
            why ->
                problems.add(
                    field,
                    "\"" + image.name() + "\" is not a valid image reference: " + why,
                    "write registry/repository:tag or registry/repository@sha256:digest,"
                        + " e.g. public.ecr.aws/nginx/nginx:1.27"));
    RegistryCredentials c = image.credentials();
    if (c != null) {
      String fix = "give both username and password, e.g. from ${env:REGISTRY_PASSWORD}";
      if (c.username() == null || c.username().isEmpty()) {
        problems.add("image.credentials.username", "the registry username is missing", fix);
      }
      if (c.password() == null || c.password().isEmpty()) {
        problems.add("image.credentials.password", "the registry password is missing", fix);
      }
    }
  }

  private static void arguments(String field, List<String> args, Problems problems) {
    for (int i = 0; i < args.size(); i++) {
      ControlCharacters.check(field + "[" + i + "]", args.get(i), false, problems);
    }
  }

  private static void size(int cpu, int memory, Problems problems) {
    if (!FargateSizes.cpus().contains(cpu)) {
      problems.add(
          "cpu",
          cpu + " is not a CPU size Fargate offers",
          "use one of " + FargateSizes.cpuList() + " (1024 is one vCPU)");
    } else if (!FargateSizes.isValid(cpu, memory)) {
      problems.add(
          "memory",
          "%d MiB is not available with cpu %d".formatted(memory, cpu),
          "with cpu %d use one of %s (MiB)"
              .formatted(cpu, FargateSizes.join(FargateSizes.memoriesFor(cpu))));
    }
  }

  private static void healthCheck(HealthCheckSpec h, Problems problems) {
    String path = h.path();
    if (!path.startsWith("/") || path.length() > 1024 || path.chars().anyMatch(c -> c <= ' ')) {
      problems.add(
          "healthCheck.path",
          "\"" + path + "\" is not a URL path",
          "start it with '/' and leave out spaces, e.g. /healthz");
    }
    // The interval must exceed the load balancer's health check timeout, 6 s by default for HTTP.
    range(problems, "healthCheck.intervalSeconds", h.intervalSeconds(), 7, 300, "seconds");
    range(problems, "healthCheck.healthyThreshold", h.healthyThreshold(), 2, 10, "checks");
    range(problems, "healthCheck.gracePeriodSeconds", h.gracePeriodSeconds(), 0, 7200, "seconds");
  }

  private static void network(NetworkSpec network, Problems problems) {
    if (network == null) {
      return;
    }
    if (network.vpc() == null || !VPC_ID.matcher(network.vpc()).matches()) {
      problems.add(
          "network.vpc",
          network.vpc() == null
              ? "the VPC id is missing"
              : "\"" + network.vpc() + "\" is not a VPC id",
          "give the id of an existing VPC, e.g. vpc-0a1b2c3d4e5f67890, or remove network:");
    }
    List<String> subnets = network.subnets();
    if (subnets.size() < 2) {
      problems.add(
          "network.subnets",
          "a load balancer needs subnets in at least two Availability Zones",
          "list two or more public subnets of the VPC in different Availability Zones");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < subnets.size(); i++) {
      String s = subnets.get(i);
      String field = "network.subnets[" + i + "]";
      if (!SUBNET_ID.matcher(s).matches()) {
        problems.add(field, "\"" + s + "\" is not a subnet id", "use ids like subnet-0a1b2c3d");
      } else if (!seen.add(s)) {
        problems.add(field, s + " is listed twice", "list each subnet once");
      }
    }
  }

  private static void range(
      Problems problems, String field, int value, int min, int max, String what) {
    if (value < min || value > max) {
      problems.add(
          field,
          "%d is out of range".formatted(value),
          "use a value from %d to %d (%s)".formatted(min, max, what));
    }
  }
}
