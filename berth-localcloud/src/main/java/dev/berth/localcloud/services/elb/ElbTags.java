package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.error;
import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AddTags, DescribeTags, RemoveTags on load balancers, target groups, listeners and rules. */
final class ElbTags {
  private ElbTags() {}

  /** The resource an ARN names, with the NotFound error of its kind. */
  private static Res resource(World world, String region, String arn) {
    if (arn != null && arn.contains(":loadbalancer/")) {
      return Elb.lb(world, region, arn);
    }
    if (arn != null && arn.contains(":targetgroup/")) {
      return Elb.tg(world, region, arn);
    }
    if (arn != null && arn.contains(":listener/")) {
      return Elb.listener(world, region, arn);
    }
    if (arn != null && arn.contains(":listener-rule/")) {
      return Elb.rule(world, region, arn);
    }
    throw validation("'" + arn + "' is not a valid Elastic Load Balancing resource ARN");
  }

  private static List<Res> resources(Request req, World world, int max) {
    List<String> arns = req.list("ResourceArns.member");
    if (arns.isEmpty()) {
      throw validation("At least one resource ARN must be specified");
    }
    if (arns.size() > max) {
      throw validation(
          "1 validation error detected: Value at 'resourceArns' failed to satisfy constraint:"
              + " Member must have length less than or equal to "
              + max);
    }
    List<Res> out = new ArrayList<>();
    for (String arn : arns) {
      out.add(resource(world, req.region(), arn));
    }
    return out;
  }

  static Response add(Request req, World world) {
    List<Res> targets = resources(req, world, 20);
    Map<String, String> tags = Elb.tagsParam(req);
    if (tags.isEmpty()) {
      throw validation("At least one tag must be specified");
    }
    for (Res r : targets) {
      Map<String, String> merged = new LinkedHashMap<>(r.tags);
      merged.putAll(tags);
      if (merged.size() > 50) {
        throw error("TooManyTags", "The quota for the number of tags per resource (50) is reached");
      }
    }
    targets.forEach(r -> r.tags.putAll(tags));
    return ElbXml.respond("AddTags", world, x -> {});
  }

  static Response remove(Request req, World world) {
    List<Res> targets = resources(req, world, 20);
    List<String> keys = req.list("TagKeys.member");
    if (keys.isEmpty()) {
      throw validation("At least one tag key must be specified");
    }
    targets.forEach(r -> keys.forEach(r.tags::remove));
    return ElbXml.respond("RemoveTags", world, x -> {});
  }

  static Response describe(Request req, World world) {
    List<Res> targets = resources(req, world, 20);
    return ElbXml.respond(
        "DescribeTags",
        world,
        x ->
            ElbXml.members(
                x,
                "TagDescriptions",
                targets,
                r -> {
                  x.leaf("ResourceArn", r.arn);
                  ElbXml.tags(x, r.tags);
                }));
  }
}
