package dev.berth.localcloud.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which region a call and a resource belong to. A call's region is the one in its SigV4 credential
 * scope; a regional resource keeps the region of the call that made it in its {@code region}
 * attribute, and only calls of that region see it. IAM, STS, Route 53 and Cloudflare are global.
 */
public final class Regions {
  /** The region of unsigned calls and of resources persisted before regions were kept apart. */
  public static final String DEFAULT = "us-east-1";

  private static final Set<String> GLOBAL = Set.of("iam", "sts", "route53", "cloudflare");

  private Regions() {}

  /** The region a call was signed for. */
  public static String of(Request req) {
    return req.region() == null || req.region().isEmpty() ? DEFAULT : req.region();
  }

  /** The region field of an ARN ({@code arn:aws:SERVICE:REGION:…}), or null if it has none. */
  public static String ofArn(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 5);
    return parts.length < 5 || parts[3].isEmpty() ? null : parts[3];
  }

  /** Whether an ARN names a region other than {@code region} (false for non-ARNs and global). */
  public static boolean foreign(String arn, String region) {
    String r = ofArn(arn);
    return r != null && !r.equals(region);
  }

  public static boolean global(String service) {
    return GLOBAL.contains(service);
  }

  /**
   * Brings resources of a world persisted before regions were kept apart up to date: each regional
   * resource gets the region its ARN names, an S3 object its bucket's, others {@link #DEFAULT}
   * (global resources stay without one).
   */
  static void upgrade(List<Res> resources) {
    Map<String, String> bucketRegions = new HashMap<>();
    for (Res r : resources) {
      if (r.service.equals("s3") && r.type.equals("bucket") && r.str("region") != null) {
        bucketRegions.put(r.id, r.str("region"));
      }
    }
    for (Res r : resources) {
      if (global(r.service) || r.str("region") != null) {
        continue;
      }
      String bucketRegion =
          r.service.equals("s3") && r.type.equals("object")
              ? bucketRegions.get(r.str("bucket"))
              : null;
      r.attrs.put("region", bucketRegion != null ? bucketRegion : r.region());
    }
  }
}
