package dev.berth.core.resource;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run may do beyond what the desired graph says: the same for every resource of the run, and
 * never part of any resource's properties (so changing one never plans a change).
 *
 * @param adoptDns the DNS names (without a trailing dot, any case) at which a record berth did not
 *     make, standing where one of the stack's must go, is taken over (it is then the stack's); one
 *     another berth state marks never is. {@link #ANY} adopts at every name. A web service adopts
 *     only at its hostname: the certificate's validation record is never taken over, since it may
 *     serve another certificate's renewal.
 * @param noRollback a failed apply keeps what this run created, to inspect it or to resume
 * @param refresh every recorded resource is read before planning, so what was changed or deleted
 *     behind berth's back is put back
 */
public record RunOptions(Set<String> adoptDns, boolean noRollback, boolean refresh) {
  /** In {@link #adoptDns}: adopt at every name. */
  public static final String ANY = "*";

  /** Adopt nothing, roll back on failure, refresh before planning. */
  public static final RunOptions DEFAULT = new RunOptions(Set.of(), false, true);

  public RunOptions {
    adoptDns = adoptDns.stream().map(RunOptions::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /** Adopt at every name ({@code true}) or at none. */
  public RunOptions withAdoptDns(boolean adopt) {
    return new RunOptions(adopt ? Set.of(ANY) : Set.of(), noRollback, refresh);
  }

  /** Whether a record berth did not make may be taken over at {@code name}. */
  public boolean adoptsDns(String name) {
    return adoptDns.contains(ANY) || name != null && adoptDns.contains(normalize(name));
  }

  private static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
