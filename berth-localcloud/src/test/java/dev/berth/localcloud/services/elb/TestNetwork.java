package dev.berth.localcloud.services.elb;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;

/**
 * The EC2 and ACM pieces ELBv2 needs, put straight into the world following docs/internals.md: a
 * VPC, subnets in two zones (and a third in the first zone), a security group, optionally an
 * attached internet gateway, and ACM certificates.
 */
record TestNetwork(String vpcId, String subnetA, String subnetB, String subnetA2, String sgId) {

  static TestNetwork create(LocalCloud cloud, boolean internetGateway) {
    World w = cloud.world();
    synchronized (w) {
      Res vpc = new Res("ec2", "vpc", w.ec2Id("vpc"));
      vpc.attrs.put("region", "us-east-1");
      vpc.state = "available";
      vpc.attrs.put("cidr", "10.0.0.0/16");
      w.put(vpc);
      String a = subnet(w, vpc.id, "10.0.1.0/24", "us-east-1a");
      String b = subnet(w, vpc.id, "10.0.2.0/24", "us-east-1b");
      String a2 = subnet(w, vpc.id, "10.0.3.0/24", "us-east-1a");
      Res sg = new Res("ec2", "security-group", w.ec2Id("sg"));
      sg.attrs.put("region", "us-east-1");
      sg.name = "lb";
      sg.attrs.put("vpcId", vpc.id);
      sg.attrs.put("description", "load balancer");
      sg.attrs.put("ingress", new ArrayList<>());
      sg.attrs.put("default", false);
      sg.refs.add(vpc.id);
      w.put(sg);
      TestNetwork net = new TestNetwork(vpc.id, a, b, a2, sg.id);
      if (internetGateway) {
        net.attachInternetGateway(cloud);
      }
      return net;
    }
  }

  private static String subnet(World w, String vpcId, String cidr, String zone) {
    Res s = new Res("ec2", "subnet", w.ec2Id("subnet"));
    s.attrs.put("region", "us-east-1");
    s.state = "available";
    s.attrs.put("vpcId", vpcId);
    s.attrs.put("cidr", cidr);
    s.attrs.put("availabilityZone", zone);
    s.attrs.put("mapPublicIpOnLaunch", true);
    s.refs.add(vpcId);
    return w.put(s).id;
  }

  String attachInternetGateway(LocalCloud cloud) {
    World w = cloud.world();
    synchronized (w) {
      Res igw = new Res("ec2", "internet-gateway", w.ec2Id("igw"));
      igw.attrs.put("region", "us-east-1");
      igw.state = "available";
      igw.attrs.put("vpcId", vpcId);
      igw.refs.add(vpcId);
      return w.put(igw).id;
    }
  }

  /** An ACM certificate in {@code status} (ISSUED, PENDING_VALIDATION, …); returns its ARN. */
  static String certificate(LocalCloud cloud, String domain, String status) {
    World w = cloud.world();
    synchronized (w) {
      String arn = w.arn("acm", "us-east-1", "certificate/" + w.uuid());
      Res c = new Res("acm", "certificate", arn);
      c.attrs.put("region", "us-east-1");
      c.arn = arn;
      c.name = domain;
      c.state = status;
      c.attrs.put("status", status);
      return w.put(c).arn;
    }
  }
}
