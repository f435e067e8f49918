package dev.berth.localcloud.services.ec2;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** One EC2 call: the request, the world, and lookups scoped to the caller's region. */
final class Ec2Call {
  static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

  final Request req;
  final World world;
  final String region;

  Ec2Call(Request req, World world) {
    this.req = req;
    this.world = world;
    this.region = req.region() == null ? "us-east-1" : req.region();
  }

  String param(String name) {
    return req.param(name);
  }

  /** A required parameter; {@code MissingParameter} names it as AWS does, in lowerCamel. */
  String required(String name) {
    String v = req.param(name);
    if (v == null || v.isEmpty()) {
      String camel = Character.toLowerCase(name.charAt(0)) + name.substring(1);
      throw AwsException.client(
          "MissingParameter", "The request must contain the parameter " + camel);
    }
    return v;
  }

  /** {@code <ActionResponse xmlns=...><requestId>...}: the caller adds the body. */
  Xml response() {
    return new Xml().open(req.action() + "Response", NS).leaf("requestId", world.requestId());
  }

  Response returnTrue() {
    return response().leaf("return", true).response();
  }

  // ---- resources of this region

  Stream<Res> all(Kind k) {
    return world.of("ec2", k.type, region);
  }

  Optional<Res> find(Kind k, String id) {
    return world.get("ec2", k.type, region, id);
  }

  /** The resource, or AWS's Malformed / NotFound error for its type. */
  Res get(Kind k, String id) {
    if (!k.wellFormed(id)) {
      throw k.malformed(id);
    }
    return find(k, id).orElseThrow(() -> k.notFound(id));
  }

  /**
   * What a Describe call returns: the resources named by {@code idParam.N} (each must exist and be
   * visible, else NotFound), or all of the region's, then filtered by {@code Filter.N}.
   */
  List<Res> describe(Kind k, String idParam, Map<String, Filters.Field> fields) {
    var predicate = Filters.predicate(Filters.parse(req.form()), fields);
    List<String> ids = req.list(idParam);
    List<Res> found = new ArrayList<>();
    if (ids.isEmpty()) {
      all(k).forEach(found::add);
    } else {
      for (String id : ids) {
        Res r = get(k, id);
        if (settling(r)) {
          throw k.notFound(id);
        }
        if (!found.contains(r)) {
          found.add(r);
        }
      }
    }
    return found.stream().filter(predicate).toList();
  }

  /**
   * Whether {@code r} is still inside its eventual-consistency window ({@code ec2.consistency}
   * after creation), where AWS may answer a read by id with NotFound.
   */
  boolean settling(Res r) {
    long delay = world.delayMillis("ec2.consistency");
    return delay > 0 && world.nowMillis() < r.createdAt + delay;
  }

  /** A new resource of this region with the request's TagSpecification tags for its type. */
  Res create(Kind k) {
    Map<String, String> tags = tagsFor(k);
    Res r = new Res("ec2", k.type, world.ec2Id(k.prefix));
    r.attrs.put("region", region);
    r.tags.putAll(tags);
    return r;
  }

  /** The tags of the request's TagSpecifications, which must all name type {@code k}. */
  Map<String, String> tagsFor(Kind k) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map<String, String> spec : Params.structs(req.form(), "TagSpecification")) {
      String type = spec.get("ResourceType");
      if (!k.type.equals(type)) {
        throw AwsException.client(
            "InvalidParameterValue",
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      for (Map<String, String> tag : Params.structs(spec, "Tag")) {
        tags.put(Tags.checkKey(tag.get("Key")), tag.getOrDefault("Value", ""));
      }
    }
    Tags.checkCount(tags.size());
    return tags;
  }
}
