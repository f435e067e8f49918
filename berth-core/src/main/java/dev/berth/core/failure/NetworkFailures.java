package dev.berth.core.failure;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Names the ways a call can fail to reach its endpoint at all, from the JDK's exceptions anywhere
 * in a cause chain: for {@link ErrorClassifier#unreachable} implementations. A call that reached
 * the endpoint and then timed out waiting for the answer is not one of them.
 */
public final class NetworkFailures {
  private NetworkFailures() {}

  /**
   * {@code unknown host example.invalid}, {@code connection refused}, {@code connection timed out},
   * {@code no route to host}, or null if {@code error} is not a failure to connect.
   */
  public static String reason(Throwable error) {
    String refused = null;
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException u) {
        return "unknown host" + (u.getMessage() == null ? "" : " " + host(u.getMessage()));
      }
      if (t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t.getClass().getName().equals("java.net.http.HttpConnectTimeoutException")
          || t instanceof SocketTimeoutException
              && String.valueOf(t.getMessage()).toLowerCase().contains("connect")) {
        return "connection timed out";
      }
      if (t instanceof ConnectException && refused == null) {
        String m = String.valueOf(t.getMessage()).toLowerCase();
        refused = m.contains("timed out") ? "connection timed out" : "connection refused";
      }
    }
    return refused;
  }

  /** "host: Name or service not known" → "host". */
  private static String host(String message) {
    int colon = message.indexOf(':');
    return colon > 0 ? message.substring(0, colon) : message;
  }
}
