package dev.berth.localcloud.services.secrets;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;

/**
 * AWS Secrets Manager over JSON 1.1 ({@code secretsmanager.*}): secrets with versions and staging
 * labels, scheduled and forced deletion with the name held back meanwhile, tags and search. Secret
 * values never leave through the inventory, error messages or logs.
 */
public final class SecretsManagerService implements AwsService {

  @Override
  public String signingName() {
    return "secretsmanager";
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSON;
  }

  @Override
  public Response handle(Request req, World w) {
    String action = req.action() == null ? "" : req.action();
    return switch (action) {
      case "CreateSecret" -> Secrets.create(req, w);
      case "DescribeSecret" -> Secrets.describe(req, w);
      case "GetSecretValue" -> Secrets.getValue(req, w);
      case "PutSecretValue" -> Secrets.putValue(req, w);
      case "UpdateSecret" -> Secrets.update(req, w);
      case "DeleteSecret" -> Secrets.delete(req, w);
      case "RestoreSecret" -> Secrets.restore(req, w);
      case "TagResource" -> Secrets.tag(req, w);
      case "UntagResource" -> Secrets.untag(req, w);
      case "ListSecrets" -> SecretSearch.list(req, w);
      default ->
          throw AwsException.client(
              "UnknownOperationException", "Unknown operation secretsmanager." + action);
    };
  }

  /** Forgets force-deleted names once their deletion has completed. */
  @Override
  public void tick(World w) {
    Object purging = w.meta().get(Secrets.PURGING);
    if (purging instanceof java.util.Map<?, ?> m) {
      long now = w.nowMillis();
      m.values().removeIf(until -> !(until instanceof Number n) || n.longValue() <= now);
    }
  }
}
