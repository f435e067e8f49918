package dev.berth.core.resource;

/**
 * What a refresh learned of one recorded resource: what {@code read} returned ({@code observed},
 * null if the resource is gone), or why it could not be read ({@code error}, else null).
 */
public record Observation(Observed observed, String error) {
  public boolean gone() {
    return observed == null && error == null;
  }
}
