package dev.berth.localcloud.services.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.localcloud.core.AwsException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * IAM's checks of policy documents, and the RFC 3986 URL-encoding IAM applies to documents in its
 * responses. Trailing commas, trailing garbage and duplicate keys are invalid JSON, as in IAM.
 */
final class PolicyDocuments {
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

  private PolicyDocuments() {}

  /** A permissions policy (CreatePolicy, CreatePolicyVersion): no Principal, needs Resource. */
  static void validatePermissions(String doc) {
    for (JsonNode st : statements(doc, true)) {
      if (st.has("Principal") || st.has("NotPrincipal")) {
        throw malformed("Policy document should not specify a principal.");
      }
      if (!st.has("Action") && !st.has("NotAction")) {
        throw malformed("Policy statement must contain actions.");
      }
      if (!st.has("Resource") && !st.has("NotResource")) {
        throw malformed("Policy statement must contain resources.");
      }
    }
  }

  /** A role trust policy (CreateRole, UpdateAssumeRolePolicy): needs Principal, no Resource. */
  static void validateTrust(String doc) {
    for (JsonNode st : statements(doc, false)) {
      if (!st.has("Principal") && !st.has("NotPrincipal")) {
        throw malformed("Missing required field Principal");
      }
      if (st.has("Resource") || st.has("NotResource")) {
        throw malformed("Has prohibited field Resource");
      }
      if (!st.has("Action") && !st.has("NotAction")) {
        throw malformed("Missing required field Action");
      }
    }
  }

  private static List<JsonNode> statements(String doc, boolean versionRequired) {
    JsonNode root;
    try {
      root = STRICT.readTree(doc);
    } catch (JsonProcessingException e) {
      throw malformed("This policy contains invalid Json");
    }
    if (root == null || !root.isObject()) {
      throw malformed("This policy contains invalid Json");
    }
    JsonNode version = root.get("Version");
    if (version == null ? versionRequired : !VERSIONS.contains(version.asText())) {
      throw malformed("Syntax errors in policy.");
    }
    JsonNode statement = root.get("Statement");
    if (statement == null || !(statement.isObject() || statement.isArray())) {
      throw malformed("Syntax errors in policy.");
    }
    List<JsonNode> out = new ArrayList<>();
    if (statement.isObject()) {
      out.add(statement);
    } else {
      statement.forEach(out::add);
    }
    if (out.isEmpty()) {
      throw malformed("Syntax errors in policy.");
    }
    for (JsonNode st : out) {
      String effect = st.path("Effect").asText("");
      if (!st.isObject() || !effect.equals("Allow") && !effect.equals("Deny")) {
        throw malformed("Syntax errors in policy.");
      }
    }
    return out;
  }

  private static AwsException malformed(String message) {
    return AwsException.client("MalformedPolicyDocument", message);
  }

  /** IAM returns policy documents URL-encoded (RFC 3986: spaces as %20, not +). */
  static String urlEncode(String doc) {
    return URLEncoder.encode(doc, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }
}
