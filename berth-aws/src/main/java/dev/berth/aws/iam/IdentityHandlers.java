package dev.berth.aws.iam;

import dev.berth.aws.AwsClients;
import dev.berth.aws.acm.CertificateHandler;
import dev.berth.aws.acm.CertificateValidationHandler;
import dev.berth.aws.secrets.SecretHandler;
import dev.berth.core.resource.ResourceHandler;
import java.util.List;

/**
 * The handlers of identities and credentials: IAM roles and policies, the ECS service-linked role,
 * the registry secret, and the TLS certificate with its validation.
 */
public final class IdentityHandlers {
  private IdentityHandlers() {}

  public static List<ResourceHandler> all(AwsClients aws) {
    return List.of(
        new ServiceLinkedRoleHandler(aws),
        new RoleHandler(aws),
        new PolicyHandler(aws),
        new SecretHandler(aws),
        new CertificateHandler(aws),
        new CertificateValidationHandler(aws));
  }
}
