package dev.berth.aws.network;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.aws.TestContext;
import dev.berth.core.failure.ErrorKind;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Handlers against an in-process localcloud on AWS's timings (one-second consistency window), with
 * one stepping clock for both, so the handlers' waits move localcloud's time.
 */
abstract class NetworkTestBase {
  final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  LocalCloud cloud;
  AwsClients aws;
  Ec2Client ec2;

  @BeforeEach
  void startClients() {
    cloud = ext.cloud();
    aws = clients(Region.US_EAST_1);
    ec2 = aws.ec2();
  }

  @AfterEach
  void closeClients() {
    aws.close();
  }

  AwsClients clients(Region region) {
    return new AwsClients(
        region,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
        cloud.endpoint());
  }

  TestContext ctx(String logicalId) {
    return new TestContext("hello", logicalId, clock);
  }

  static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Asserts the call fails with an error the engine classifies as {@code kind}. */
  static Exception failsAs(ErrorKind kind, Executable call) {
    Exception e = assertThrows(Exception.class, call);
    org.junit.jupiter.api.Assertions.assertEquals(
        kind, new AwsErrorClassifier().classify(e), () -> "classified " + e);
    return e;
  }

  // ---- building blocks, through the handlers

  String vpc(String cidr) throws Exception {
    return new VpcHandler(aws).create(ctx("vpc"), props("cidr", cidr)).physicalId();
  }

  String subnet(String vpcId, String id, String cidr, String az) throws Exception {
    return new SubnetHandler(aws)
        .create(
            ctx(id),
            props(
                "vpcId", vpcId, "cidr", cidr, "availabilityZone", az, "mapPublicIpOnLaunch", true))
        .physicalId();
  }
}
