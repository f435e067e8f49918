package dev.berth.localcloud.services.elb;

import static dev.berth.localcloud.services.elb.Elb.SERVICE;
import static dev.berth.localcloud.services.elb.Elb.error;
import static dev.berth.localcloud.services.elb.Elb.validation;

import dev.berth.localcloud.core.Regions;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CreateListener, DescribeListeners, ModifyListener, DeleteListener. Each listener owns a default
 * rule ({@code rule} with {@code isDefault}) whose actions mirror the listener's default actions. A
 * deleted listener keeps its ACM certificate in use a little longer ({@code inUseUntil}).
 */
final class Listeners {
  static final String DEFAULT_POLICY = "ELBSecurityPolicy-2016-08";
  static final Set<String> POLICIES =
      Set.of(
          "ELBSecurityPolicy-2016-08",
          "ELBSecurityPolicy-2015-05",
          "ELBSecurityPolicy-TLS-1-0-2015-04",
          "ELBSecurityPolicy-TLS-1-1-2017-01",
          "ELBSecurityPolicy-TLS-1-2-2017-01",
          "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
          "ELBSecurityPolicy-FS-2018-06",
          "ELBSecurityPolicy-FS-1-1-2019-08",
          "ELBSecurityPolicy-FS-1-2-2019-08",
          "ELBSecurityPolicy-FS-1-2-Res-2019-08",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10",
          "ELBSecurityPolicy-TLS13-1-0-2021-06",
          "ELBSecurityPolicy-TLS13-1-1-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04");

  private Listeners() {}

  static Response create(Request req, World world) {
    Res lb = Elb.lb(world, req.region(), req.required("LoadBalancerArn"));
    String protocol = req.param("Protocol");
    if (protocol == null || protocol.isEmpty()) {
      throw validation("A listener protocol must be specified");
    }
    checkProtocol(protocol);
    Integer port = Elb.intParam(req, "Port", null);
    if (port == null) {
      throw validation("A listener port must be specified");
    }
    Elb.checkRange("port", port, 1, 65535);
    String cert = certificate(req, world, protocol, null);
    String policy = sslPolicy(req.param("SslPolicy"), protocol, null);
    List<Object> actions = Actions.parseActions(req, "DefaultActions.member", world);

    var existing =
        world
            .of(SERVICE, Elb.LISTENER)
            .filter(l -> lb.arn.equals(l.str("loadBalancerArn")) && l.num("port", 0) == port)
            .findFirst();
    if (existing.isPresent()) {
      Res l = existing.get();
      boolean same =
          protocol.equals(l.str("protocol"))
              && Objects.equals(cert, l.str("certificateArn"))
              && Objects.equals(policy, l.str("sslPolicy"))
              && actions.equals(l.listAttr("defaultActions"));
      if (!same) {
        throw error(
            "DuplicateListener",
            "A listener already exists on this port for this load balancer '" + lb.arn + "'");
      }
      return respond("CreateListener", world, List.of(l), null);
    }

    Res l = new Res(SERVICE, Elb.LISTENER, null);
    l.arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/" + world.newId("", 16);
    l.id = l.arn;
    l.state = "active";
    l.attrs.put("region", lb.region());
    l.tags.putAll(Elb.tagsParam(req));
    l.attrs.put("loadBalancerArn", lb.arn);
    l.attrs.put("port", port);
    l.attrs.put("protocol", protocol);
    l.attrs.put("certificateArn", cert);
    l.attrs.put("sslPolicy", policy);
    l.attrs.put("defaultActions", actions);
    refresh(l);
    world.put(l);

    Res rule = new Res(SERVICE, Elb.RULE, null);
    rule.arn = Rules.arnFor(world, l);
    rule.id = rule.arn;
    rule.state = "active";
    rule.attrs.put("region", l.region());
    rule.attrs.put("listenerArn", l.arn);
    rule.attrs.put("priority", "default");
    rule.attrs.put("isDefault", true);
    rule.attrs.put("conditions", new ArrayList<>());
    rule.attrs.put("actions", actions);
    Rules.refresh(rule);
    world.put(rule);
    return respond("CreateListener", world, List.of(l), null);
  }

