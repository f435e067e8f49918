package dev.berth.localcloud;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** Points real SDK client builders at a localcloud. */
public final class Clients {
  private Clients() {}

  public static <B extends AwsClientBuilder<B, C>, C> C of(B builder, LocalCloud cloud) {
    return of(builder, cloud, Region.US_EAST_1);
  }

  /** A client signing for {@code region}, as a client built for that region would. */
  public static <B extends AwsClientBuilder<B, C>, C> C of(
      B builder, LocalCloud cloud, Region region) {
    if (builder
        instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClientBuilder(UrlConnectionHttpClient.builder());
    }
    return builder
        .endpointOverride(cloud.endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
        .build();
  }
}
