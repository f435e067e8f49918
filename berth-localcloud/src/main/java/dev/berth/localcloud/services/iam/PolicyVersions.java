package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versions of customer-managed policies (attr {@code versions} of {@code iam/policy}): at most
 * five, one of them the default whose document is the policy's. AWS managed policies have one,
 * {@code v1}.
 */
final class PolicyVersions {
  static final int MAX_VERSIONS = 5;

  private PolicyVersions() {}

  static Map<String, Object> version(String id, String doc, long createdAt) {
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

  static Response create(Request req, World w) {
    Res p = ManagedPolicies.requireCustomer(req, w, req.required("PolicyArn"));
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
      makeDefault(w, p, id);
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

  private static void makeDefault(World w, Res p, String id) {
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

  static Response setDefault(Request req, World w) {
    Res p = ManagedPolicies.requireCustomer(req, w, req.required("PolicyArn"));
    makeDefault(w, p, req.required("VersionId"));
    return IamXml.empty("SetDefaultPolicyVersion", w);
  }

  static Response get(Request req, World w) {
    String arn = req.required("PolicyArn");
    String id = req.required("VersionId");
    Optional<AwsManagedPolicies.Managed> aws = AwsManagedPolicies.find(arn);
    Map<String, Object> v;
    boolean isDefault;
    if (aws.isPresent() && id.equals("v1")) {
      v = version("v1", aws.get().document(), 0);
      isDefault = true;
    } else {
      Res p = ManagedPolicies.requireCustomer(req, w, arn);
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

  static Response list(Request req, World w) {
    String arn = req.required("PolicyArn");
    List<Map<String, Object>> versions;
    String defaultId;
    if (AwsManagedPolicies.find(arn).isPresent()) {
      versions = List.of(version("v1", "", 0));
      defaultId = "v1";
    } else {
      Res p = ManagedPolicies.requireCustomer(req, w, arn);
      versions = versions(p);
      defaultId = p.str("defaultVersionId");
    }
    List<Map<String, Object>> newestFirst = new ArrayList<>(versions);
    Collections.reverse(newestFirst);
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

  static Response delete(Request req, World w) {
    String arn = req.required("PolicyArn");
    Res p = ManagedPolicies.requireCustomer(req, w, arn);
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
