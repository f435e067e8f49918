package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Comparator;
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
  static Res requireCustomer(Request req, World w, String arn) {
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
    p.attrs.put(
        "versions", new ArrayList<>(List.of(PolicyVersions.version("v1", doc, w.nowMillis()))));
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
}
