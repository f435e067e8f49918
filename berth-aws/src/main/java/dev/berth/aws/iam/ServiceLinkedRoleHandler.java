package dev.berth.aws.iam;

import dev.berth.aws.AwsClients;
import dev.berth.core.failure.BerthException;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.ResourceContext;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code aws.iam.service-linked-role}: ensures the service-linked role of {@code service} (for ECS,
 * {@code AWSServiceRoleForECS}) with CreateServiceLinkedRole, never CreateRole. It is shared by the
 * whole account, so berth never deletes it; "has been taken" means it exists, which is success.
 */
public final class ServiceLinkedRoleHandler extends AbstractResourceHandler {
  public static final ResourceType TYPE = ServiceLinkedRoleKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public ServiceLinkedRoleHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return ServiceLinkedRoleKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    String service = ServiceLinkedRoleKeys.SERVICE.get(props);
    try {
      Role role = aws.iam().createServiceLinkedRole(r -> r.awsServiceName(service)).role();
      return observed(role, props);
    } catch (InvalidInputException e) {
      if (e.awsErrorDetails() == null
          || !String.valueOf(e.awsErrorDetails().errorMessage()).contains("has been taken")) {
        throw e;
      }
    }
    return locate(service)
        .map(role -> observed(role, props))
        .orElseThrow(
            () ->
                new BerthException(
                    "IAM reports the service-linked role of "
                        + service
                        + " exists, but no role is"
                        + " listed under /aws-service-role/"
                        + service
                        + "/",
                    "Run the command again in a minute: IAM may not show the role yet."));
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    try {
      return Optional.of(observed(aws.iam().getRole(r -> r.roleName(physicalId)).role(), props));
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  @Override
  public Observed update(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> oldProps,
      Map<String, Object> newProps,
      Map<String, String> outputs) {
    return read(ctx, physicalId, newProps).orElseGet(() -> create(ctx, newProps));
  }

  /** Nothing: the role belongs to the account, and other stacks' services rely on it. */
  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {}

  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    return locate(ServiceLinkedRoleKeys.SERVICE.get(props)).map(role -> observed(role, props));
  }

  /**
   * The service's role: service-linked roles live at the documented path {@code
   * /aws-service-role/<service>/}; the one without a custom suffix is preferred.
   */
  private Optional<Role> locate(String service) {
    IamClient iam = aws.iam();
    return iam
        .listRolesPaginator(r -> r.pathPrefix("/aws-service-role/" + service + "/"))
        .roles()
        .stream()
        .min(
            Comparator.comparing((Role r) -> r.roleName().contains("_"))
                .thenComparing(Role::roleName));
  }

  private static Observed observed(Role role, Map<String, Object> props) {
    return new Observed(role.roleName(), Map.of("arn", role.arn()), props, null);
  }
}
