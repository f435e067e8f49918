package dev.berth.localcloud.services.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.MutableClock;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidSecurityGroupException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** CreateLoadBalancer, DescribeLoadBalancers, DeleteLoadBalancer under the aws latency profile. */
class ElbLoadBalancerTest {
  private final MutableClock clock = new MutableClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  private LocalCloud cloud;
  private ElasticLoadBalancingV2Client elb;
  private TestNetwork net;

  @BeforeEach
  void setUp() {
    cloud = ext.cloud();
    elb = Clients.of(ElasticLoadBalancingV2Client.builder(), cloud);
    net = TestNetwork.create(cloud, true);
  }

  @AfterEach
  void tearDown() {
    elb.close();
  }

  private LoadBalancer create(String name) {
    return elb.createLoadBalancer(request(name).build()).loadBalancers().get(0);
  }

  private CreateLoadBalancerRequest.Builder request(String name) {
    return CreateLoadBalancerRequest.builder()
        .name(name)
        .subnets(net.subnetA(), net.subnetB())
        .securityGroups(net.sgId())
        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
        .type(LoadBalancerTypeEnum.APPLICATION)
        .tags(Tag.builder().key("berth:stack").value("hello").build());
  }

  private LoadBalancer describe(String arn) {
    return elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0);
  }

  static AwsServiceException fails(String code, Executable call) {
    AwsServiceException e = assertThrows(AwsServiceException.class, call);
    assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    assertEquals(400, e.statusCode());
    return e;
  }

  @Test
  void createLoadBalancer_returnsProvisioningBalancerWithDnsNameAndZone() {
    LoadBalancer lb = create("hello-web");

    assertEquals(LoadBalancerStateEnum.PROVISIONING, lb.state().code());
    assertTrue(
        lb.dnsName().matches("hello-web-[1-9]\\d{9}\\.us-east-1\\.elb\\.amazonaws\\.com"),
        lb.dnsName());
    assertEquals("Z35SXDOTRQ7X7K", lb.canonicalHostedZoneId());
    assertTrue(
        lb.loadBalancerArn()
            .matches(
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/hello-web/[0-9a-f]{16}"));
    assertEquals(LoadBalancerSchemeEnum.INTERNET_FACING, lb.scheme());
    assertEquals(LoadBalancerTypeEnum.APPLICATION, lb.type());
    assertEquals(net.vpcId(), lb.vpcId());
    assertEquals(List.of(net.sgId()), lb.securityGroups());
    assertEquals(
        Set.of("us-east-1a:" + net.subnetA(), "us-east-1b:" + net.subnetB()),
        lb.availabilityZones().stream()
            .map(z -> z.zoneName() + ":" + z.subnetId())
            .collect(Collectors.toSet()));
    assertNotNull(lb.createdTime());
  }

  @Test
  void createLoadBalancer_becomesActiveAfterProfileDelay() {
    String arn = create("hello-web").loadBalancerArn();

    clock.advance(Duration.ofSeconds(149));
    assertEquals(LoadBalancerStateEnum.PROVISIONING, describe(arn).state().code());
    clock.advance(Duration.ofSeconds(2));
    assertEquals(LoadBalancerStateEnum.ACTIVE, describe(arn).state().code());
  }

  @Test
  void createLoadBalancer_whenVpcHasNoInternetGateway_staysProvisioning() {
    net = TestNetwork.create(cloud, false);
    String arn = create("hello-web").loadBalancerArn();

    clock.advance(Duration.ofHours(2));
    assertEquals(LoadBalancerStateEnum.PROVISIONING, describe(arn).state().code());

    net.attachInternetGateway(cloud);
    assertEquals(LoadBalancerStateEnum.ACTIVE, describe(arn).state().code());
  }

  @Test
  void createLoadBalancer_whenInternal_needsNoInternetGatewayAndHasInternalDnsName() {
    net = TestNetwork.create(cloud, false);
    LoadBalancer lb =
        elb.createLoadBalancer(request("private").scheme(LoadBalancerSchemeEnum.INTERNAL).build())
            .loadBalancers()
            .get(0);
    assertTrue(lb.dnsName().startsWith("internal-private-"), lb.dnsName());

    clock.advance(Duration.ofSeconds(150));
    assertEquals(LoadBalancerStateEnum.ACTIVE, describe(lb.loadBalancerArn()).state().code());
  }

  @Test
  void createLoadBalancer_whenNameBreaksRules_returnsValidationError() {
    for (String name :
        List.of(
            "a".repeat(33), "under_score", "-leading", "trailing-", "internal-web", "dot.name")) {
      fails("ValidationError", () -> create(name));
    }
    assertEquals(32, create("a".repeat(32)).loadBalancerName().length());
  }

  @Test
  void createLoadBalancer_whenSubnetsNotInTwoZones_returnsValidationError() {
    fails(
        "ValidationError",
        () -> elb.createLoadBalancer(request("one").subnets(net.subnetA()).build()));
    fails(
        "ValidationError",
        () ->
            elb.createLoadBalancer(request("same").subnets(net.subnetA(), net.subnetA2()).build()));
  }

  @Test
  void createLoadBalancer_whenSubnetOrGroupUnknown_returnsNotFoundCodes() {
    SubnetNotFoundException s =
        assertThrows(
            SubnetNotFoundException.class,
            () ->
                elb.createLoadBalancer(
                    request("x").subnets(net.subnetA(), "subnet-0123456789abcdef0").build()));
    assertEquals("SubnetNotFound", s.awsErrorDetails().errorCode());
    InvalidSecurityGroupException g =
        assertThrows(
            InvalidSecurityGroupException.class,
            () ->
                elb.createLoadBalancer(
                    request("x").securityGroups("sg-0123456789abcdef0").build()));
    assertEquals("InvalidSecurityGroup", g.awsErrorDetails().errorCode());
  }

  @Test
  void createLoadBalancer_whenNameTaken_returnsSameBalancerOrDuplicateName() {
    String arn = create("hello-web").loadBalancerArn();

    assertEquals(arn, create("hello-web").loadBalancerArn());
    DuplicateLoadBalancerNameException e =
        assertThrows(
            DuplicateLoadBalancerNameException.class,
            () ->
                elb.createLoadBalancer(
                    request("hello-web").subnets(net.subnetA2(), net.subnetB()).build()));
    assertEquals("DuplicateLoadBalancerName", e.awsErrorDetails().errorCode());
  }

  @Test
  void createLoadBalancer_createsOneRequesterManagedInterfacePerSubnet() {
    LoadBalancer lb = create("hello-web");
    String id = lb.loadBalancerArn().substring(lb.loadBalancerArn().lastIndexOf('/') + 1);

    List<Res> enis;
    synchronized (cloud.world()) {
      enis = cloud.world().of("ec2", "network-interface").toList();
    }
    assertEquals(2, enis.size());
    for (Res eni : enis) {
      assertTrue(eni.id.matches("eni-0[0-9a-f]{16}"), eni.id);
      assertEquals("ELB app/hello-web/" + id, eni.str("description"));
      assertEquals("amazon-elb", eni.str("requesterId"));
      assertEquals("interface", eni.str("interfaceType"));
      assertEquals(List.of(net.sgId()), eni.listAttr("groups"));
      assertEquals(net.vpcId(), eni.str("vpcId"));
      assertTrue(eni.refs.containsAll(List.of(eni.str("subnetId"), net.vpcId(), net.sgId())));
      String prefix = eni.str("subnetId").equals(net.subnetA()) ? "10.0.1." : "10.0.2.";
      assertTrue(eni.str("privateIp").startsWith(prefix), eni.str("privateIp"));
    }
  }

  @Test
  void describeLoadBalancers_whenUnknown_returnsLoadBalancerNotFound() {
    assertThrows(
        LoadBalancerNotFoundException.class, () -> elb.describeLoadBalancers(r -> r.names("nope")));
    String arn = create("hello-web").loadBalancerArn();
    assertThrows(
        LoadBalancerNotFoundException.class,
        () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn.replace("hello-web", "nope"))));
    assertEquals(
        arn,
        elb.describeLoadBalancers(r -> r.names("hello-web"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn());
  }

  @Test
  void describeLoadBalancers_pagesWithMarker() {
    create("a1");
    create("a2");
    create("a3");

    var first = elb.describeLoadBalancers(r -> r.pageSize(2));
    assertEquals(2, first.loadBalancers().size());
    assertNotNull(first.nextMarker());
    var second = elb.describeLoadBalancers(r -> r.pageSize(2).marker(first.nextMarker()));
    assertEquals(
        List.of("a3"),
        second.loadBalancers().stream().map(LoadBalancer::loadBalancerName).toList());
    assertNull(second.nextMarker());
    assertEquals(
        3, elb.describeLoadBalancersPaginator(r -> r.pageSize(1)).loadBalancers().stream().count());
  }

  @Test
  void deleteLoadBalancer_deletesListenersAndLeavesInterfacesForAWhile() {
    String arn = create("hello-web").loadBalancerArn();
    String listener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(arn)
                        .port(80)
                        .protocol(ProtocolEnum.HTTP)
                        .defaultActions(
                            Action.builder()
                                .type("fixed-response")
                                .fixedResponseConfig(f -> f.statusCode("404"))
                                .build()))
            .listeners()
            .get(0)
            .listenerArn();

    elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn));

    assertThrows(
        LoadBalancerNotFoundException.class,
        () -> elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)));
    fails("ListenerNotFound", () -> elb.describeListeners(r -> r.listenerArns(listener)));
    elb.deleteLoadBalancer(r -> r.loadBalancerArn(arn));
    clock.advance(Duration.ofSeconds(299));
    elb.describeLoadBalancers();
    synchronized (cloud.world()) {
      assertEquals(2, cloud.world().of("ec2", "network-interface").count());
      assertEquals(0, cloud.world().of("elasticloadbalancing", "rule").count());
    }
    clock.advance(Duration.ofSeconds(1));
    elb.describeLoadBalancers();
    synchronized (cloud.world()) {
      assertEquals(0, cloud.world().of("ec2", "network-interface").count());
    }
  }

  @Test
  void createLoadBalancer_tagsAreDescribed() {
    String arn = create("hello-web").loadBalancerArn();

    var tags = elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0);
    assertEquals(arn, tags.resourceArn());
    assertEquals(List.of(Tag.builder().key("berth:stack").value("hello").build()), tags.tags());
  }
}
