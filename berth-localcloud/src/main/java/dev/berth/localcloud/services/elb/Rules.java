package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.SERVICE;
import static dev.berth.localcloud.services.elb.Elb.error;
import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateRule, DescribeRules, ModifyRule, SetRulePriorities, DeleteRule. */
final class Rules {
  private Rules() {}

  static String arnFor(World world, Res listener) {
    return listener.arn.replace(":listener/", ":listener-rule/") + "/" + world.newId("", 16);
  }

  static void refresh(Res r) {
    r.refs.clear();
    r.refs.add(r.str("listenerArn"));
    r.refs.addAll(Actions.targetGroups(r.listAttr("actions")));
  }

  private static int priority(String value) {
    int p;
    try {
      p = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw validation("Priority '" + value + "' must be a number from 1 to 50000");
    }
    Elb.checkRange("priority", p, 1, 50000);
    return p;
  }

  private static void checkFree(World world, String listenerArn, int priority, Res except) {
    boolean taken =
        world
            .of(SERVICE, Elb.RULE)
            .anyMatch(
                r ->
                    r != except
                        && listenerArn.equals(r.str("listenerArn"))
                        && String.valueOf(priority).equals(r.str("priority")));
    if (taken) {
      throw error("PriorityInUse", "Priority '" + priority + "' is currently in use");
    }
  }

  static Response create(Request req, World world) {
    Res l = Elb.listener(world, req.region(), req.required("ListenerArn"));
    int priority = priority(req.required("Priority"));
    List<Object> conditions = Actions.parseConditions(req);
    if (conditions.isEmpty()) {
      throw validation("At least one condition must be specified");
    }
    List<Object> actions = Actions.parseActions(req, "Actions.member", world);
    checkFree(world, l.arn, priority, null);
    Res r = new Res(SERVICE, Elb.RULE, null);
    r.arn = arnFor(world, l);
    r.id = r.arn;
    r.state = "active";
    r.attrs.put("region", l.region());
    r.tags.putAll(Elb.tagsParam(req));
    r.attrs.put("listenerArn", l.arn);
    r.attrs.put("priority", String.valueOf(priority));
    r.attrs.put("isDefault", false);
    r.attrs.put("conditions", conditions);
    r.attrs.put("actions", actions);
    refresh(r);
    world.put(r);
    return respond("CreateRule", world, List.of(r), null);
  }

  static Response describe(Request req, World world) {
    String listenerArn = req.param("ListenerArn");
    List<String> arns = req.list("RuleArns.member");
    List<Res> found;
    if (listenerArn != null && !listenerArn.isEmpty()) {
      Elb.listener(world, req.region(), listenerArn);
      found =
          world
              .of(SERVICE, Elb.RULE)
              .filter(r -> listenerArn.equals(r.str("listenerArn")))
              .sorted(
                  Comparator.comparingInt(
                      r -> r.bool("isDefault") ? Integer.MAX_VALUE : priority(r.str("priority"))))
              .toList();
    } else if (!arns.isEmpty()) {
      found = new ArrayList<>();
      for (String arn : arns) {
        Elb.checkArn(arn, "listener-rule", "rule", req.region());
        world.get(SERVICE, Elb.RULE, req.region(), arn).ifPresent(found::add);
      }
      if (found.size() < arns.size()) {
        throw error("RuleNotFound", "One or more rules not found");
      }
    } else {
      throw validation("You must specify either listener rule ARNs or a listener ARN");
    }
    Elb.Page page = Elb.page(req, found);
    return respond("DescribeRules", world, page.items(), page.nextMarker());
  }

  private static Response respond(String action, World world, List<Res> rules, String next) {
    return ElbXml.respond(
        action,
        world,
        x -> {
          ElbXml.members(x, "Rules", rules, r -> ElbXml.rule(x, r));
          x.leaf("NextMarker", next);
        });
  }

  static Response modify(Request req, World world) {
    Res r = Elb.rule(world, req.region(), req.required("RuleArn"));
    List<Object> conditions = Actions.parseConditions(req);
    if (!conditions.isEmpty()) {
      if (r.bool("isDefault")) {
        throw error("OperationNotPermitted", "Conditions of a default rule cannot be modified");
      }
      r.attrs.put("conditions", conditions);
    }
    if (!req.structs("Actions.member").isEmpty()) {
      List<Object> actions = Actions.parseActions(req, "Actions.member", world);
      if (r.bool("isDefault")) {
        Res l = Elb.listener(world, req.region(), r.str("listenerArn"));
        Listeners.setDefaultActions(world, l, actions);
      } else {
        r.attrs.put("actions", actions);
        refresh(r);
      }
    }
    return respond("ModifyRule", world, List.of(r), null);
  }

  static Response setPriorities(Request req, World world) {
    List<Map<String, String>> raw = req.structs("RulePriorities.member");
    if (raw.isEmpty()) {
      throw validation("At least one rule priority must be specified");
    }
    Map<Res, Integer> changes = new LinkedHashMap<>();
    for (Map<String, String> p : raw) {
      Res r = Elb.rule(world, req.region(), p.get("RuleArn"));
      if (r.bool("isDefault")) {
        throw error("OperationNotPermitted", "The priority of a default rule cannot be changed");
      }
      changes.put(r, priority(p.get("Priority")));
    }
    for (var e : changes.entrySet()) {
      Res r = e.getKey();
      boolean clash =
          world
              .of(SERVICE, Elb.RULE)
              .anyMatch(
                  o ->
                      !changes.containsKey(o)
                          && o.str("listenerArn").equals(r.str("listenerArn"))
                          && String.valueOf(e.getValue()).equals(o.str("priority")));
      if (clash || changes.values().stream().filter(e.getValue()::equals).count() > 1) {
        throw error("PriorityInUse", "Priority '" + e.getValue() + "' is currently in use");
      }
    }
    changes.forEach((r, p) -> r.attrs.put("priority", String.valueOf(p)));
    return respond("SetRulePriorities", world, new ArrayList<>(changes.keySet()), null);
  }

  static Response delete(Request req, World world) {
    Res r = Elb.rule(world, req.region(), req.required("RuleArn"));
    if (r.bool("isDefault")) {
      throw error("OperationNotPermitted", "Default rule '" + r.arn + "' cannot be deleted");
    }
    world.remove(r);
    return ElbXml.respond("DeleteRule", world, x -> {});
  }
}
