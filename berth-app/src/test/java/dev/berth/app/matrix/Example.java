package dev.berth.app.matrix;

import java.nio.file.Files;
import java.nio.file.Path;

/** The two example specs of the repository, and the DNS zone each needs. */
enum Example {
  HELLO("hello", "example.com", false, "nginx:1.27", "nginx:1.28"),
  PRIVATE_REGISTRY("private-registry", "example.org", true, "app:1.4.2", "app:1.4.3");

  final String folder;
  final String zone;
  final boolean route53;

  /** The image tag in the spec, and the next one, for updates. */
  final String image;

  final String nextImage;

  Example(String folder, String zone, boolean route53, String image, String nextImage) {
    this.folder = folder;
    this.zone = zone;
    this.route53 = route53;
    this.image = image;
    this.nextImage = nextImage;
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
