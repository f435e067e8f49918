package dev.berth.app.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.aws.AwsClients;
import dev.berth.aws.AwsErrorClassifier;
import dev.berth.core.time.SteppingClock;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Faults;
import dev.berth.localcloud.core.Profile;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The engine is the one retry loop: clients built the default way (no retry strategy given) make
 * exactly one HTTP attempt per engine attempt, so throttling and server errors are waited out on
 * the engine's clock (virtual here) and never by the SDK sleeping in wall time.
 */
class OneRetryLoopTest {
  private final SteppingClock clock = new SteppingClock();

  @RegisterExtension
  final LocalCloudExtension ext = new LocalCloudExtension(clock, Profile.aws(1.0));

  private long httpAttempts(LocalCloud cloud, String action) {
    return cloud.world().calls().stream().filter(c -> c.action().equals(action)).count();
  }

  @ParameterizedTest(name = "{0} {1} answered {2} {3}")
  @CsvSource({
    "ec2, DescribeVpcs, 503, RequestLimitExceeded",
    "sts, GetCallerIdentity, 400, Throttling",
    "ec2, DescribeVpcs, 500, InternalError",
    "route53, ListHostedZones, 400, Throttling"
  })
  void throttledCalls_makeOneHttpAttemptPerEngineAttempt(
      String service, String action, int status, String error) {
    LocalCloud cloud = ext.cloud();
    Faults.Rule rule = new Faults.Rule();
    rule.service = service;
    rule.action = action;
    rule.status = status;
    rule.error = error;
    rule.message = "Rate exceeded";
    rule.count = 3;
    cloud.faults().add(rule);
    AtomicInteger engineAttempts = new AtomicInteger();
    try (AwsClients aws =
        new AwsClients(
            Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
            cloud.endpoint())) {
      Callable<Object> call =
          switch (action) {
            case "DescribeVpcs" -> () -> aws.ec2().describeVpcs();
            case "GetCallerIdentity" -> () -> aws.sts().getCallerIdentity();
            case "ListHostedZones" -> () -> aws.route53().listHostedZones();
            default -> throw new IllegalArgumentException(action);
          };
      Instant before = clock.instant();

      new Reads(clock, new AwsErrorClassifier())
          .get(
              "calling " + action,
              () -> {
                engineAttempts.incrementAndGet();
                return call.call();
              });

      assertEquals(4, engineAttempts.get(), "three failures, then the answer");
      assertEquals(
          engineAttempts.get(),
          httpAttempts(cloud, action),
          "HTTP attempts at localcloud: the SDK must not retry inside an engine attempt");
      assertTrue(
          clock.instant().isAfter(before), "the engine waited between attempts, on its clock");
    }
  }
}
