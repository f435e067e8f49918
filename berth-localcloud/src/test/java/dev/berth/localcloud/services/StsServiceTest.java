package dev.berth.localcloud.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sts.StsClient;

@ExtendWith(LocalCloudExtension.class)
class StsServiceTest {
  @Test
  void getCallerIdentity_returnsAccountAndCallerArn(LocalCloud cloud) {
    try (StsClient sts = Clients.of(StsClient.builder(), cloud)) {
      var id = sts.getCallerIdentity();
      assertEquals("123456789012", id.account());
      assertEquals("arn:aws:iam::123456789012:user/AKIDTEST", id.arn());
    }
    assertEquals(1, cloud.world().calls().size());
  }
}
