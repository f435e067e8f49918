package dev.berth.core.spec;

import java.util.Optional;

/**
 * The container image: a reference such as {@code public.ecr.aws/nginx/nginx:1.27}, with
 * credentials when the registry is private. In YAML either a plain string or {@code {name,
 * credentials: {username, password}}}.
 */
public record ImageSpec(String name, RegistryCredentials credentials) {
  public static ImageSpec of(String name) {
    return new ImageSpec(name, null);
  }

  /** The registry credentials, if the image is private. */
  public Optional<RegistryCredentials> registryCredentials() {
    return Optional.ofNullable(credentials);
  }
}
