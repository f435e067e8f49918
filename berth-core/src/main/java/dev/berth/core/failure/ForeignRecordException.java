package dev.berth.core.failure;

import java.util.Map;

/**
 * A DNS record stands where the stack's must go, or the stack's record is now marked as someone
 * else's, and berth did not change it. The facts say who holds it; the caller words the way forward
 * (for example how to ask for adoption).
 */
public final class ForeignRecordException extends BerthException {
  /** What stands in the way. */
  public enum Situation {
    /** A record berth did not make stands where the stack's would go: adopting takes it over. */
    NOT_MADE_BY_BERTH,
    /** Another berth stack or state holds the name: never adopted. */
    OTHER_STATE,
    /** The stack's recorded record is now marked as another state's. */
    REMARKED_BY_OTHER_STATE,
    /** The stack's recorded record lost its marker: adopting takes it back. */
    MARKER_LOST
  }

  private final String hostname;
  private final String provider;
  private final String zone;
  private final Situation situation;
  private final Map<String, String> owner;

  /**
   * @param provider the DNS service, for example {@code Route 53} or {@code Cloudflare}
   * @param owner the owner tags the record's marker names; empty for a record berth did not make
   */
  public ForeignRecordException(
      String message,
      String hostname,
      String provider,
      String zone,
      Situation situation,
      Map<String, String> owner) {
    this(message, hostname, provider, zone, situation, owner, FailureKind.CLOUD);
  }

  private ForeignRecordException(
      String message,
      String hostname,
      String provider,
      String zone,
      Situation situation,
      Map<String, String> owner,
      FailureKind kind) {
    super(message, hint(situation), kind, null);
    this.hostname = hostname;
    this.provider = provider;
    this.zone = zone;
    this.situation = situation;
    this.owner = Map.copyOf(owner);
  }

  /** The same refusal, found before anything changed: bad input, as every foreign claim is. */
  public ForeignRecordException beforeAnyChange() {
    return new ForeignRecordException(
        getMessage(), hostname, provider, zone, situation, owner, FailureKind.BAD_INPUT);
  }

  public String hostname() {
    return hostname;
  }

  public String provider() {
    return provider;
  }

  /** The zone the record is in, or null if not known. */
  public String zone() {
    return zone;
  }

  public Situation situation() {
    return situation;
  }

  /** The owner tags the record's marker names; empty for a record berth did not make. */
  public Map<String, String> owner() {
    return owner;
  }

  /** Whether adopting DNS records would take it over: only what berth did not make. */
  public boolean adoptable() {
    return situation == Situation.NOT_MADE_BY_BERTH || situation == Situation.MARKER_LOST;
  }

  private static String hint(Situation s) {
    return switch (s) {
      case NOT_MADE_BY_BERTH ->
          "delete it, choose another hostname, or let berth adopt it (it is then the stack's, and"
              + " destroy removes it)";
      case OTHER_STATE ->
          "destroy that stack, or deploy from its state, or choose another hostname; adopting"
              + " takes over only records berth did not make, since the other stack's destroy"
              + " would delete this one";
      case REMARKED_BY_OTHER_STATE ->
          "deploy from the state that owns it, or choose another hostname";
      case MARKER_LOST ->
          "someone changed its marker; delete it, choose another hostname, or let berth adopt it"
              + " to take the record back";
    };
  }
}
