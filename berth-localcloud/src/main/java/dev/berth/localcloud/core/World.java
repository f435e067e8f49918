package dev.berth.localcloud.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Everything localcloud knows: resources of every service, plus a little world-wide metadata. Every
 * access happens under the world's monitor ({@code synchronized (world)}); the server holds it for
 * the whole of each request, so services are written as single-threaded code.
 */
public final class World {
  public static final String ACCOUNT = "123456789012";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Clock clock;
  private Profile profile;
  private final Map<String, Res> resources = new LinkedHashMap<>();
  private final Map<String, Object> meta = new LinkedHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private Random random = new Random(42);
  private long sequence;

  public World(Clock clock, Profile profile) {
    this.clock = clock;
    this.profile = profile;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public long nowMillis() {
    return clock.millis();
  }

  public Profile profile() {
    return profile;
  }

  public void profile(Profile p) {
    this.profile = p;
  }

  /** {@link Profile#delay(String, Duration)} in millis, for timestamps in {@link Res#attrs}. */
  public long delayMillis(String key, Duration natural) {
    return profile.delay(key, natural).toMillis();
  }

  public long delayMillis(String key) {
    return delayMillis(key, Duration.ZERO);
  }

  public Random random() {
    return random;
  }

  /** World-wide data that is not a resource (Cloudflare tokens, counters). Persisted. */
  public Map<String, Object> meta() {
    return meta;
  }

  // ---- resources

  /** Adds (or replaces) a resource, stamping its creation time if unset. */
  public Res put(Res r) {
    if (r.createdAt == 0) {
      r.createdAt = nowMillis();
    }
    resources.put(r.key(), r);
    return r;
  }

  public void remove(Res r) {
    resources.remove(r.key());
  }

  static String key(String service, String type, String region, String id) {
    return region == null
        ? service + "/" + type + "/" + id
        : service + "/" + type + "/" + region + "/" + id;
  }

  /**
   * A resource by id in whichever region holds it: for ids unique across regions (ARNs, EC2 ids);
   * calls name a region with {@link #get(String, String, String, String)}.
   */
  public Optional<Res> get(String service, String type, String id) {
    Res r = resources.get(key(service, type, null, id));
    if (r == null && Regions.ofArn(id) != null) {
      r = resources.get(key(service, type, Regions.ofArn(id), id));
    }
    if (r != null) {
      return Optional.of(r);
    }
    return of(service, type).filter(x -> id.equals(x.id)).findFirst();
  }

  /** A resource by id, or by ARN, or by name, of one type. */
  public Optional<Res> find(String service, String type, String idArnOrName) {
    Optional<Res> byId = get(service, type, idArnOrName);
    if (byId.isPresent()) {
      return byId;
    }
    return of(service, type)
        .filter(r -> idArnOrName.equals(r.arn) || idArnOrName.equals(r.name))
        .findFirst();
  }

  public Stream<Res> of(String service, String type) {
    return resources.values().stream()
        .filter(r -> r.service.equals(service) && r.type.equals(type));
  }

  /** The resources of one type in one region (see {@link Regions}). */
  public Stream<Res> of(String service, String type, String region) {
    return of(service, type).filter(r -> r.inRegion(region));
  }

  /** A resource by id, if it belongs to {@code region}. */
  public Optional<Res> get(String service, String type, String region, String id) {
    return Optional.ofNullable(resources.get(key(service, type, region, id)))
        .filter(r -> r.inRegion(region));
  }

  public Stream<Res> all() {
    return new ArrayList<>(resources.values()).stream();
  }

  /** Live resources that name {@code idOrArn} among their {@link Res#refs}. */
  public Stream<Res> referrers(String idOrArn) {
    return all().filter(r -> r.refs.contains(idOrArn));
  }

  /** Removes resources whose {@link Res#expiresAt} has passed. */
  public void collectExpired() {
    long now = nowMillis();
    resources.values().removeIf(r -> r.expiresAt != null && r.expiresAt <= now);
  }

  /** A fresh id: {@code prefix} followed by {@code hexDigits} hex characters. */
  public String newId(String prefix, int hexDigits) {
    StringBuilder sb = new StringBuilder(prefix);
    while (sb.length() < prefix.length() + hexDigits) {
      sb.append(Integer.toHexString(random.nextInt(16)));
    }
    return sb.toString();
  }

  /** A fresh EC2-style id such as {@code vpc-0a1b2c3d4e5f60718}. */
  public String ec2Id(String prefix) {
    return newId(prefix + "-0", 16);
  }

  public String uuid() {
    return newId("", 8)
        + "-"
        + newId("", 4)
        + "-4"
        + newId("", 3)
        + "-a"
        + newId("", 3)
        + "-"
        + newId("", 12);
  }

  public String requestId() {
    return uuid();
  }

  public long nextSequence() {
    return ++sequence;
  }

  public String arn(String service, String region, String resource) {
    return "arn:aws:"
        + service
        + ":"
        + (region == null ? "" : region)
        + ":"
        + ACCOUNT
        + ":"
        + resource;
  }

  // ---- calls

  public record Call(
      String service, String action, String time, int status, boolean mutating, String accessKey) {}

  public void record(Call c) {
    calls.add(c);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Forgets every resource, metadata and recorded call. */
  public void reset() {
    resources.clear();
    meta.clear();
    calls.clear();
    random = new Random(42);
    sequence = 0;
  }

  // ---- persistence

  private record Snapshot(List<Res> resources, Map<String, Object> meta, long sequence) {}

  public void save(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(
          tmp.toFile(), new Snapshot(new ArrayList<>(resources.values()), meta, sequence));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void load(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      Snapshot s = JSON.readValue(file.toFile(), Snapshot.class);
      Regions.upgrade(s.resources());
      resources.clear();
      s.resources().forEach(r -> resources.put(r.key(), r));
      meta.clear();
      meta.putAll(s.meta());
      sequence = s.sequence();
      // A reloaded world must not hand out the ids of resources it deleted before (AWS never
      // reuses an id), so it does not restart the seeded sequence.
      random = new Random(System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
