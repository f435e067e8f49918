package dev.berth.cloudflare;

import dev.berth.core.time.BerthClock;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link CloudflareClient} whose HTTP calls pass through hooks, so tests in other modules can
 * simulate a crash right after a Cloudflare call succeeded. Lives in this package for the client's
 * package-private constructor.
 */
public final class CrashableCloudflare {
  private CrashableCloudflare() {}

  /**
   * @param beforeSend runs before each request (may throw to refuse it)
   * @param afterSuccess told the action of each mutating call that succeeded ({@code
   *     CreateDnsRecord}, {@code UpdateDnsRecord}, {@code PatchDnsRecord}, {@code DeleteDnsRecord})
   */
  public static CloudflareClient client(
      URI base,
      String token,
      BerthClock clock,
      Runnable beforeSend,
      Consumer<String> afterSuccess) {
    HttpClient real = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return new CloudflareClient(base, token, clock, new Hooked(real, beforeSend, afterSuccess));
  }

  static String action(HttpRequest r) {
    String path = r.uri().getPath().replaceAll("/+$", "");
    return switch (r.method()) {
      case "POST" -> path.endsWith("/dns_records") ? "CreateDnsRecord" : null;
      case "PUT" -> "UpdateDnsRecord";
      case "PATCH" -> "PatchDnsRecord";
      case "DELETE" -> "DeleteDnsRecord";
      default -> null;
    };
  }

  private static final class Hooked extends HttpClient {
    private final HttpClient real;
    private final Runnable beforeSend;
    private final Consumer<String> afterSuccess;

    Hooked(HttpClient real, Runnable beforeSend, Consumer<String> afterSuccess) {
      this.real = real;
      this.beforeSend = beforeSend;
      this.afterSuccess = afterSuccess;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      beforeSend.run();
      HttpResponse<T> resp = real.send(req, handler);
      String action = action(req);
      if (action != null && resp.statusCode() < 300) {
        afterSuccess.accept(action);
      }
      return resp;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest req, HttpResponse.BodyHandler<T> handler) {
      throw new UnsupportedOperationException("berth's Cloudflare client sends synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest req,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      throw new UnsupportedOperationException("berth's Cloudflare client sends synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return real.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return real.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
      return real.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return real.proxy();
    }

    @Override
    public SSLContext sslContext() {
      return real.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
      return real.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return real.authenticator();
    }

    @Override
    public Version version() {
      return real.version();
    }

    @Override
    public Optional<Executor> executor() {
      return real.executor();
    }
  }
}
