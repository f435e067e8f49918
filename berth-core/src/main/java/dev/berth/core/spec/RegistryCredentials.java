package dev.berth.core.spec;

/**
 * A username and password for a private container registry. Both usually come from {@code
 * ${env:...}} interpolation and are never printed: {@link #toString()} masks them.
 */
public record RegistryCredentials(String username, String password) {
  static final String MASK = "****";

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + MASK + ", password=" + MASK + "]";
  }
}
