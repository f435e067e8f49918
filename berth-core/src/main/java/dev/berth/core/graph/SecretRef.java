package dev.berth.core.graph;

/**
 * A property value that is a secret. Only its key and a salted fingerprint are ever stored or
 * printed; handlers obtain the value through {@code ResourceContext.secret(key)}. The fingerprint
 * lets the planner see that a secret changed without knowing it.
 */
public record SecretRef(String key, String fingerprint) {
  @Override
  public String toString() {
    return "(secret " + key + ")";
  }
}
