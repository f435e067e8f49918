package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Managed policies: customer-managed ones are {@code iam/policy} resources (id and arn the policy
 * ARN, name the policy name, attrs {@code document} of the default version, {@code versions},
 * {@code attachmentCount}); AWS managed ones come from {@link AwsManagedPolicies}. Attachments are
 * counted from the roles that name the policy in their refs.
 */
final class ManagedPolicies {
  static final int MAX_VERSIONS = 5;
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final Pattern PATH = Pattern.compile("/|/[\\u0021-\\u007E]{1,510}/");

  private ManagedPolicies() {}

  /** What IAM reports of a policy, customer-managed or AWS managed. */
  record View(
      String arn,
      String name,
      String path,
      String id,
      String defaultVersionId,
      long attachmentCount,
      String description,
      String createDate,
      String updateDate,
      Map<String, String> tags,
      boolean awsManaged) {}

  static Optional<View> view(World w, String arn) {
    Optional<Res> customer = w.get("iam", "policy", arn);
    if (customer.isPresent()) {
      Res p = customer.get();
      return Optional.of(
          new View(
              p.arn,
              p.name,
              p.str("path"),
              p.str("policyId"),
              p.str("defaultVersionId"),
              attachments(w, arn).count(),
              p.str("description"),
              IamXml.date(p.createdAt),
              IamXml.date(p.num("updatedAt", p.createdAt)),
              p.tags,
              false));
    }
    return AwsManagedPolicies.find(arn)
        .map(
            m ->
                new View(
                    m.arn(),
                    m.name(),
                    m.path(),
                    m.id(),
                    "v1",
                    attachments(w, arn).count(),
                    null,
                    AwsManagedPolicies.createDate(),
                    AwsManagedPolicies.createDate(),
                    Map.of(),
                    true));
  }

  /** The roles a policy is attached to. */
  static Stream<Res> attachments(World w, String arn) {
    return w.referrers(arn).filter(r -> r.service.equals("iam") && r.type.equals("role"));
  }

  /** Keeps the {@code attachmentCount} attr of a customer policy current. */
  static void recount(World w, String arn) {
    w.get("iam", "policy", arn)
        .ifPresent(p -> p.attrs.put("attachmentCount", attachments(w, arn).count()));
  }

  private static View requireView(World w, String arn) {
    return view(w, arn)
        .orElseThrow(
            () ->
                new AwsException(
                    404,
                    "NoSuchEntity",
                    "Policy " + arn + " does not exist or is not attachable."));
  }

  /** A customer-managed policy; AWS managed ones cannot be changed. */
  private static Res requireCustomer(Request req, World w, String arn) {
    if (AwsManagedPolicies.isAwsManaged(arn) && AwsManagedPolicies.find(arn).isPresent()) {
      throw new AwsException(
          403,
          "AccessDenied",
          "User: arn:aws:iam::"
              + World.ACCOUNT
              + ":user/"
              + req.accessKey()
              + " is not authorized to perform: iam:"
              + req.action()
              + " on resource: policy "
              + arn);
    }
    return w.get("iam", "policy", arn)
        .orElseThrow(
            () ->
                new AwsException(
                    404,
                    "NoSuchEntity",
                    "Policy " + arn + " does not exist or is not attachable."));
  }

