package dev.berth.aws.elb;

import dev.berth.core.graph.OutputKey;
import dev.berth.core.graph.PropertyKey;
import dev.berth.core.graph.ResourceDescriptor;
import java.util.Map;

/**
 * The contract of {@code aws.elbv2.listener}, served by {@link ListenerHandler}: its properties and
 * outputs.
 */
public final class ListenerKeys {
  public static final PropertyKey<String> LOAD_BALANCER_ARN =
      PropertyKey.string("loadBalancerArn").forcesReplacement();
  public static final PropertyKey<Integer> PORT = PropertyKey.integer("port");
  public static final PropertyKey<String> PROTOCOL =
      PropertyKey.string("protocol").note("`HTTP`/`HTTPS`");
  public static final PropertyKey<String> CERTIFICATE_ARN =
      PropertyKey.string("certificateArn").optional();
  public static final PropertyKey<String> SSL_POLICY = PropertyKey.string("sslPolicy").optional();
  public static final PropertyKey<Map<String, Object>> DEFAULT_ACTION =
      PropertyKey.map("defaultAction")
          .note(
              "`{type: fixed-response, statusCode: 404}` or `{type: redirect, protocol: HTTPS, port: 443, statusCode: HTTP_301}`");
  public static final OutputKey ARN = OutputKey.of("arn");

  public static final ResourceDescriptor DESCRIPTOR =
      ResourceDescriptor.of("aws.elbv2.listener")
          .properties(
              LOAD_BALANCER_ARN, PORT, PROTOCOL, CERTIFICATE_ARN, SSL_POLICY, DEFAULT_ACTION)
          .outputs(ARN)
          .note("ListenerHandler")
          .build();

  private ListenerKeys() {}
}
