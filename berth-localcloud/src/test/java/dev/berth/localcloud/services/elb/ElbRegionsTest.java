package dev.berth.localcloud.services.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.RegionalNetwork;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ELBv2 is regional: a load balancer or target group name is unique per region, ARNs carry the
 * region, and an ARN of another region is answered as not valid, including one of an ACM
 * certificate or target group a listener would use.
 */
@ExtendWith(LocalCloudExtension.class)
class ElbRegionsTest {
  private static final String NAME = "berth-x";

  private LocalCloud cloud;
  private ElasticLoadBalancingV2Client us;
  private ElasticLoadBalancingV2Client eu;
  private RegionalNetwork usNet;
  private RegionalNetwork euNet;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    us = Clients.of(ElasticLoadBalancingV2Client.builder(), cloud, Region.US_EAST_1);
    eu = Clients.of(ElasticLoadBalancingV2Client.builder(), cloud, Region.EU_CENTRAL_1);
    usNet = RegionalNetwork.create(cloud, Region.US_EAST_1);
    euNet = RegionalNetwork.create(cloud, Region.EU_CENTRAL_1);
  }

  @AfterEach
  void tearDown() {
    us.close();
    eu.close();
  }

  private static LoadBalancer loadBalancer(ElasticLoadBalancingV2Client elb, RegionalNetwork net) {
    return elb.createLoadBalancer(
            r -> r.name(NAME).subnets(net.subnetA(), net.subnetB()).securityGroups(net.groupId()))
        .loadBalancers()
        .get(0);
  }

  private static String targetGroup(ElasticLoadBalancingV2Client elb, RegionalNetwork net) {
    return elb.createTargetGroup(
            r ->
                r.name(NAME)
                    .protocol(ProtocolEnum.HTTP)
                    .port(8080)
                    .vpcId(net.vpcId())
                    .targetType(TargetTypeEnum.IP))
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }

  private static CreateListenerResponse httpsListener(
      ElasticLoadBalancingV2Client elb, String lb, String cert, String targetGroup) {
    return elb.createListener(
        r ->
            r.loadBalancerArn(lb)
                .protocol(ProtocolEnum.HTTPS)
                .port(443)
                .certificates(Certificate.builder().certificateArn(cert).build())
                .defaultActions(
                    Action.builder()
                        .type(ActionTypeEnum.FORWARD)
                        .targetGroupArn(targetGroup)
                        .build()));
  }

  /** An ISSUED ACM certificate of {@code region}, as ACM records it (see docs/internals.md). */
  private String certificate(String region) {
    World w = cloud.world();
    synchronized (w) {
      String arn = w.arn("acm", region, "certificate/" + w.uuid());
      Res c = new Res("acm", "certificate", arn);
      c.arn = arn;
      c.name = "x.example.com";
      c.state = "ISSUED";
      c.attrs.put("status", "ISSUED");
      c.attrs.put("region", region);
      return w.put(c).arn;
    }
  }

  private static void invalid(String message, Executable call) {
    ElasticLoadBalancingV2Exception e = assertThrows(ElasticLoadBalancingV2Exception.class, call);
    assertEquals("ValidationError", e.awsErrorDetails().errorCode());
    assertTrue(
        e.awsErrorDetails().errorMessage().contains(message), e.awsErrorDetails().errorMessage());
  }

  @Test
  void createLoadBalancer_whenNameExistsInAnotherRegion_createsASecondOne() {
    LoadBalancer first = loadBalancer(us, usNet);

    assertEquals(List.of(), eu.describeLoadBalancers().loadBalancers());
    assertThrows(
        LoadBalancerNotFoundException.class, () -> eu.describeLoadBalancers(r -> r.names(NAME)));
    LoadBalancer second = loadBalancer(eu, euNet);

    assertTrue(first.loadBalancerArn().startsWith("arn:aws:elasticloadbalancing:us-east-1:"));
    assertTrue(second.loadBalancerArn().startsWith("arn:aws:elasticloadbalancing:eu-central-1:"));
    assertTrue(second.dnsName().endsWith(".eu-central-1.elb.amazonaws.com"), second.dnsName());
    assertEquals(
        List.of(second.loadBalancerArn()),
        eu.describeLoadBalancers(r -> r.names(NAME)).loadBalancers().stream()
            .map(LoadBalancer::loadBalancerArn)
            .toList());
  }

  @Test
  void createTargetGroup_whenNameExistsInAnotherRegion_createsASecondOne() {
    String first = targetGroup(us, usNet);

    assertThrows(
        TargetGroupNotFoundException.class, () -> eu.describeTargetGroups(r -> r.names(NAME)));
    String second = targetGroup(eu, euNet);

    assertNotEquals(first, second);
    assertTrue(second.startsWith("arn:aws:elasticloadbalancing:eu-central-1:"), second);
    assertEquals(1, eu.describeTargetGroups().targetGroups().size());
    assertEquals(1, us.describeTargetGroups().targetGroups().size());
  }

  @Test
  void deleteLoadBalancer_inOneRegion_leavesTheOther() {
    LoadBalancer first = loadBalancer(us, usNet);
    LoadBalancer second = loadBalancer(eu, euNet);
    String usGroup = targetGroup(us, usNet);
    targetGroup(eu, euNet);

    eu.deleteLoadBalancer(r -> r.loadBalancerArn(second.loadBalancerArn()));
    eu.deleteTargetGroup(
        r -> r.targetGroupArn(eu.describeTargetGroups().targetGroups().get(0).targetGroupArn()));

    assertEquals(List.of(), eu.describeLoadBalancers().loadBalancers());
    assertEquals(List.of(), eu.describeTargetGroups().targetGroups());
    assertEquals(
        first.loadBalancerArn(),
        us.describeLoadBalancers(r -> r.names(NAME)).loadBalancers().get(0).loadBalancerArn());
    assertEquals(
        usGroup,
        us.describeTargetGroups(r -> r.names(NAME)).targetGroups().get(0).targetGroupArn());
  }

  @Test
  void calls_withAnArnOfAnotherRegion_answerNotAValidArn() {
    String lb = loadBalancer(us, usNet).loadBalancerArn();
    String tg = targetGroup(us, usNet);
    loadBalancer(eu, euNet);

    invalid(
        "is not a valid load balancer ARN",
        () -> eu.describeLoadBalancers(r -> r.loadBalancerArns(lb)));
    invalid(
        "is not a valid load balancer ARN",
        () -> eu.deleteLoadBalancer(r -> r.loadBalancerArn(lb)));
    invalid(
        "is not a valid target group ARN",
        () -> eu.describeTargetGroups(r -> r.targetGroupArns(tg)));
    invalid(
        "is not a valid target group ARN", () -> eu.deleteTargetGroup(r -> r.targetGroupArn(tg)));
    invalid("is not a valid load balancer ARN", () -> eu.describeTags(r -> r.resourceArns(lb)));
    assertEquals(1, us.describeLoadBalancers(r -> r.loadBalancerArns(lb)).loadBalancers().size());
    assertEquals(1, us.describeTargetGroups(r -> r.targetGroupArns(tg)).targetGroups().size());
  }

  @Test
  void createLoadBalancer_withSubnetsOfAnotherRegion_answersSubnetNotFound() {
    assertThrows(
        SubnetNotFoundException.class,
        () -> eu.createLoadBalancer(r -> r.name(NAME).subnets(usNet.subnetA(), usNet.subnetB())));
    invalid(
        "is not found",
        () ->
            eu.createTargetGroup(
                r ->
                    r.name(NAME)
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .vpcId(usNet.vpcId())
                        .targetType(TargetTypeEnum.IP)));
  }

  @Test
  void createListener_usesCertificatesAndTargetGroupsOfItsOwnRegionOnly() {
    String lb = loadBalancer(eu, euNet).loadBalancerArn();
    String euGroup = targetGroup(eu, euNet);
    String usGroup = targetGroup(us, usNet);
    String usCert = certificate("us-east-1");
    String euCert = certificate("eu-central-1");

    invalid(
        "Certificate ARN '" + usCert + "' is not valid",
        () -> httpsListener(eu, lb, usCert, euGroup));
    invalid("is not a valid target group ARN", () -> httpsListener(eu, lb, euCert, usGroup));

    String listener = httpsListener(eu, lb, euCert, euGroup).listeners().get(0).listenerArn();
    assertTrue(listener.startsWith("arn:aws:elasticloadbalancing:eu-central-1:"), listener);
    invalid(
        "is not a valid listener ARN", () -> us.describeListeners(r -> r.listenerArns(listener)));
    invalid("is not a valid listener ARN", () -> us.describeRules(r -> r.listenerArn(listener)));
    assertEquals(1, eu.describeRules(r -> r.listenerArn(listener)).rules().size());
  }
}
