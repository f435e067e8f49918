package dev.berth.aws.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents berth writes, as maps that the policy handler serialises with Jackson (never
 * by string formatting: the original script's policy had a trailing comma).
 */
public final class Policies {
  public static final String VERSION = "2012-10-17";

  private Policies() {}

  /**
   * Allows exactly {@code secretsmanager:GetSecretValue} on {@code secretArns} and {@code
   * ssm:GetParameters} on {@code ssmArns}, nothing more: what an ECS task execution role needs to
   * pull private registry credentials and inject secrets. Elements may be ARNs or {@code Ref}s to
   * ARN outputs, resolved by the engine. A list may be empty, not both.
   */
  public static Map<String, Object> secretsReadPolicy(List<?> secretArns, List<?> ssmArns) {
    if (secretArns.isEmpty() && ssmArns.isEmpty()) {
      throw new IllegalArgumentException("a secrets read policy needs at least one ARN");
    }
    List<Object> statements = new ArrayList<>();
    if (!secretArns.isEmpty()) {
      statements.add(allow("secretsmanager:GetSecretValue", secretArns));
    }
    if (!ssmArns.isEmpty()) {
      statements.add(allow("ssm:GetParameters", ssmArns));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", VERSION);
    doc.put("Statement", statements);
    return doc;
  }

  /**
   * The trust policy letting {@code service} (for example ecs-tasks.amazonaws.com) assume a role.
   */
  public static Map<String, Object> trustPolicy(String service) {
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Effect", "Allow");
    statement.put("Principal", Map.of("Service", service));
    statement.put("Action", "sts:AssumeRole");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", VERSION);
    doc.put("Statement", List.of(statement));
    return doc;
  }

  private static Map<String, Object> allow(String action, List<?> resources) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Effect", "Allow");
    s.put("Action", action);
    s.put("Resource", new ArrayList<>(resources));
    return s;
  }
}
