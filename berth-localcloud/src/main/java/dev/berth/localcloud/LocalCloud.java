package dev.berth.localcloud;

import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Faults;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Server;
import dev.berth.localcloud.core.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * An in-process emulator of the AWS and Cloudflare APIs berth uses. {@code
 * LocalCloud.builder().clock(c).profile(Profile.instant()).start()} serves on a free loopback port.
 */
public final class LocalCloud implements AutoCloseable {
  private final World world;
  private final Faults faults = new Faults();
  private final Server server;

  private LocalCloud(Builder b) {
    this.world = new World(b.clock, b.profile);
    Path stateFile = b.dataDir == null ? null : b.dataDir.resolve("world.json");
    if (stateFile != null) {
      world.load(stateFile);
    }
    List<AwsService> services = new ArrayList<>();
    ServiceLoader.load(AwsService.class, LocalCloud.class.getClassLoader()).forEach(services::add);
    this.server = new Server(world, faults, services, stateFile);
    try {
      server.start(b.port);
    } catch (IOException e) {
      throw new UncheckedIOException("localcloud could not listen on port " + b.port, e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The endpoint for AWS clients, for example {@code http://127.0.0.1:4566}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The Cloudflare API base, {@code <endpoint>/client/v4}. */
  public URI cloudflareBase() {
    return URI.create(endpoint() + "/client/v4");
  }

  public int port() {
    return server.port();
  }

  public World world() {
    return world;
  }

  public Faults faults() {
    return faults;
  }

  /** Creates a Cloudflare zone reachable with {@code token}. */
  public Res cloudflareZone(String name, String token) {
    synchronized (world) {
      return createCloudflareZone(world, name, token);
    }
  }

  /** Creates a Route 53 public hosted zone. */
  public Res route53Zone(String name) {
    synchronized (world) {
      return createRoute53Zone(world, name);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Cloudflare zone: {@code cloudflare/zone}, id 32 hex, token kept in {@code attrs.token}. */
  public static Res createCloudflareZone(World world, String name, String token) {
    String n = name.replaceAll("\\.$", "");
    return world
        .of("cloudflare", "zone")
        .filter(z -> z.name.equals(n))
        .findFirst()
        .orElseGet(
            () -> {
              Res z = new Res("cloudflare", "zone", world.newId("", 32));
              z.name = n;
              z.state = "active";
              if (token != null) {
                z.attrs.put("token", token);
              }
              return world.put(z);
            });
  }

  /** Route 53 zone: {@code route53/hostedzone}, id {@code Z...}, name with a trailing dot. */
  public static Res createRoute53Zone(World world, String name) {
    String n = name.endsWith(".") ? name : name + ".";
    return world
        .of("route53", "hostedzone")
        .filter(z -> z.name.equals(n))
        .findFirst()
        .orElseGet(
            () -> {
              Res z = new Res("route53", "hostedzone", world.newId("Z", 20).toUpperCase());
              z.name = n;
              z.state = "active";
              z.attrs.put("private", false);
              return world.put(z);
            });
  }

  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Profile profile = Profile.instant();
    private int port = 0;
    private Path dataDir;

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder profile(Profile p) {
      this.profile = p;
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int p) {
      this.port = p;
      return this;
    }

    /** Persist the world under this folder and reload it on start. */
    public Builder dataDir(Path d) {
      this.dataDir = d;
      return this;
    }

    public LocalCloud start() {
      return new LocalCloud(this);
    }
  }
}
