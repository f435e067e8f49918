package dev.berth.localcloud.services.iam;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;

/** IAM's query-protocol response envelope and the XML of its entities. */
final class IamXml {
  static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";

  private IamXml() {}

  /** {@code <XResponse><XResult>…</XResult><ResponseMetadata>…</ResponseMetadata></XResponse>}. */
  static Response result(String action, World world, Consumer<Xml> body) {
    Xml x = new Xml().open(action + "Response", NS).open(action + "Result");
    body.accept(x);
    return x.close()
        .open("ResponseMetadata")
        .leaf("RequestId", world.requestId())
        .close()
        .close()
        .response();
  }

  /** The answer of an action without a result element (DeleteRole, AttachRolePolicy, …). */
  static Response empty(String action, World world) {
    return new Xml()
        .open(action + "Response", NS)
        .open("ResponseMetadata")
        .leaf("RequestId", world.requestId())
        .close()
        .close()
        .response();
  }

  static String date(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The members of a Role; {@code full} adds what only GetRole/CreateRole return. */
  static void role(Xml x, Res r, boolean full) {
    x.leaf("Path", r.str("path"))
        .leaf("RoleName", r.name)
        .leaf("RoleId", r.str("roleId"))
        .leaf("Arn", r.arn)
        .leaf("CreateDate", date(r.createdAt))
        .leaf(
            "AssumeRolePolicyDocument",
            PolicyDocuments.urlEncode(r.str("assumeRolePolicyDocument")))
        .leaf("Description", r.str("description"))
        .leaf("MaxSessionDuration", r.num("maxSessionDuration", 3600));
    if (full) {
      tags(x, r.tags);
      x.open("RoleLastUsed").close();
    }
  }

  static void tags(Xml x, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      x.tags("Tags", "member", "Key", "Value", tags);
    }
  }

  /** The members of a Policy; {@code full} adds Description and Tags (GetPolicy, CreatePolicy). */
  static void policy(Xml x, ManagedPolicies.View p, boolean full) {
    x.leaf("PolicyName", p.name())
        .leaf("PolicyId", p.id())
        .leaf("Arn", p.arn())
        .leaf("Path", p.path())
        .leaf("DefaultVersionId", p.defaultVersionId())
        .leaf("AttachmentCount", p.attachmentCount())
        .leaf("PermissionsBoundaryUsageCount", 0)
        .leaf("IsAttachable", true);
    if (full) {
      x.leaf("Description", p.description());
    }
    x.leaf("CreateDate", p.createDate()).leaf("UpdateDate", p.updateDate());
    if (full) {
      tags(x, p.tags());
    }
  }
}
