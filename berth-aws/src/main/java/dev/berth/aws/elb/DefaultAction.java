package dev.berth.aws.elb;

import dev.berth.core.graph.Props;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

/**
 * A listener's {@code defaultAction} property and the ELBv2 action it stands for: {@code {type:
 * fixed-response, statusCode: 404}} (text/plain "Not found" unless given), {@code {type: redirect,
 * protocol, port, statusCode}}, or {@code {type: forward, targetGroupArn}}.
 */
final class DefaultAction {
  private DefaultAction() {}

  static Action toAction(Map<String, Object> p) {
    String type = Props.string(p, "type");
    if (type == null) {
      throw new IllegalArgumentException("defaultAction needs a type");
    }
    return switch (type) {
      case "fixed-response" -> {
        String status = Props.string(p, "statusCode");
        String body = Props.string(p, "messageBody");
        yield Action.builder()
            .type(ActionTypeEnum.FIXED_RESPONSE)
            .fixedResponseConfig(
                FixedResponseActionConfig.builder()
                    .statusCode(status)
                    .contentType(
                        p.get("contentType") == null
                            ? "text/plain"
                            : Props.string(p, "contentType"))
                    .messageBody(body == null && "404".equals(status) ? "Not found" : body)
                    .build())
            .build();
      }
      case "redirect" ->
          Action.builder()
              .type(ActionTypeEnum.REDIRECT)
              .redirectConfig(
                  RedirectActionConfig.builder()
                      .protocol(Props.string(p, "protocol"))
                      .port(Props.string(p, "port"))
                      .host(Props.string(p, "host"))
                      .path(Props.string(p, "path"))
                      .query(Props.string(p, "query"))
                      .statusCode(Props.string(p, "statusCode"))
                      .build())
              .build();
      case "forward" ->
          Action.builder()
              .type(ActionTypeEnum.FORWARD)
              .targetGroupArn(Props.string(p, "targetGroupArn"))
              .build();
      default -> throw new IllegalArgumentException("unsupported defaultAction type " + type);
    };
  }

  /**
   * The property view of an action, limited to the keys the desired property names so that AWS's
   * own defaults (redirect host {@code #{host}}, …) are not mistaken for drift.
   */
  static Map<String, Object> toProps(Action a, Map<String, Object> desired) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("type", a.typeAsString());
    if (a.fixedResponseConfig() != null) {
      var f = a.fixedResponseConfig();
      all.put("statusCode", Integer.parseInt(f.statusCode()));
      all.put("contentType", f.contentType());
      all.put("messageBody", f.messageBody());
    }
    if (a.redirectConfig() != null) {
      var r = a.redirectConfig();
      all.put("protocol", r.protocol());
      all.put("port", parseOrKeep(r.port()));
      all.put("host", r.host());
      all.put("path", r.path());
      all.put("query", r.query());
      all.put("statusCode", r.statusCodeAsString());
    }
    if (a.targetGroupArn() != null) {
      all.put("targetGroupArn", a.targetGroupArn());
    }
    if (desired.isEmpty()) {
      return all;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    desired.keySet().forEach(k -> view.put(k, all.get(k)));
    return view;
  }

  private static Object parseOrKeep(String port) {
    try {
      return Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return port;
    }
  }
}
