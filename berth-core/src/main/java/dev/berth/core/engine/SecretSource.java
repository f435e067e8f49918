package dev.berth.core.engine;

/** Gives the values of secrets named by {@code SecretRef} keys. */
@FunctionalInterface
public interface SecretSource {

  /** The value of {@code key}, or null if there is none. */
  String secret(String key);

  static SecretSource none() {
    return key -> null;
  }
}
