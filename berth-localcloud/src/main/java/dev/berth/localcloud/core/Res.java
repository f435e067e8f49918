package dev.berth.localcloud.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One emulated resource of any service. All of localcloud's state lives in these (plus {@link
 * World#meta()}), so inventory, persistence, tag search and cross-service rules work the same for
 * every service. Plain mutable fields: the world is only touched under its lock.
 */
public final class Res {
  /** Signing name of the owning service: ec2, iam, elasticloadbalancing, ecs, cloudflare, ... */
  public String service;

  /** Resource type within the service, for example {@code vpc}, {@code loadbalancer}. */
  public String type;

  /** The id the API uses to name it (vpc-…, an ARN for ELBv2/ACM/ECS, a role name for IAM). */
  public String id;

  /** The ARN where the resource has one. */
  public String arn;

  /** A human name (role name, load-balancer name, hostname, …). */
  public String name;

  /** A display state (available, provisioning, active, ISSUED, …) kept current by the service. */
  public String state;

  public Map<String, String> tags = new LinkedHashMap<>();

  /** Service-specific attributes: JSON-like values only (String, Number, Boolean, List, Map). */
  public Map<String, Object> attrs = new LinkedHashMap<>();

  /**
   * Ids or ARNs of other resources this one uses. {@link World#referrers} finds users of a resource
   * through these, for DependencyViolation / ResourceInUse / DeleteConflict rules.
   */
  public Set<String> refs = new LinkedHashSet<>();

  /** Epoch millis of creation on the world's clock. */
  public long createdAt;

  /**
   * Epoch millis after which the world removes this resource by itself (lingering ENIs), or null.
   */
  public Long expiresAt;

  public Res() {}

  public Res(String service, String type, String id) {
    this.service = service;
    this.type = type;
    this.id = id;
  }

  @JsonIgnore
  public String str(String key) {
    Object v = attrs.get(key);
    return v == null ? null : v.toString();
  }

  @JsonIgnore
  public long num(String key, long dflt) {
    Object v = attrs.get(key);
    return v instanceof Number n ? n.longValue() : v == null ? dflt : Long.parseLong(v.toString());
  }

  @JsonIgnore
  public boolean bool(String key) {
    Object v = attrs.get(key);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }

  @SuppressWarnings("unchecked")
  @JsonIgnore
  public List<Object> listAttr(String key) {
    Object v = attrs.get(key);
    return v == null ? List.of() : (List<Object>) v;
  }

  @SuppressWarnings("unchecked")
  @JsonIgnore
  public Map<String, Object> mapAttr(String key) {
    Object v = attrs.get(key);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  /**
   * The region a regional resource belongs to (see {@link Regions}): its {@code region} attribute;
   * for one put into the world without it (a test fixture), the region its ARN names, else {@link
   * Regions#DEFAULT}. Null for global resources.
   */
  @JsonIgnore
  public String region() {
    String region = str("region");
    if (region != null || Regions.global(service)) {
      return region;
    }
    String fromArn = Regions.ofArn(arn);
    return fromArn != null ? fromArn : Regions.DEFAULT;
  }

  @JsonIgnore
  public boolean inRegion(String region) {
    return region.equals(region());
  }

  /**
   * The key the world files this resource under: {@code service/type/id}, with the region before
   * the id for a regional resource, since an id (a log group name) may repeat across regions.
   */
  @JsonIgnore
  public String key() {
    return World.key(service, type, region(), id);
  }
}
