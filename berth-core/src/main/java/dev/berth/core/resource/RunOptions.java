package dev.berth.core.resource;

/**
 * What a run may do beyond what the desired graph says: the same for every resource of the run, and
 * never part of any resource's properties (so changing one never plans a change).
 *
 * @param adoptDns a DNS record berth did not make that stands where one of the stack's must go is
 *     taken over (it is then the stack's); one another berth state marks never is
 * @param noRollback a failed apply keeps what this run created, to inspect it or to resume
 * @param refresh every recorded resource is read before planning, so what was changed or deleted
 *     behind berth's back is put back
 */
public record RunOptions(boolean adoptDns, boolean noRollback, boolean refresh) {
  /** Adopt nothing, roll back on failure, refresh before planning. */
  public static final RunOptions DEFAULT = new RunOptions(false, false, true);

  public RunOptions withAdoptDns(boolean adopt) {
    return new RunOptions(adopt, noRollback, refresh);
  }
}
