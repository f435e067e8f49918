package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM roles: {@code iam/role} resources with id and name the role name (unique regardless of case,
 * as in IAM), attrs {@code assumeRolePolicyDocument}, {@code attachedPolicies} (ARNs, also in
 * {@link Res#refs} so a policy finds its roles), {@code path}, {@code roleId}.
 */
final class Roles {
  static final int MAX_ATTACHED = 10;
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]{1,510}/");

  private Roles() {}

  static Optional<Res> find(World w, String name) {
    return w.get("iam", "role", name)
        .or(() -> w.of("iam", "role").filter(r -> r.name.equalsIgnoreCase(name)).findFirst());
  }

  static Res require(World w, String name) {
    return find(w, name)
        .orElseThrow(
            () ->
                new AwsException(
                    404, "NoSuchEntity", "The role with name " + name + " cannot be found."));
  }

  static Response create(Request req, World w) {
    String name = req.required("RoleName");
    validate("roleName", name, NAME, "[\\w+=,.@-]+");
    String path = req.param("Path") == null ? "/" : req.param("Path");
    validate("path", path, PATH, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    String doc = req.required("AssumeRolePolicyDocument");
    PolicyDocuments.validateTrust(doc);
    int maxSession = maxSessionDuration(req.param("MaxSessionDuration"));
    Map<String, String> tags = tags(req, Map.of());
    if (find(w, name).isPresent()) {
      throw new AwsException(
          409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
    }
    Res r = newRole(w, name, path, doc, req.param("Description"), maxSession);
    r.tags.putAll(tags);
    w.put(r);
    return IamXml.result(
        "CreateRole",
        w,
        x -> {
          x.open("Role");
          IamXml.role(x, r, false);
          IamXml.tags(x, r.tags);
          x.close();
        });
  }

  static Res newRole(
      World w, String name, String path, String doc, String description, int maxSession) {
    Res r = new Res("iam", "role", name);
    r.name = name;
    r.arn = "arn:aws:iam::" + World.ACCOUNT + ":role" + path + name;
    r.attrs.put("path", path);
    r.attrs.put("roleId", "AROA" + upperId(w));
    r.attrs.put("assumeRolePolicyDocument", doc);
    if (description != null) {
      r.attrs.put("description", description);
    }
    r.attrs.put("maxSessionDuration", maxSession);
    r.attrs.put("attachedPolicies", new ArrayList<>());
    return r;
  }

  static Response get(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    return IamXml.result(
        "GetRole",
        w,
        x -> {
          x.open("Role");
          IamXml.role(x, r, true);
          x.close();
        });
  }

  static Response delete(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    if (r.str("path").startsWith("/aws-service-role/")) {
      throw AwsException.client(
          "UnmodifiableEntity",
          "Cannot perform the operation on the protected role '"
              + r.name
              + "' - this role is only modifiable by AWS");
    }
    if (!r.listAttr("attachedPolicies").isEmpty()) {
      throw new AwsException(
          409, "DeleteConflict", "Cannot delete entity, must detach all policies first.");
    }
    w.remove(r);
    return IamXml.empty("DeleteRole", w);
  }

  static Response updateAssumeRolePolicy(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    String doc = req.required("PolicyDocument");
    PolicyDocuments.validateTrust(doc);
    r.attrs.put("assumeRolePolicyDocument", doc);
    return IamXml.empty("UpdateAssumeRolePolicy", w);
  }

  static Response list(Request req, World w) {
    String prefix = req.param("PathPrefix") == null ? "/" : req.param("PathPrefix");
    List<Res> all =
        w.of("iam", "role")
            .filter(r -> r.str("path").startsWith(prefix))
            .sorted(Comparator.comparing(r -> r.name.toLowerCase(Locale.ROOT)))
            .toList();
    Pages<Res> page =
        Pages.of(
            all,
            r -> r.name.toLowerCase(Locale.ROOT),
            req.param("Marker"),
            req.param("MaxItems"),
            100);
    return IamXml.result(
        "ListRoles",
        w,
        x -> {
          x.list("Roles", "member", page.items(), (m, r) -> IamXml.role(m, r, false));
          x.leaf("IsTruncated", page.truncated()).leaf("Marker", page.nextMarker());
        });
  }

  static Response tag(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    r.tags.putAll(tags(req, r.tags));
    return IamXml.empty("TagRole", w);
  }

  static Response untag(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    req.list("TagKeys.member").forEach(r.tags::remove);
    return IamXml.empty("UntagRole", w);
  }

  static Response listTags(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    return tagPage("ListRoleTags", req, w, r.tags);
  }

  static Response tagPage(String action, Request req, World w, Map<String, String> tags) {
    Pages<Map.Entry<String, String>> page =
        Pages.of(
            tags.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList(),
            Map.Entry::getKey,
            req.param("Marker"),
            req.param("MaxItems"),
            100);
    return IamXml.result(
        action,
        w,
        x -> {
          x.list(
              "Tags",
              "member",
              page.items(),
              (m, e) -> m.leaf("Key", e.getKey()).leaf("Value", e.getValue()));
          x.leaf("IsTruncated", page.truncated()).leaf("Marker", page.nextMarker());
        });
  }

  static Response attachPolicy(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    String arn = req.required("PolicyArn");
    ManagedPolicies.view(w, arn)
        .orElseThrow(
            () ->
                new AwsException(
                    404,
                    "NoSuchEntity",
                    "Policy " + arn + " does not exist or is not attachable."));
    List<Object> attached = new ArrayList<>(r.listAttr("attachedPolicies"));
    if (!attached.contains(arn)) {
      if (attached.size() >= MAX_ATTACHED) {
        throw new AwsException(
            409, "LimitExceeded", "Cannot exceed quota for PoliciesPerRole: " + MAX_ATTACHED + ".");
      }
      attached.add(arn);
      r.attrs.put("attachedPolicies", attached);
      r.refs.add(arn);
      ManagedPolicies.recount(w, arn);
    }
    return IamXml.empty("AttachRolePolicy", w);
  }

  static Response detachPolicy(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    String arn = req.required("PolicyArn");
    List<Object> attached = new ArrayList<>(r.listAttr("attachedPolicies"));
    if (!attached.remove(arn)) {
      throw new AwsException(404, "NoSuchEntity", "Policy " + arn + " was not found.");
    }
    r.attrs.put("attachedPolicies", attached);
    r.refs.remove(arn);
    ManagedPolicies.recount(w, arn);
    return IamXml.empty("DetachRolePolicy", w);
  }

  static Response listAttachedPolicies(Request req, World w) {
    Res r = require(w, req.required("RoleName"));
    String prefix = req.param("PathPrefix") == null ? "/" : req.param("PathPrefix");
    List<ManagedPolicies.View> views =
        r.listAttr("attachedPolicies").stream()
            .map(a -> ManagedPolicies.view(w, a.toString()))
            .flatMap(Optional::stream)
            .filter(v -> v.path().startsWith(prefix))
            .toList();
    Pages<ManagedPolicies.View> page =
        Pages.of(views, ManagedPolicies.View::arn, req.param("Marker"), req.param("MaxItems"), 100);
    return IamXml.result(
        "ListAttachedRolePolicies",
        w,
        x -> {
          x.list(
              "AttachedPolicies",
              "member",
              page.items(),
              (m, v) -> m.leaf("PolicyName", v.name()).leaf("PolicyArn", v.arn()));
          x.leaf("IsTruncated", page.truncated()).leaf("Marker", page.nextMarker());
        });
  }

  /**
   * The tags of the request ({@code Tags.member.N.Key/Value}); at most 50 with {@code existing}.
   */
  static Map<String, String> tags(Request req, Map<String, String> existing) {
    Map<String, String> given = new LinkedHashMap<>();
    for (Map<String, String> t : req.structs("Tags.member")) {
      String key = t.get("Key");
      if (key == null || key.isEmpty()) {
        throw AwsException.client("InvalidInput", "Tag keys must not be empty.");
      }
      given.put(key, t.getOrDefault("Value", ""));
    }
    Set<String> keys = new HashSet<>(existing.keySet());
    keys.addAll(given.keySet());
    if (keys.size() > 50) {
      throw new AwsException(409, "LimitExceeded", "Cannot exceed quota for TagsPerResource: 50.");
    }
    return given;
  }

  static void validate(String field, String value, Pattern pattern, String shown) {
    if (!pattern.matcher(value).matches()) {
      throw AwsException.client(
          "ValidationError",
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + field
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
              + shown);
    }
  }

  private static int maxSessionDuration(String s) {
    if (s == null) {
      return 3600;
    }
    int n = Integer.parseInt(s);
    if (n < 3600 || n > 43200) {
      throw AwsException.client(
          "ValidationError",
          "1 validation error detected: Value '"
              + s
              + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value"
              + " less than or equal to 43200");
    }
    return n;
  }

  static String upperId(World w) {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      sb.append(chars.charAt(w.random().nextInt(chars.length())));
    }
    return sb.toString();
  }
}
