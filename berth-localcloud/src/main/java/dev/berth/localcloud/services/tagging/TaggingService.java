package dev.berth.localcloud.services.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The Resource Groups Tagging API (JSON 1.1): GetResources, GetTagKeys and GetTagValues over every
 * tagged resource of every service that has an ARN, or an EC2 id from which one is built. {@code
 * berth sweep} finds leftovers with it.
 */
public final class TaggingService implements AwsService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EC2_ID = Pattern.compile("[a-z]+(-[a-z]+)*-[0-9a-f]{8,17}");

  /** One tagged resource as the API sees it. */
  record Tagged(String arn, String service, String type, String region, Map<String, String> tags) {}

  @Override
  public String signingName() {
    return "tagging";
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSON;
  }

  @Override
  public Response handle(Request req, World world) {
    String action = req.action() == null ? "" : req.action();
    return switch (action) {
      case "GetResources" -> getResources(req, world);
      case "GetTagKeys" -> getTagKeys(req, world);
      case "GetTagValues" -> getTagValues(req, world);
      default ->
          throw AwsException.client(
              "UnknownOperationException", "localcloud does not emulate tagging " + action);
    };
  }

  private Response getResources(Request req, World world) {
    JsonNode in = req.json();
    List<Tagged> all = tagged(req, world);
    List<Tagged> matching = new ArrayList<>();
    List<String> types = new ArrayList<>();
    in.path("ResourceTypeFilters").forEach(t -> types.add(t.asText()));
    JsonNode filters = in.path("TagFilters");
    if (filters.size() > 50) {
      throw invalid("TagFilters can contain at most 50 filters");
    }
    Set<String> arns = new TreeSet<>();
    in.path("ResourceARNList").forEach(a -> arns.add(a.asText()));
    if (!arns.isEmpty() && (filters.size() > 0 || !types.isEmpty())) {
      throw invalid("ResourceARNList cannot be combined with TagFilters or ResourceTypeFilters");
    }
    for (Tagged t : all) {
      if (!arns.isEmpty() && !arns.contains(t.arn())) {
        continue;
      }
      if (!types.isEmpty()
          && types.stream()
              .noneMatch(f -> f.equals(t.service()) || f.equals(t.service() + ":" + t.type()))) {
        continue;
      }
      if (matchesAll(t.tags(), filters)) {
        matching.add(t);
      }
    }
    int perPage = in.has("ResourcesPerPage") ? in.get("ResourcesPerPage").asInt() : 50;
    if (perPage < 1 || perPage > 100) {
      throw invalid("ResourcesPerPage must be between 1 and 100");
    }
    int from = offset(in.path("PaginationToken").asText(""));
    List<Tagged> page =
        matching.subList(
            Math.min(from, matching.size()), Math.min(matching.size(), from + perPage));
    ObjectNode out = JSON.createObjectNode();
    out.put("PaginationToken", from + perPage < matching.size() ? token(from + perPage) : "");
    ArrayNode list = out.putArray("ResourceTagMappingList");
    for (Tagged t : page) {
      ObjectNode m = list.addObject();
      m.put("ResourceARN", t.arn());
      ArrayNode tags = m.putArray("Tags");
      t.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
    }
    return Response.amzJson(out.toString());
  }

  private Response getTagKeys(Request req, World world) {
    Set<String> keys = new TreeSet<>();
    tagged(req, world).forEach(t -> keys.addAll(t.tags().keySet()));
    ObjectNode out = JSON.createObjectNode();
    out.put("PaginationToken", "");
    ArrayNode list = out.putArray("TagKeys");
    keys.forEach(list::add);
    return Response.amzJson(out.toString());
  }

  private Response getTagValues(Request req, World world) {
    String key = req.json().path("Key").asText(null);
    if (key == null || key.isEmpty()) {
      throw invalid("Key is required");
    }
    Set<String> values = new TreeSet<>();
    tagged(req, world).stream()
        .filter(t -> t.tags().containsKey(key))
        .forEach(t -> values.add(t.tags().get(key)));
    ObjectNode out = JSON.createObjectNode();
    out.put("PaginationToken", "");
    ArrayNode list = out.putArray("TagValues");
    values.forEach(list::add);
    return Response.amzJson(out.toString());
  }

  /** Tagged resources of the request's region (global ones count as us-east-1), by ARN. */
  private static List<Tagged> tagged(Request req, World world) {
    String region = req.region() == null ? "us-east-1" : req.region();
    return world
        .all()
        .filter(r -> !r.tags.isEmpty())
        .map(r -> describe(r, region))
        .filter(t -> t != null && t.region().equals(region))
        .sorted(Comparator.comparing(Tagged::arn))
        .toList();
  }

  private static Tagged describe(Res r, String requestRegion) {
    String arn = r.arn;
    if (arn == null && r.id != null && r.id.startsWith("arn:")) {
      arn = r.id;
    }
    if (arn == null && r.service.equals("ec2") && r.id != null && EC2_ID.matcher(r.id).matches()) {
      String region = r.str("region") != null ? r.str("region") : requestRegion;
      arn = "arn:aws:ec2:" + region + ":" + World.ACCOUNT + ":" + r.type + "/" + r.id;
    }
    if (arn == null) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return null;
    }
    String resource = parts[5];
    int cut = resource.length();
    for (char c : new char[] {'/', ':'}) {
      int i = resource.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    String service = parts[2];
    String type =
        cut == resource.length() && service.equals("s3") ? "bucket" : resource.substring(0, cut);
    String region =
        !parts[3].isEmpty() ? parts[3] : r.str("region") != null ? r.str("region") : "us-east-1";
    return new Tagged(arn, service, type, region, r.tags);
  }

  private static boolean matchesAll(Map<String, String> tags, JsonNode filters) {
    for (JsonNode f : filters) {
      String key = f.path("Key").asText(null);
      if (key == null) {
        throw invalid("TagFilters.Key is required");
      }
      if (!tags.containsKey(key)) {
        return false;
      }
      JsonNode values = f.path("Values");
      if (values.size() > 0) {
        boolean any = false;
        for (JsonNode v : values) {
          any |= v.asText().equals(tags.get(key));
        }
        if (!any) {
          return false;
        }
      }
    }
    return true;
  }

  private static String token(int offset) {
    return Base64.getEncoder()
        .encodeToString(("localcloud:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith("localcloud:")) {
        throw new IllegalArgumentException();
      }
      return Integer.parseInt(s.substring("localcloud:".length()));
    } catch (IllegalArgumentException e) {
      throw invalid("The specified pagination token is invalid");
    }
  }

  private static AwsException invalid(String message) {
    return AwsException.client("InvalidParameterException", message);
  }
}
