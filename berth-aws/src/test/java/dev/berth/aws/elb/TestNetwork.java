package dev.berth.aws.elb;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import java.util.ArrayList;

/**
 * What the ELBv2 handlers depend on, put straight into localcloud's world (docs/internals.md): a
 * VPC with two subnets in two zones, a security group, optionally an attached internet gateway, and
 * an issued ACM certificate.
 */
record TestNetwork(String vpcId, String subnetA, String subnetB, String sgId, String certArn) {

  static TestNetwork create(LocalCloud cloud, boolean internetGateway) {
    World w = cloud.world();
    synchronized (w) {
      Res vpc = new Res("ec2", "vpc", w.ec2Id("vpc"));
      vpc.state = "available";
      vpc.attrs.put("cidr", "10.0.0.0/16");
      w.put(vpc);
      String a = subnet(w, vpc.id, "10.0.1.0/24", "us-east-1a");
      String b = subnet(w, vpc.id, "10.0.2.0/24", "us-east-1b");
      Res sg = new Res("ec2", "security-group", w.ec2Id("sg"));
      sg.name = "hello-lb";
      sg.attrs.put("vpcId", vpc.id);
      sg.attrs.put("description", "load balancer");
      sg.attrs.put("ingress", new ArrayList<>());
      sg.refs.add(vpc.id);
      w.put(sg);
      if (internetGateway) {
        Res igw = new Res("ec2", "internet-gateway", w.ec2Id("igw"));
        igw.attrs.put("vpcId", vpc.id);
        igw.refs.add(vpc.id);
        w.put(igw);
      }
      String arn = w.arn("acm", "us-east-1", "certificate/" + w.uuid());
      Res cert = new Res("acm", "certificate", arn);
      cert.arn = arn;
      cert.name = "hello.example.com";
      cert.state = "ISSUED";
      cert.attrs.put("status", "ISSUED");
      w.put(cert);
      return new TestNetwork(vpc.id, a, b, sg.id, arn);
    }
  }

  private static String subnet(World w, String vpcId, String cidr, String zone) {
    Res s = new Res("ec2", "subnet", w.ec2Id("subnet"));
    s.state = "available";
    s.attrs.put("vpcId", vpcId);
    s.attrs.put("cidr", cidr);
    s.attrs.put("availabilityZone", zone);
    s.refs.add(vpcId);
    return w.put(s).id;
  }
}
