package dev.berth.app;

import dev.berth.aws.AwsClients;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * AWS clients for an emulator such as localcloud: every service at one endpoint, with fixed
 * credentials the emulator accepts (not secrets). Keeps the SDK's credential and region classes out
 * of the callers ({@code --local}, the benchmark).
 */
public final class LocalClients {
  private LocalClients() {}

  /**
   * @param region the stack's region
   * @param endpoint the emulator's endpoint for every AWS service
   * @param name the access key id and secret the clients sign with
   */
  public static AwsClients aws(String region, URI endpoint, String name) {
    return new AwsClients(
        Region.of(region),
        StaticCredentialsProvider.create(AwsBasicCredentials.create(name, name)),
        endpoint);
  }
}
