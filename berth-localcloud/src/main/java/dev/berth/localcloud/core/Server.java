package dev.berth.localcloud.core;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front: one endpoint for every service. AWS calls are routed by the signing name in the
 * SigV4 credential scope (falling back to the {@code X-Amz-Target} prefix), Cloudflare calls by the
 * {@code /client/v4} prefix, control calls by {@code /_localcloud}.
 */
public final class Server {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
  private static final Map<String, String> TARGET_PREFIX =
      Map.of(
          "AmazonEC2ContainerServiceV20141113", "ecs",
          "CertificateManager", "acm",
          "secretsmanager", "secretsmanager",
          "Logs_20140328", "logs",
          "ResourceGroupsTaggingAPI_20170126", "tagging");

  private static final String NODELAY = "sun.net.httpserver.nodelay";

  private final World world;
  private final Faults faults;
  private final Map<String, AwsService> services = new LinkedHashMap<>();
  private final Control control;
  private final Path stateFile;
  private HttpServer http;
  private ExecutorService executor;

  public Server(World world, Faults faults, List<AwsService> services, Path stateFile) {
    this.world = world;
    this.faults = faults;
    services.forEach(s -> this.services.put(s.signingName(), s));
    this.stateFile = stateFile;
    this.control = new Control(world, faults, this::save);
  }

  public void start(int port) throws IOException {
    // The JDK server writes headers and body apart; with Nagle on, each answer then waits for the
    // client's delayed ACK (~40 ms a call). Read once, when the first server of the JVM starts.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    executor =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "localcloud-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/", this::exchange);
    http.start();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public void stop() {
    if (http != null) {
      http.stop(0);
      executor.shutdownNow();
    }
  }

  private void exchange(HttpExchange ex) throws IOException {
    Response resp;
    try {
      resp = dispatch(ex);
    } catch (RuntimeException e) {
      LOG.warn("localcloud internal error", e);
      resp = Protocol.JSON.error(new AwsException(500, "InternalFailure", String.valueOf(e)), "0");
    }
    ex.getResponseHeaders().set("x-amzn-RequestId", world.requestId());
    resp.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    boolean head = "HEAD".equals(ex.getRequestMethod());
    if (head || resp.body().length == 0) {
      ex.sendResponseHeaders(resp.status(), -1);
    } else {
      ex.sendResponseHeaders(resp.status(), resp.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(resp.body());
      }
    }
    ex.close();
  }

  private Response dispatch(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    String path = uri.getPath();
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> query = Request.parseForm(uri.getRawQuery());
    String auth = headers.getOrDefault("authorization", "");
    Matcher m = CREDENTIAL.matcher(auth);
    String accessKey = m.find() ? m.group(1) : null;
    String region = accessKey != null ? m.group(2) : "us-east-1";
    String service = accessKey != null ? m.group(3) : null;
    if (path.startsWith("/_localcloud/")) {
      Request req =
          new Request(
              ex.getRequestMethod(), path, query, headers, body, "localcloud", region, accessKey);
      return control.handle(req);
    }
    if (path.startsWith("/client/v4")) {
      service = "cloudflare";
    }
    if (service == null && headers.containsKey("x-amz-target")) {
      String t = headers.get("x-amz-target");
      service = TARGET_PREFIX.get(t.substring(0, Math.max(0, t.indexOf('.'))));
    }
    AwsService svc = service == null ? null : services.get(service);
    if (svc == null) {
      // Answer in the caller's protocol so that any SDK can read the error code.
      Protocol p = headers.containsKey("x-amz-target") ? Protocol.JSON : Protocol.QUERY;
      return p.error(
          AwsException.client("UnknownService", "localcloud does not emulate service " + service),
          world.requestId());
    }
    Request req =
        new Request(ex.getRequestMethod(), path, query, headers, body, service, region, accessKey);
    synchronized (world) {
      String action = svc.action(req);
      req.action(action);
      String requestId = world.requestId();
      Response resp;
      boolean mutating = isMutating(action, req.method());
      try {
        world.collectExpired();
        services.values().forEach(s -> s.tick(world));
        var fault = faults.match(service, action);
        if (fault.isPresent()) {
          throw fault.get();
        }
        resp = svc.handle(req, world);
      } catch (AwsException e) {
        resp = svc.protocol().error(e, requestId);
      }
      world.record(
          new World.Call(
              service, action, world.now().toString(), resp.status(), mutating, accessKey));
      if (mutating && resp.status() < 300) {
        save();
      }
      return resp;
    }
  }

  /** Whether a call changes anything: everything but Describe/List/Get/Head and GET requests. */
  public static boolean isMutating(String action, String method) {
    if (action == null) {
      return false;
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return false;
    }
    String a = action.contains(" ") ? action.substring(0, action.indexOf(' ')) : action;
    return !(a.startsWith("Describe")
        || a.startsWith("List")
        || a.startsWith("Get")
        || a.startsWith("Head")
        || a.startsWith("Filter")
        || a.equals("GET")
        || a.equals("HEAD"));
  }

  private void save() {
    if (stateFile != null) {
      synchronized (world) {
        world.save(stateFile);
      }
    }
  }
}
