package dev.berth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.failure.ErrorKind;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * With the SDK's retries off, every error the SDK's standard strategy would have retried is
 * transient here, so that the engine retries it on its clock; credentials that cannot be loaded are
 * not retried.
 */
class AwsErrorClassifierTest {
  private static final AwsErrorClassifier CLASSIFIER = new AwsErrorClassifier();

  private static AwsServiceException error(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .serviceName("EC2")
                .errorCode(code)
                .errorMessage("message of " + code)
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                .build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
        "RequestTimeout",
        "RequestTimeoutException",
        "IDPCommunicationError"
      })
  void sdkRetryableCodes_areTransient(String code) {
    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(error(400, code)), code);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void serverErrors_areTransient(int status) {
    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(error(status, "Whatever")));
  }

  @Test
  void throttlingStatus429_isTransient() {
    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(error(429, "Whatever")));
  }

  @Test
  void clockSkew_isTransient() {
    // The SDK corrects its clock offset from the answer's Date header even without retries; the
    // engine's next attempt is then signed with the corrected time.
    AwsServiceException skew =
        AwsServiceException.builder()
            .statusCode(403)
            .clockSkew(java.time.Duration.ofHours(1))
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .serviceName("EC2")
                    .errorCode("RequestExpired")
                    .errorMessage("Request has expired.")
                    .sdkHttpResponse(
                        SdkHttpResponse.builder()
                            .statusCode(403)
                            .putHeader("Date", Instant.now().toString())
                            .build())
                    .build())
            .build();

    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(skew));
  }

  @Test
  void accessDenied_isFatal() {
    assertEquals(ErrorKind.FATAL, CLASSIFIER.classify(error(403, "AccessDenied")));
  }

  @Test
  void connectionReset_isTransient() {
    SdkClientException e =
        SdkClientException.create(
            "Unable to execute HTTP request: Connection reset",
            new SocketException("Connection reset"));

    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(e));
  }

  @Test
  void readTimeout_isTransient() {
    SdkClientException e =
        SdkClientException.create(
            "Unable to execute HTTP request: Read timed out",
            new SocketTimeoutException("Read timed out"));

    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(e));
  }

  @Test
  void otherIoFailure_isTransient() {
    SdkClientException e =
        SdkClientException.create(
            "Unable to execute HTTP request: unexpected end of stream",
            new IOException("unexpected end of stream"));

    assertEquals(ErrorKind.TRANSIENT, CLASSIFIER.classify(e));
  }

  @Test
  void credentialsThatCannotBeLoaded_areFatal() {
    SdkClientException e =
        SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain",
            new java.net.ConnectException("Connection refused"));

    assertEquals(ErrorKind.FATAL, CLASSIFIER.classify(e));
  }
}
