package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;

/**
 * IAM over the query protocol: roles, customer-managed policies and their versions, AWS managed
 * policies, service-linked roles, tags. Policy documents are checked as IAM checks them.
 */
public final class IamService implements AwsService {

  @Override
  public String signingName() {
    return "iam";
  }

  @Override
  public Protocol protocol() {
    return Protocol.QUERY;
  }

  @Override
  public Response handle(Request req, World w) {
    String action = req.action() == null ? "" : req.action();
    return switch (action) {
      case "CreateRole" -> Roles.create(req, w);
      case "GetRole" -> Roles.get(req, w);
      case "DeleteRole" -> Roles.delete(req, w);
      case "ListRoles" -> Roles.list(req, w);
      case "UpdateAssumeRolePolicy" -> Roles.updateAssumeRolePolicy(req, w);
      case "TagRole" -> Roles.tag(req, w);
      case "UntagRole" -> Roles.untag(req, w);
      case "ListRoleTags" -> Roles.listTags(req, w);
      case "AttachRolePolicy" -> Roles.attachPolicy(req, w);
      case "DetachRolePolicy" -> Roles.detachPolicy(req, w);
      case "ListAttachedRolePolicies" -> Roles.listAttachedPolicies(req, w);
      case "CreateServiceLinkedRole" -> ServiceLinkedRoles.create(req, w);
      case "CreatePolicy" -> ManagedPolicies.create(req, w);
      case "GetPolicy" -> ManagedPolicies.get(req, w);
      case "DeletePolicy" -> ManagedPolicies.delete(req, w);
      case "ListPolicies" -> ManagedPolicies.list(req, w);
      case "ListEntitiesForPolicy" -> ManagedPolicies.listEntities(req, w);
      case "TagPolicy" -> ManagedPolicies.tag(req, w);
      case "UntagPolicy" -> ManagedPolicies.untag(req, w);
      case "ListPolicyTags" -> ManagedPolicies.listTags(req, w);
      case "CreatePolicyVersion" -> PolicyVersions.create(req, w);
      case "GetPolicyVersion" -> PolicyVersions.get(req, w);
      case "ListPolicyVersions" -> PolicyVersions.list(req, w);
      case "DeletePolicyVersion" -> PolicyVersions.delete(req, w);
      case "SetDefaultPolicyVersion" -> PolicyVersions.setDefault(req, w);
      default ->
          throw AwsException.client(
              "InvalidAction", "Could not find operation " + action + " for version 2010-05-08");
    };
  }
}
