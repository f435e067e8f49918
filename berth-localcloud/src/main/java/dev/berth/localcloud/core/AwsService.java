package dev.berth.localcloud.core;

/** One emulated service. Called under the world's lock. */
public interface AwsService {

  /** The SigV4 signing name this service answers to (ec2, iam, elasticloadbalancing, ...). */
  String signingName();

  Protocol protocol();

  /**
   * The operation a request names. Query and EC2 protocols: the {@code Action} parameter; JSON: the
   * part of {@code X-Amz-Target} after the dot. REST services override this to name the operation
   * from method and path (for example {@code ChangeResourceRecordSets}).
   */
  default String action(Request req) {
    return switch (protocol()) {
      case EC2, QUERY -> req.param("Action");
      case JSON -> {
        String target = req.header("x-amz-target");
        yield target == null ? null : target.substring(target.indexOf('.') + 1);
      }
      default -> req.method() + " " + req.path();
    };
  }

  /** Handles one call; throws {@link AwsException} for errors. */
  Response handle(Request req, World world);

  /**
   * Moves time-driven state forward (tasks starting, load balancers becoming active). Called before
   * every request with the world locked, so every read sees a current world.
   */
  default void tick(World world) {}
}
