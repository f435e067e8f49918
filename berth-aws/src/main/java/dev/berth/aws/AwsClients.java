package dev.berth.aws;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one factory of AWS SDK clients. Credentials come from the default provider chain (or the
 * named profile), the region from the caller, endpoints from {@code endpointUrl} or the SDK's own
 * {@code AWS_ENDPOINT_URL[_SERVICE]} convention. Every client shares one lightweight HTTP client,
 * makes one attempt per call (the SDK's retries are off: the engine retries what {@link
 * AwsErrorClassifier} calls transient, on its own clock), and is created on first use.
 */
public final class AwsClients implements AutoCloseable {
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final URI endpoint;
  private final List<ExecutionInterceptor> interceptors;
  private final RetryStrategy retryStrategy;
  private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();

  private final Supplier<Ec2Client> ec2 = lazy(() -> build(Ec2Client.builder()));
  private final Supplier<IamClient> iam = lazy(() -> build(IamClient.builder(), Region.AWS_GLOBAL));
  private final Supplier<StsClient> sts = lazy(() -> build(StsClient.builder()));
  private final Supplier<AcmClient> acm = lazy(() -> build(AcmClient.builder()));
  private final Supplier<ElasticLoadBalancingV2Client> elb =
      lazy(() -> build(ElasticLoadBalancingV2Client.builder()));
  private final Supplier<EcsClient> ecs = lazy(() -> build(EcsClient.builder()));
  private final Supplier<SecretsManagerClient> secrets =
      lazy(() -> build(SecretsManagerClient.builder()));
  private final Supplier<CloudWatchLogsClient> logs =
      lazy(() -> build(CloudWatchLogsClient.builder()));
  private final Supplier<Route53Client> route53 =
      lazy(() -> build(Route53Client.builder(), Region.AWS_GLOBAL));
  private final Supplier<S3Client> s3 =
      lazy(() -> build(S3Client.builder().forcePathStyle(usesCustomEndpoint())));

  /**
   * @param region the region of the stack
   * @param credentials null for the SDK's default provider chain
   * @param endpoint null to use AWS (or the {@code AWS_ENDPOINT_URL} environment variables)
   */
  public AwsClients(Region region, AwsCredentialsProvider credentials, URI endpoint) {
    this(region, credentials, endpoint, List.of(), null);
  }

  /**
   * For tests: clients that also run {@code interceptors} on every call (to observe calls or
   * simulate a crash after one) and retry with {@code retryStrategy} (null for none: one attempt
   * per call, the engine retries), for example one without backoff, since the SDK's backoff sleeps
   * in real time.
   */
  public AwsClients(
      Region region,
      AwsCredentialsProvider credentials,
      URI endpoint,
      List<ExecutionInterceptor> interceptors,
      RetryStrategy retryStrategy) {
    this.region = region;
    this.credentials =
        credentials != null ? credentials : DefaultCredentialsProvider.builder().build();
    this.endpoint = endpoint;
    this.interceptors = List.copyOf(interceptors);
    this.retryStrategy = retryStrategy;
  }

  /** Clients for a named profile of {@code ~/.aws/config} (null for the default chain). */
  public static AwsClients forProfile(Region region, String profile, URI endpoint) {
    AwsCredentialsProvider creds =
        profile == null ? null : DefaultCredentialsProvider.builder().profileName(profile).build();
    return new AwsClients(region, creds, endpoint);
  }

  public Region region() {
    return region;
  }

  public Ec2Client ec2() {
    return ec2.get();
  }

  public IamClient iam() {
    return iam.get();
  }

  public StsClient sts() {
    return sts.get();
  }

  public AcmClient acm() {
    return acm.get();
  }

  public ElasticLoadBalancingV2Client elb() {
    return elb.get();
  }

  public EcsClient ecs() {
    return ecs.get();
  }

  public SecretsManagerClient secrets() {
    return secrets.get();
  }

  public CloudWatchLogsClient logs() {
    return logs.get();
  }

  public Route53Client route53() {
    return route53.get();
  }

  public S3Client s3() {
    return s3.get();
  }

  private boolean usesCustomEndpoint() {
    return endpoint != null
        || System.getenv("AWS_ENDPOINT_URL") != null
        || System.getenv("AWS_ENDPOINT_URL_S3") != null;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, Region clientRegion) {
    builder.httpClient(http);
    builder.credentialsProvider(credentials);
    builder.region(clientRegion);
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
    if (retryStrategy != null) {
      config.retryStrategy(retryStrategy);
    } else {
      // The engine is the one retry loop, on its clock: the SDK makes one attempt per call. It
      // still corrects its clock offset after a clock-skew answer; the classifier makes that
      // answer transient, so the engine's next attempt is signed with the corrected time.
      config.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    config.addExecutionInterceptor(new EndpointNaming());
    interceptors.forEach(config::addExecutionInterceptor);
    builder.overrideConfiguration(config.build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
    return build(builder, region);
  }

  private static <T> Supplier<T> lazy(Supplier<T> s) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              value = v = s.get();
            }
          }
        }
        return v;
      }
    };
  }

  @Override
  public void close() {
    http.close();
  }
}
