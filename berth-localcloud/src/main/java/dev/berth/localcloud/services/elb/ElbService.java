package dev.berth.localcloud.services.elb;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;

/**
 * Elastic Load Balancing v2 (API 2015-12-01, query protocol): application load balancers, target
 * groups, listeners, rules and tags, with AWS's rules (names, subnets in distinct zones, duplicate
 * and in-use checks), provisioning delays and the network interfaces a load balancer leaves behind.
 */
public final class ElbService implements AwsService {

  @Override
  public String signingName() {
    return Elb.SERVICE;
  }

  @Override
  public Protocol protocol() {
    return Protocol.QUERY;
  }

  @Override
  public void tick(World world) {
    LoadBalancers.tick(world);
  }

  @Override
  public Response handle(Request req, World world) {
    String action = req.action() == null ? "" : req.action();
    return switch (action) {
      case "CreateLoadBalancer" -> LoadBalancers.create(req, world);
      case "DescribeLoadBalancers" -> LoadBalancers.describe(req, world);
      case "DeleteLoadBalancer" -> LoadBalancers.delete(req, world);
      case "CreateTargetGroup" -> TargetGroups.create(req, world);
      case "DescribeTargetGroups" -> TargetGroups.describe(req, world);
      case "ModifyTargetGroup" -> TargetGroups.modify(req, world);
      case "DeleteTargetGroup" -> TargetGroups.delete(req, world);
      case "DescribeTargetGroupAttributes" -> TargetGroups.describeAttributes(req, world);
      case "ModifyTargetGroupAttributes" -> TargetGroups.modifyAttributes(req, world);
      case "RegisterTargets" -> TargetHealth.register(req, world);
      case "DeregisterTargets" -> TargetHealth.deregister(req, world);
      case "DescribeTargetHealth" -> TargetHealth.describe(req, world);
      case "CreateListener" -> Listeners.create(req, world);
      case "DescribeListeners" -> Listeners.describe(req, world);
      case "ModifyListener" -> Listeners.modify(req, world);
      case "DeleteListener" -> Listeners.delete(req, world);
      case "CreateRule" -> Rules.create(req, world);
      case "DescribeRules" -> Rules.describe(req, world);
      case "ModifyRule" -> Rules.modify(req, world);
      case "SetRulePriorities" -> Rules.setPriorities(req, world);
      case "DeleteRule" -> Rules.delete(req, world);
      case "AddTags" -> ElbTags.add(req, world);
      case "DescribeTags" -> ElbTags.describe(req, world);
      case "RemoveTags" -> ElbTags.remove(req, world);
      default ->
          throw AwsException.client(
              "InvalidAction", "The action " + action + " is not valid for this web service.");
    };
  }
}
