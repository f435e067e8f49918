package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.List;
import java.util.Map;

/**
 * CreateServiceLinkedRole: a role at {@code /aws-service-role/<service>/} named {@code
 * AWSServiceRoleFor<Suffix>}, trusted by the service, with the service's AWS managed policy. One
 * per service and account: a second call fails with InvalidInput "has been taken".
 */
final class ServiceLinkedRoles {
  private record Linked(String suffix, String policyArn) {}

  private static final Map<String, Linked> SERVICES =
      Map.of(
          "ecs.amazonaws.com",
          new Linked(
              "ECS", AwsManagedPolicies.PREFIX + "/aws-service-role/AmazonECSServiceRolePolicy"),
          "elasticloadbalancing.amazonaws.com",
          new Linked("ElasticLoadBalancing", null),
          "autoscaling.amazonaws.com",
          new Linked("AutoScaling", null),
          "ecs.application-autoscaling.amazonaws.com",
          new Linked("ApplicationAutoScaling_ECSService", null));

  private ServiceLinkedRoles() {}

  static Response create(Request req, World w) {
    String service = req.required("AWSServiceName");
    Linked linked = SERVICES.get(service);
    if (linked == null) {
      throw AwsException.client(
          "InvalidInput", "Service name " + service + " is not a valid service name.");
    }
    String suffix = req.param("CustomSuffix");
    String name = "AWSServiceRoleFor" + linked.suffix() + (suffix == null ? "" : "_" + suffix);
    if (Roles.find(w, name).isPresent()) {
      throw AwsException.client(
          "InvalidInput",
          "Service role name "
              + name
              + " has been taken in this account, please try a different suffix.");
    }
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\""
            + service
            + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    Res r =
        Roles.newRole(
            w, name, "/aws-service-role/" + service + "/", trust, req.param("Description"), 3600);
    if (linked.policyArn() != null) {
      r.attrs.put("attachedPolicies", new java.util.ArrayList<Object>(List.of(linked.policyArn())));
      r.refs.add(linked.policyArn());
    }
    w.put(r);
    return IamXml.result(
        "CreateServiceLinkedRole",
        w,
        x -> {
          x.open("Role");
          IamXml.role(x, r, false);
          x.close();
        });
  }
}
