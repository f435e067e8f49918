package dev.berth.aws.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Policy documents to and from IAM's wire form. */
final class PolicyJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyJson() {}

  static String write(Map<String, Object> document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("policy document cannot be written as JSON", e);
    }
  }

  /**
   * A document as IAM returns it: URL-encoded per RFC 3986 (AWS documents this for roles and policy
   * versions). A document that is already plain JSON is taken as is.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String wire) {
    String json =
        wire.trim().startsWith("{")
            ? wire
            : URLDecoder.decode(wire.replace("+", "%2B"), StandardCharsets.UTF_8);
    try {
      return JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("IAM returned a policy document that is not JSON", e);
    }
  }
}
