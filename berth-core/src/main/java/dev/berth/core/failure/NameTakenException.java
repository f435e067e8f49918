package dev.berth.core.failure;

import java.util.Map;

/**
 * A create found the name it needs held by a resource that is not this stack's: berth did not
 * change it. The facts say what holds it and whose it is.
 */
public final class NameTakenException extends BerthException {
  private final String what;
  private final Map<String, String> owner;

  /**
   * @param what the holder, for example {@code IAM role hello-task}
   * @param owner its tags (berth's among them if berth made it)
   * @param ownerDescription who they say owns it, for the message
   */
  public NameTakenException(String what, Map<String, String> owner, String ownerDescription) {
    super(
        what + " already exists and belongs to " + ownerDescription + "; berth did not change it",
        owner.get("berth:stack") == null
            ? "Delete or rename it, or deploy this stack under another name."
            : "Deploy from the state that owns it, or deploy this stack under another name.",
        FailureKind.CLOUD,
        null);
    this.what = what;
    this.owner = Map.copyOf(owner);
  }

  /** What holds the name. */
  public String what() {
    return what;
  }

  /** Its tags; a {@code berth:stack} among them means another berth state made it. */
  public Map<String, String> owner() {
    return owner;
  }

  /** Whether berth (another stack or state) made what holds the name. */
  public boolean berths() {
    return owner.containsKey("berth:stack");
  }
}
