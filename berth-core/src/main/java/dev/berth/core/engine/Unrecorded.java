package dev.berth.core.engine;

import dev.berth.core.state.ResourceState;
import dev.berth.core.state.ResourceState.Status;
import dev.berth.core.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A change a run made in the cloud that the state store does not hold, because the store could not
 * be written when it was to be recorded.
 *
 * @param id the state key
 * @param physicalId the cloud's id of the resource, if known
 * @param kind what happened to it
 * @param recordedAs the status the stored state gives it, or null if it does not list it
 */
public record Unrecorded(
    String id, String type, String physicalId, Kind kind, ResourceState.Status recordedAs) {

  /** What the run did that the stored state does not show. */
  public enum Kind {
    /**
     * It exists; the stored state has at most the intent to create it ({@code CREATING}), which the
     * next deploy or destroy heals by finding it by its tags or name.
     */
    CREATED,
    /** Updated in place; the stored state has the update as unfinished, so a deploy repeats it. */
    UPDATED,
    /**
     * Deleted; the stored state still lists it as being deleted, and the next run finds it gone.
     */
    DELETED
  }

  /**
   * What {@code recorded} (the stored state) misses of {@code actual} (the run's own state, which
   * follows every call). Differences that changed nothing in the cloud are not reported: the engine
   * records an intent before each mutating call, so an intent the store never got means the call
   * was not made.
   */
  static List<Unrecorded> between(State actual, State recorded) {
    Map<String, ResourceState> a = actual.resources();
    Map<String, ResourceState> r = recorded.resources();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(r.keySet());
    List<Unrecorded> out = new ArrayList<>();
    for (String k : keys) {
      ResourceState now = a.get(k);
      ResourceState stored = r.get(k);
      Status storedStatus = stored == null ? null : stored.status();
      if (now == null) {
        if (stored != null && stored.status() == Status.DELETING) {
          out.add(
              new Unrecorded(k, stored.type(), stored.physicalId(), Kind.DELETED, storedStatus));
        }
      } else if (now.physicalId() != null
          && (stored == null || !now.physicalId().equals(stored.physicalId()))) {
        out.add(new Unrecorded(k, now.type(), now.physicalId(), Kind.CREATED, storedStatus));
      } else if (stored != null
          && now.status() == Status.CREATED
          && stored.status() == Status.UPDATING) {
        out.add(new Unrecorded(k, now.type(), now.physicalId(), Kind.UPDATED, storedStatus));
      }
    }
    return List.copyOf(out);
  }
}