  static Response create(Request req, World w) {
    String name = req.required("PolicyName");
    Roles.validate("policyName", name, NAME, "[\\w+=,.@-]+");
    String path = req.param("Path") == null ? "/" : req.param("Path");
    Roles.validate("path", path, PATH, "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
    String doc = req.required("PolicyDocument");
    PolicyDocuments.validatePermissions(doc);
    Map<String, String> tags = Roles.tags(req, Map.of());
    if (w.of("iam", "policy").anyMatch(p -> p.name.equalsIgnoreCase(name))) {
      throw new AwsException(
          409,
          "EntityAlreadyExists",
          "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }
    String arn = "arn:aws:iam::" + World.ACCOUNT + ":policy" + path + name;
    Res p = new Res("iam", "policy", arn);
    p.arn = arn;
    p.name = name;
    p.attrs.put("path", path);
    p.attrs.put("policyId", "ANPA" + Roles.upperId(w));
    if (req.param("Description") != null) {
      p.attrs.put("description", req.param("Description"));
    }
    p.attrs.put("document", doc);
    p.attrs.put("defaultVersionId", "v1");
    p.attrs.put("nextVersion", 2);
    p.attrs.put("attachmentCount", 0);
    p.attrs.put("versions", new ArrayList<>(List.of(version("v1", doc, w.nowMillis()))));
    p.tags.putAll(tags);
    w.put(p);
    View v = view(w, arn).orElseThrow();
    return IamXml.result(
        "CreatePolicy",
        w,
        x -> {
          x.open("Policy");
          IamXml.policy(x, v, true);
          x.close();
        });
  }

  static Response get(Request req, World w) {
    View v = requireView(w, req.required("PolicyArn"));
    return IamXml.result(
        "GetPolicy",
        w,
        x -> {
          x.open("Policy");
          IamXml.policy(x, v, true);
          x.close();
        });
  }

  static Response delete(Request req, World w) {
    String arn = req.required("PolicyArn");
    Res p = requireCustomer(req, w, arn);
    if (attachments(w, arn).findAny().isPresent()) {
      throw new AwsException(409, "DeleteConflict", "Cannot delete a policy attached to entities.");
    }
    if (p.listAttr("versions").size() > 1) {
      throw new AwsException(
          409,
          "DeleteConflict",
          "This policy has more than one version. Before you delete a policy, you must delete the"
              + " policy's versions. The default version is deleted with the policy.");
    }
    w.remove(p);
    return IamXml.empty("DeletePolicy", w);
  }

  static Response list(Request req, World w) {
    String scope = req.param("Scope") == null ? "All" : req.param("Scope");
    String prefix = req.param("PathPrefix") == null ? "/" : req.param("PathPrefix");
    boolean onlyAttached = "true".equals(req.param("OnlyAttached"));
    List<View> views = new ArrayList<>();
    if (!scope.equals("Local")) {
      AwsManagedPolicies.all().forEach(m -> view(w, m.arn()).ifPresent(views::add));
    }
    if (!scope.equals("AWS")) {
      w.of("iam", "policy").forEach(p -> view(w, p.arn).ifPresent(views::add));
    }
    List<View> matching =
        views.stream()
            .filter(v -> v.path().startsWith(prefix))
            .filter(v -> !onlyAttached || v.attachmentCount() > 0)
            .sorted(Comparator.comparing(v -> v.arn().toLowerCase(Locale.ROOT)))
            .toList();
    Pages<View> page =
        Pages.of(
            matching,
            v -> v.arn().toLowerCase(Locale.ROOT),
            req.param("Marker"),
            req.param("MaxItems"),
            100);
    return IamXml.result(
        "ListPolicies",
        w,
        x -> {
          x.list("Policies", "member", page.items(), (m, v) -> IamXml.policy(m, v, false));
          x.leaf("IsTruncated", page.truncated()).leaf("Marker", page.nextMarker());
        });
  }

  static Response listEntities(Request req, World w) {
    String arn = req.required("PolicyArn");
    requireView(w, arn);
    String filter = req.param("EntityFilter");
    List<Res> roles =
        filter == null || filter.equals("Role")
            ? attachments(w, arn).sorted(Comparator.comparing((Res r) -> r.name)).toList()
            : List.of();
    Pages<Res> page = Pages.of(roles, r -> r.name, req.param("Marker"), req.param("MaxItems"), 100);
    return IamXml.result(
        "ListEntitiesForPolicy",
        w,
        x -> {
          x.open("PolicyGroups").close().open("PolicyUsers").close();
          x.list(
              "PolicyRoles",
              "member",
              page.items(),
              (m, r) -> m.leaf("RoleName", r.name).leaf("RoleId", r.str("roleId")));
          x.leaf("IsTruncated", page.truncated()).leaf("Marker", page.nextMarker());
        });
  }

  static Response tag(Request req, World w) {
    Res p = requireCustomer(req, w, req.required("PolicyArn"));
    p.tags.putAll(Roles.tags(req, p.tags));
    return IamXml.empty("TagPolicy", w);
  }

  static Response untag(Request req, World w) {
    Res p = requireCustomer(req, w, req.required("PolicyArn"));
    req.list("TagKeys.member").forEach(p.tags::remove);
    return IamXml.empty("UntagPolicy", w);
  }

  static Response listTags(Request req, World w) {
    View v = requireView(w, req.required("PolicyArn"));
    return Roles.tagPage("ListPolicyTags", req, w, v.tags());
  }

  // ---- versions

  private static Map<String, Object> version(String id, String doc, long createdAt) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("versionId", id);
    v.put("document", doc);
    v.put("createdAt", createdAt);
    return v;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> versions(Res p) {
    List<Map<String, Object>> out = new ArrayList<>();
    p.listAttr("versions").forEach(o -> out.add((Map<String, Object>) o));
    return out;
  }

  static Response createVersion(Request req, World w) {
    Res p = requireCustomer(req, w, req.required("PolicyArn"));
    String doc = req.required("PolicyDocument");
    PolicyDocuments.validatePermissions(doc);
    List<Map<String, Object>> versions = versions(p);
    if (versions.size() >= MAX_VERSIONS) {
      throw new AwsException(
          409,
          "LimitExceeded",
          "A managed policy can have up to "
              + MAX_VERSIONS
              + " versions. Before you create a new version, you must delete an existing version.");
    }
    String id = "v" + p.num("nextVersion", versions.size() + 1);
    p.attrs.put("nextVersion", p.num("nextVersion", versions.size() + 1) + 1);
    versions.add(version(id, doc, w.nowMillis()));
    p.attrs.put("versions", new ArrayList<Object>(versions));
    boolean makeDefault = "true".equals(req.param("SetAsDefault"));
    if (makeDefault) {
      setDefault(w, p, id);
    }
    Map<String, Object> v = versions.get(versions.size() - 1);
    return IamXml.result(
        "CreatePolicyVersion",
        w,
        x ->
            x.open("PolicyVersion")
                .leaf("VersionId", id)
                .leaf("IsDefaultVersion", id.equals(p.str("defaultVersionId")))
                .leaf("CreateDate", IamXml.date(((Number) v.get("createdAt")).longValue()))
                .close());
  }

  private static void setDefault(World w, Res p, String id) {
    Map<String, Object> v =
        versions(p).stream()
            .filter(x -> id.equals(x.get("versionId")))
            .findFirst()
            .orElseThrow(
                () ->
                    new AwsException(
                        404,
                        "NoSuchEntity",
                        "Policy "
                            + p.arn
                            + " version "
                            + id
                            + " does not exist or is not attachable."));
    p.attrs.put("defaultVersionId", id);
    p.attrs.put("document", v.get("document"));
    p.attrs.put("updatedAt", w.nowMillis());
  }

  static Response setDefaultVersion(Request req, World w) {
    Res p = requireCustomer(req, w, req.required("PolicyArn"));
    setDefault(w, p, req.required("VersionId"));
    return IamXml.empty("SetDefaultPolicyVersion", w);
  }

  static Response getVersion(Request req, World w) {
    String arn = req.required("PolicyArn");
    String id = req.required("VersionId");
    Optional<AwsManagedPolicies.Managed> aws = AwsManagedPolicies.find(arn);
    Map<String, Object> v;
    boolean isDefault;
    if (aws.isPresent() && id.equals("v1")) {
      v = version("v1", aws.get().document(), 0);
      isDefault = true;
    } else {
      Res p = requireCustomer(req, w, arn);
      v =
          versions(p).stream()
              .filter(x -> id.equals(x.get("versionId")))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AwsException(
                          404,
                          "NoSuchEntity",
                          "Policy "
                              + arn
                              + " version "
                              + id
                              + " does not exist or is not attachable."));
      isDefault = id.equals(p.str("defaultVersionId"));
    }
    long created = ((Number) v.get("createdAt")).longValue();
    return IamXml.result(
        "GetPolicyVersion",
        w,
        x ->
            x.open("PolicyVersion")
                .leaf("Document", PolicyDocuments.urlEncode((String) v.get("document")))
                .leaf("VersionId", id)
                .leaf("IsDefaultVersion", isDefault)
                .leaf(
                    "CreateDate",
                    created == 0 ? AwsManagedPolicies.createDate() : IamXml.date(created))
                .close());
  }

  static Response listVersions(Request req, World w) {
    String arn = req.required("PolicyArn");
    List<Map<String, Object>> versions;
    String defaultId;
    if (AwsManagedPolicies.find(arn).isPresent()) {
      versions = List.of(version("v1", "", 0));
      defaultId = "v1";
    } else {
      Res p = requireCustomer(req, w, arn);
      versions = versions(p);
      defaultId = p.str("defaultVersionId");
    }
    List<Map<String, Object>> newestFirst = new ArrayList<>(versions);
    java.util.Collections.reverse(newestFirst);
    return IamXml.result(
        "ListPolicyVersions",
        w,
        x -> {
          x.list(
              "Versions",
              "member",
              newestFirst,
              (m, v) -> {
                long created = ((Number) v.get("createdAt")).longValue();
                m.leaf("VersionId", v.get("versionId"))
                    .leaf("IsDefaultVersion", defaultId.equals(v.get("versionId")))
                    .leaf(
                        "CreateDate",
                        created == 0 ? AwsManagedPolicies.createDate() : IamXml.date(created));
              });
          x.leaf("IsTruncated", false);
        });
  }

  static Response deleteVersion(Request req, World w) {
    String arn = req.required("PolicyArn");
    Res p = requireCustomer(req, w, arn);
    String id = req.required("VersionId");
    if (id.equals(p.str("defaultVersionId"))) {
      throw new AwsException(
          409, "DeleteConflict", "Cannot delete the default version of a policy.");
    }
    List<Map<String, Object>> versions = versions(p);
    if (!versions.removeIf(v -> id.equals(v.get("versionId")))) {
      throw new AwsException(
          404,
          "NoSuchEntity",
          "Policy " + arn + " version " + id + " does not exist or is not attachable.");
    }
    p.attrs.put("versions", new ArrayList<Object>(versions));
    return IamXml.empty("DeletePolicyVersion", w);
  }
}
