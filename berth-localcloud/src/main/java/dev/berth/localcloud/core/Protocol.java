package dev.berth.localcloud.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The wire protocols localcloud speaks, and how each renders an error. */
public enum Protocol {
  /** EC2's query protocol: form-encoded request, EC2 XML response. */
  EC2,
  /** The query protocol of IAM, STS and ELBv2: form-encoded request, XML with a Result element. */
  QUERY,
  /** JSON 1.1 with X-Amz-Target (ECS, ACM, Secrets Manager, Logs, Tagging). */
  JSON,
  /** REST-XML (Route 53). */
  REST_XML,
  /** S3's REST-XML dialect. */
  S3,
  /** Cloudflare v4 REST JSON. */
  CLOUDFLARE;

  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

  public Response error(AwsException e, String requestId) {
    String code = e.code();
    String msg = e.getMessage() == null ? "" : e.getMessage();
    return switch (this) {
      case EC2 ->
          Response.xml(
              e.status(),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                  + Xml.escape(code)
                  + "</Code><Message>"
                  + Xml.escape(msg)
                  + "</Message></Error></Errors><RequestID>"
                  + requestId
                  + "</RequestID></Response>");
      case QUERY, REST_XML ->
          Response.xml(
              e.status(),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>"
                  + (e.status() >= 500 ? "Receiver" : "Sender")
                  + "</Type><Code>"
                  + Xml.escape(code)
                  + "</Code><Message>"
                  + Xml.escape(msg)
                  + "</Message></Error><RequestId>"
                  + requestId
                  + "</RequestId></ErrorResponse>");
      case S3 ->
          Response.xml(
              e.status(),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                  + Xml.escape(code)
                  + "</Code><Message>"
                  + Xml.escape(msg)
                  + "</Message><RequestId>"
                  + requestId
                  + "</RequestId></Error>");
      case JSON -> {
        ObjectNode body = JSON_MAPPER.createObjectNode();
        body.put("__type", code);
        body.put("message", msg);
        yield new Response(
            e.status(),
            Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", code),
            body.toString().getBytes(StandardCharsets.UTF_8));
      }
      case CLOUDFLARE -> {
        ObjectNode body = JSON_MAPPER.createObjectNode();
        body.put("success", false);
        ObjectNode err = body.putArray("errors").addObject();
        err.put("code", parseIntOr(code, 1000));
        err.put("message", msg);
        body.putArray("messages");
        body.putNull("result");
        Response r = Response.json(e.status(), body.toString());
        yield e.retryAfter() == null
            ? r
            : new Response(
                r.status(),
                Map.of("Content-Type", "application/json", "Retry-After", e.retryAfter()),
                r.body());
      }
    };
  }

  private static int parseIntOr(String s, int dflt) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException ex) {
      return dflt;
    }
  }
}
