package dev.berth.localcloud.services.acm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** ACM is regional: certificates for one domain in two regions are two certificates. */
@ExtendWith(LocalCloudExtension.class)
class AcmRegionsTest {
  private static final String DOMAIN = "x.example.com";
  private AcmClient us;
  private AcmClient eu;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    us = Clients.of(AcmClient.builder(), cloud, Region.US_EAST_1);
    eu = Clients.of(AcmClient.builder(), cloud, Region.EU_CENTRAL_1);
  }

  @AfterEach
  void tearDown() {
    us.close();
    eu.close();
  }

  private static String request(AcmClient acm, String token) {
    return acm.requestCertificate(
            r ->
                r.domainName(DOMAIN).validationMethod(ValidationMethod.DNS).idempotencyToken(token))
        .certificateArn();
  }

  private static List<String> arns(AcmClient acm) {
    return acm.listCertificates(r -> {}).certificateSummaryList().stream()
        .map(CertificateSummary::certificateArn)
        .toList();
  }

  @Test
  void requestCertificate_sameDomainAndTokenInTwoRegions_makesTwoCertificates() {
    String first = request(us, "berthx");
    String second = request(eu, "berthx");

    assertNotEquals(first, second);
    assertTrue(first.startsWith("arn:aws:acm:us-east-1:123456789012:certificate/"), first);
    assertTrue(second.startsWith("arn:aws:acm:eu-central-1:123456789012:certificate/"), second);
    assertEquals(List.of(first), arns(us));
    assertEquals(List.of(second), arns(eu));
    assertEquals(first, request(us, "berthx"));
  }

  @Test
  void deleteCertificate_inOneRegion_leavesTheOther() {
    String first = request(us, "a");
    String second = request(eu, "b");

    eu.deleteCertificate(r -> r.certificateArn(second));

    assertEquals(List.of(), arns(eu));
    assertEquals(
        DOMAIN, us.describeCertificate(r -> r.certificateArn(first)).certificate().domainName());
  }

  @Test
  void calls_withAnArnOfAnotherRegion_answerResourceNotFound() {
    String arn = request(us, "a");
    request(eu, "a");

    assertThrows(
        ResourceNotFoundException.class, () -> eu.describeCertificate(r -> r.certificateArn(arn)));
    assertThrows(
        ResourceNotFoundException.class, () -> eu.deleteCertificate(r -> r.certificateArn(arn)));
    assertThrows(
        ResourceNotFoundException.class,
        () -> eu.listTagsForCertificate(r -> r.certificateArn(arn)));
    assertEquals(1, arns(us).size());
  }
}
