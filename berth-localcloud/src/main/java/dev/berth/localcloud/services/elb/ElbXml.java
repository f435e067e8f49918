package dev.berth.localcloud.services.elb;

import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** ELBv2 query-protocol responses: {@code <XResponse><XResult>…</XResult><ResponseMetadata>}. */
final class ElbXml {
  static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ElbXml() {}

  static Response respond(String action, World world, Consumer<Xml> result) {
    Xml x = new Xml().open(action + "Response", NS).open(action + "Result");
    result.accept(x);
    return x.close()
        .open("ResponseMetadata")
        .leaf("RequestId", world.requestId())
        .close()
        .close()
        .response();
  }

  static String time(long millis) {
    return TIME.format(Instant.ofEpochMilli(millis));
  }

  static <T> void members(Xml x, String name, List<T> items, Consumer<T> each) {
    x.open(name);
    for (T item : items) {
      x.open("member");
      each.accept(item);
      x.close();
    }
    x.close();
  }

  static void strings(Xml x, String name, List<?> values) {
    x.open(name);
    values.forEach(v -> x.leaf("member", v));
    x.close();
  }

  /**
   * Writes a stored API-shaped value: maps as nested elements, lists as {@code <member>} items,
   * anything else as text. Actions and conditions are stored this way.
   */
  static void value(Xml x, String name, Object v) {
    if (v == null) {
      return;
    }
    if (v instanceof Map<?, ?> m) {
      x.open(name);
      m.forEach((k, val) -> value(x, String.valueOf(k), val));
      x.close();
    } else if (v instanceof List<?> l) {
      x.open(name);
      for (Object item : l) {
        value(x, "member", item);
      }
      x.close();
    } else {
      x.leaf(name, v);
    }
  }

  static void tags(Xml x, Map<String, String> tags) {
    x.tags("Tags", "member", "Key", "Value", tags);
  }

  static void loadBalancer(Xml x, World world, Res lb) {
    x.leaf("LoadBalancerArn", lb.arn)
        .leaf("DNSName", lb.str("dnsName"))
        .leaf("CanonicalHostedZoneId", lb.str("canonicalHostedZoneId"))
        .leaf("CreatedTime", time(lb.createdAt))
        .leaf("LoadBalancerName", lb.name)
        .leaf("Scheme", lb.str("scheme"))
        .leaf("VpcId", lb.str("vpcId"));
    x.open("State").leaf("Code", LoadBalancers.state(world, lb)).close();
    x.leaf("Type", lb.str("type"));
    members(
        x,
        "AvailabilityZones",
        lb.listAttr("availabilityZones"),
        az -> {
          Map<?, ?> m = (Map<?, ?>) az;
          x.leaf("ZoneName", m.get("zoneName")).leaf("SubnetId", m.get("subnetId"));
          x.open("LoadBalancerAddresses").close();
        });
    strings(x, "SecurityGroups", lb.listAttr("securityGroups"));
    x.leaf("IpAddressType", lb.str("ipAddressType"));
  }

  static void targetGroup(Xml x, Res tg, List<String> loadBalancerArns) {
    x.leaf("TargetGroupArn", tg.arn)
        .leaf("TargetGroupName", tg.name)
        .leaf("Protocol", tg.str("protocol"))
        .leaf("Port", tg.attrs.get("port"))
        .leaf("VpcId", tg.str("vpcId"))
        .leaf("HealthCheckProtocol", tg.str("healthCheckProtocol"))
        .leaf("HealthCheckPort", tg.str("healthCheckPort"))
        .leaf("HealthCheckEnabled", tg.bool("healthCheckEnabled"))
        .leaf("HealthCheckIntervalSeconds", tg.attrs.get("healthCheckIntervalSeconds"))
        .leaf("HealthCheckTimeoutSeconds", tg.attrs.get("healthCheckTimeoutSeconds"))
        .leaf("HealthyThresholdCount", tg.attrs.get("healthyThresholdCount"))
        .leaf("UnhealthyThresholdCount", tg.attrs.get("unhealthyThresholdCount"))
        .leaf("HealthCheckPath", tg.str("healthCheckPath"));
    x.open("Matcher").leaf("HttpCode", tg.str("matcher")).close();
    strings(x, "LoadBalancerArns", loadBalancerArns);
    x.leaf("TargetType", tg.str("targetType"))
        .leaf("ProtocolVersion", tg.str("protocolVersion"))
        .leaf("IpAddressType", tg.str("ipAddressType"));
  }

  static void listener(Xml x, Res l) {
    x.leaf("ListenerArn", l.arn)
        .leaf("LoadBalancerArn", l.str("loadBalancerArn"))
        .leaf("Port", l.attrs.get("port"))
        .leaf("Protocol", l.str("protocol"));
    if (l.str("certificateArn") != null) {
      x.open("Certificates")
          .open("member")
          .leaf("CertificateArn", l.str("certificateArn"))
          .close()
          .close();
    }
    x.leaf("SslPolicy", l.str("sslPolicy"));
    value(x, "DefaultActions", l.listAttr("defaultActions"));
  }

  static void rule(Xml x, Res r) {
    x.leaf("RuleArn", r.arn).leaf("Priority", r.str("priority"));
    value(x, "Conditions", r.listAttr("conditions"));
    value(x, "Actions", r.listAttr("actions"));
    x.leaf("IsDefault", r.bool("isDefault"));
  }
}
