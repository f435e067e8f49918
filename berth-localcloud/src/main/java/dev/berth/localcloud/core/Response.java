package dev.berth.localcloud.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response. */
public record Response(int status, Map<String, String> headers, byte[] body) {
  public static Response xml(int status, String xml) {
    return new Response(
        status, Map.of("Content-Type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8));
  }

  public static Response json(int status, String json) {
    return new Response(
        status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON 1.1 success response (ECS, ACM, Secrets Manager, Logs, Tagging). */
  public static Response amzJson(String json) {
    return new Response(
        200,
        Map.of("Content-Type", "application/x-amz-json-1.1"),
        json.getBytes(StandardCharsets.UTF_8));
  }
}
