package dev.berth.aws.matrix;

import java.nio.file.Files;
import java.nio.file.Path;

/** The two example specs of the repository, and the DNS zone each needs. */
enum Example {
  HELLO("hello", "example.com", false),
  PRIVATE_REGISTRY("private-registry", "example.org", true);

  final String folder;
  final String zone;
  final boolean route53;

  Example(String folder, String zone, boolean route53) {
    this.folder = folder;
    this.zone = zone;
    this.route53 = route53;
  }

  /** The spec file; tests run in the module folder, the examples live one level up. */
  Path spec() {
    for (Path base : new Path[] {Path.of("examples"), Path.of("..", "examples")}) {
      Path p = base.resolve(folder).resolve("berth.yaml");
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("examples/" + folder + "/berth.yaml not found");
  }
}
