package dev.berth.app.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic names of a stack's AWS resources: the same stack always derives the same names, so
 * a crashed run can find what it made, and names stay within AWS limits (load balancer and target
 * group ≤ 32 characters, IAM role ≤ 64).
 */
public final class Names {
  private static final int ELB_NAME_MAX = 32;
  private static final int HASH = 6;

  private Names() {}

  public static String loadBalancer(String stack, String region) {
    return elbName(stack, "lb", region);
  }

  /** Includes what forces a new target group, so a replacement can coexist with the old one. */
  public static String targetGroup(String stack, String region, int port, String vpcKey) {
    return elbName(stack, "tg", region + "/" + port + "/" + vpcKey);
  }

  /**
   * IAM names are global to the account, so they carry the region: the same stack name can live in
   * several regions without sharing (and one destroy deleting) the other's roles.
   */
  public static String executionRole(String stack, String region) {
    return "berth-" + stack + "-" + region + "-execution";
  }

  public static String taskRole(String stack, String region) {
    return "berth-" + stack + "-" + region + "-task";
  }

  public static String secretsPolicy(String stack, String region) {
    return "berth-" + stack + "-" + region + "-secrets";
  }

  public static String registrySecret(String stack) {
    return "berth/" + stack + "/registry";
  }

  public static String cluster(String stack) {
    return "berth-" + stack;
  }

  public static String service(String stack) {
    return stack;
  }

  public static String taskFamily(String stack) {
    return "berth-" + stack;
  }

  public static String logGroup(String stack) {
    return "/berth/" + stack;
  }

  public static String securityGroup(String stack, String purpose) {
    return "berth-" + stack + "-" + purpose;
  }

  /** {@code <stack>-<hash>}, the stack part shortened so that the whole fits in 32 characters. */
  static String elbName(String stack, String purpose, String salt) {
    String hash = hash(stack + "/" + purpose + "/" + salt);
    String prefix = stack;
    int room = ELB_NAME_MAX - 1 - HASH;
    if (prefix.length() > room) {
      prefix = prefix.substring(0, room).replaceAll("-+$", "");
    }
    return prefix + "-" + hash;
  }

  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, HASH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