  private static void checkProtocol(String protocol) {
    if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
      throw error(
          "UnsupportedProtocol",
          "Protocol '" + protocol + "' is not supported by application load balancers");
    }
  }

  /** The listener's certificate after this call: validated when given, kept when not. */
  private static String certificate(Request req, World world, String protocol, String current) {
    List<Map<String, String>> certs = req.structs("Certificates.member");
    if (protocol.equals("HTTP")) {
      if (!certs.isEmpty()) {
        throw validation("A certificate cannot be specified for HTTP listeners");
      }
      return null;
    }
    if (certs.isEmpty()) {
      if (current == null) {
        throw validation("A certificate must be specified for HTTPS listeners");
      }
      return current;
    }
    if (certs.size() > 1) {
      throw error("TooManyCertificates", "A listener can have only one default certificate");
    }
    String arn = certs.get(0).get("CertificateArn");
    if (Regions.foreign(arn, req.region())) {
      throw validation("Certificate ARN '" + arn + "' is not valid");
    }
    Res cert = arn == null ? null : world.get("acm", "certificate", req.region(), arn).orElse(null);
    if (cert == null) {
      throw error("CertificateNotFound", "Certificate '" + arn + "' not found");
    }
    if (!"ISSUED".equals(cert.str("status"))) {
      throw error(
          "UnsupportedCertificate",
          "The certificate '"
              + arn
              + "' must have a fully-qualified domain name, a supported signature, and a"
              + " supported key size.");
    }
    return arn;
  }

  private static String sslPolicy(String given, String protocol, String current) {
    if (protocol.equals("HTTP")) {
      if (given != null && !given.isEmpty()) {
        throw validation("An SSL policy cannot be specified for HTTP listeners");
      }
      return null;
    }
    if (given == null || given.isEmpty()) {
      return current != null ? current : DEFAULT_POLICY;
    }
    if (!POLICIES.contains(given)) {
      throw error("SSLPolicyNotFound", "SSL policy '" + given + "' not found");
    }
    return given;
  }

  /** Recomputes a listener's refs from its attrs: load balancer, target groups, certificate. */
  static void refresh(Res l) {
    l.refs.clear();
    l.refs.add(l.str("loadBalancerArn"));
    l.refs.addAll(Actions.targetGroups(l.listAttr("defaultActions")));
    if (l.str("certificateArn") != null) {
      l.refs.add(l.str("certificateArn"));
    }
  }

  static Response describe(Request req, World world) {
    String lbArn = req.param("LoadBalancerArn");
    List<String> arns = req.list("ListenerArns.member");
    List<Res> found;
    if (lbArn != null && !lbArn.isEmpty()) {
      Elb.lb(world, req.region(), lbArn);
      found =
          world
              .of(SERVICE, Elb.LISTENER)
              .filter(l -> lbArn.equals(l.str("loadBalancerArn")))
              .toList();
    } else if (!arns.isEmpty()) {
      found = new ArrayList<>();
      for (String arn : arns) {
        Elb.checkArn(arn, "listener", "listener", req.region());
        world.get(SERVICE, Elb.LISTENER, req.region(), arn).ifPresent(found::add);
      }
      if (found.size() < arns.size()) {
        throw error("ListenerNotFound", "One or more listeners not found");
      }
    } else {
      throw validation("You must specify either listener ARNs or a load balancer ARN");
    }
    Elb.Page page = Elb.page(req, found);
    return respond("DescribeListeners", world, page.items(), page.nextMarker());
  }

  private static Response respond(String action, World world, List<Res> ls, String next) {
    return ElbXml.respond(
        action,
        world,
        x -> {
          ElbXml.members(x, "Listeners", ls, l -> ElbXml.listener(x, l));
          x.leaf("NextMarker", next);
        });
  }

  static Response modify(Request req, World world) {
    Res l = Elb.listener(world, req.region(), req.required("ListenerArn"));
    String protocol = Objects.requireNonNullElse(req.param("Protocol"), l.str("protocol"));
    checkProtocol(protocol);
    Integer port = Elb.intParam(req, "Port", (int) l.num("port", 0));
    Elb.checkRange("port", port, 1, 65535);
    boolean taken =
        world
            .of(SERVICE, Elb.LISTENER)
            .anyMatch(
                o ->
                    o != l
                        && o.str("loadBalancerArn").equals(l.str("loadBalancerArn"))
                        && o.num("port", 0) == port);
    if (taken) {
      throw error(
          "DuplicateListener",
          "A listener already exists on this port for this load balancer '"
              + l.str("loadBalancerArn")
              + "'");
    }
    String oldCert = l.str("certificateArn");
    String cert = certificate(req, world, protocol, oldCert);
    String policy = sslPolicy(req.param("SslPolicy"), protocol, l.str("sslPolicy"));
    List<Object> actions =
        req.structs("DefaultActions.member").isEmpty()
            ? l.listAttr("defaultActions")
            : Actions.parseActions(req, "DefaultActions.member", world);
    l.attrs.put("protocol", protocol);
    l.attrs.put("port", port);
    l.attrs.put("certificateArn", cert);
    l.attrs.put("sslPolicy", policy);
    setDefaultActions(world, l, actions);
    if (oldCert != null && !oldCert.equals(cert)) {
      releaseCertificate(world, oldCert);
    }
    return respond("ModifyListener", world, List.of(l), null);
  }

  /** Sets the listener's default actions and its default rule's, keeping refs current. */
  static void setDefaultActions(World world, Res l, List<Object> actions) {
    l.attrs.put("defaultActions", actions);
    refresh(l);
    world
        .of(SERVICE, Elb.RULE)
        .filter(r -> l.arn.equals(r.str("listenerArn")) && r.bool("isDefault"))
        .forEach(
            r -> {
              r.attrs.put("actions", actions);
              Rules.refresh(r);
            });
  }

  static Response delete(Request req, World world) {
    remove(world, Elb.listener(world, req.region(), req.required("ListenerArn")));
    return ElbXml.respond("DeleteListener", world, x -> {});
  }

  /** Removes a listener with its rules. */
  static void remove(World world, Res l) {
    world
        .of(SERVICE, Elb.RULE)
        .filter(r -> l.arn.equals(r.str("listenerArn")))
        .toList()
        .forEach(world::remove);
    world.remove(l);
    if (l.str("certificateArn") != null) {
      releaseCertificate(world, l.str("certificateArn"));
    }
  }

  /** ACM still reports a certificate in use for a while after its last listener went away. */
  private static void releaseCertificate(World world, String arn) {
    long until = world.nowMillis() + world.delayMillis("acm.inuse.after.listener");
    world.get("acm", "certificate", arn).ifPresent(c -> c.attrs.put("inUseUntil", until));
  }
}
