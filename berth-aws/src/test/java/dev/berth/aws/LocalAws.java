package dev.berth.aws;

import dev.berth.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** AWS clients pointed at an in-process localcloud, for handler tests. */
public final class LocalAws {
  private LocalAws() {}

  public static AwsClients clients(LocalCloud cloud) {
    return new AwsClients(
        Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
        cloud.endpoint());
  }
}
