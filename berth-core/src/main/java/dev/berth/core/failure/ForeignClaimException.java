package dev.berth.core.failure;

import java.util.List;
import java.util.Map;

/**
 * Names this stack needs are held by resources another state owns, or that berth did not make.
 * Raised before the first change: berth never adopts, changes or deletes what is not its own.
 */
public final class ForeignClaimException extends BerthException {
  /**
   * One held name: the logical id that needs it, the holder, the holder's tags, and who they say
   * owns it (for example {@code berth stack hello (state lineage …, created … by …)}).
   */
  public record Claim(String logicalId, String what, Map<String, String> ownerTags, String owner) {}

  private final List<Claim> claims;

  public ForeignClaimException(String stack, List<Claim> claims, String hint) {
    super(message(stack, claims), hint, FailureKind.BAD_INPUT, null);
    this.claims = List.copyOf(claims);
  }

  public List<Claim> claims() {
    return claims;
  }

  private static String message(String stack, List<Claim> claims) {
    StringBuilder b =
        new StringBuilder("stack ")
            .append(stack)
            .append(" cannot take ")
            .append(claims.size() == 1 ? "a name" : claims.size() + " names")
            .append(" that another owner holds; nothing was changed:");
    for (Claim c : claims) {
      b.append("\n  ").append(c.what()).append(" (for ").append(c.logicalId()).append("): ");
      b.append(c.owner());
    }
    return b.toString();
  }
}
