package dev.berth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.failure.ErrorKind;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** A call that never reaches AWS is named with its endpoint and the reason, and is transient. */
class EndpointNamingTest {
  private static final AwsErrorClassifier CLASSIFIER = new AwsErrorClassifier();

  private static SdkClientException call(String endpoint) {
    try (AwsClients aws =
        new AwsClients(
            Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            URI.create(endpoint))) {
      return assertThrows(SdkClientException.class, () -> aws.sts().getCallerIdentity());
    }
  }

  private static String chain(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void unreachable_whenTheConnectionIsRefused_namesTheEndpoint() {
    SdkClientException e = call("http://127.0.0.1:1");

    assertEquals(
        "the AWS endpoint http://127.0.0.1:1 could not be reached: connection refused",
        CLASSIFIER.unreachable(e),
        chain(e));
    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(e));
    assertEquals(CLASSIFIER.unreachable(e), CLASSIFIER.describe(e));
  }

  @Test
  void unreachable_whenTheHostDoesNotResolve_saysUnknownHost() {
    SdkClientException e = call("http://berth-no-such-host.invalid:4566");

    assertEquals(
        "the AWS endpoint http://berth-no-such-host.invalid:4566 could not be reached:"
            + " unknown host berth-no-such-host.invalid",
        CLASSIFIER.unreachable(e),
        chain(e));
  }

  @Test
  void unreachable_whenCredentialsCannotBeLoaded_isNull() {
    SdkClientException e =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain",
            new java.net.ConnectException("Connection refused"));

    assertNull(CLASSIFIER.unreachable(e));
  }
}
