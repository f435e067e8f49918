package dev.berth.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.localcloud.Clients;
import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 bucket names are global, but a bucket lives in its region: other regions list it and can ask
 * where it is, and are sent there (301 PermanentRedirect) for anything else.
 */
@ExtendWith(LocalCloudExtension.class)
class S3RegionsTest {
  private static final String BUCKET = "berth-x-state";
  private LocalCloud cloud;
  private S3Client us;
  private S3Client eu;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    us = Clients.of(S3Client.builder().forcePathStyle(true), cloud, Region.US_EAST_1);
    eu = Clients.of(S3Client.builder().forcePathStyle(true), cloud, Region.EU_CENTRAL_1);
    eu.createBucket(
        b -> b.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint("eu-central-1")));
    eu.putObject(b -> b.bucket(BUCKET).key("k"), RequestBody.fromString("v"));
  }

  @AfterEach
  void tearDown() {
    us.close();
    eu.close();
  }

  @Test
  void listBuckets_fromAnotherRegion_showsTheBucketWithItsRegion() {
    Bucket b = us.listBuckets().buckets().get(0);

    assertEquals(BUCKET, b.name());
    assertEquals("eu-central-1", b.bucketRegion());
    assertEquals(
        "eu-central-1", us.getBucketLocation(r -> r.bucket(BUCKET)).locationConstraintAsString());
  }

  @Test
  void bucketCalls_fromAnotherRegion_answerPermanentRedirectToTheBucketsRegion() {
    S3Exception head = assertThrows(S3Exception.class, () -> us.headBucket(r -> r.bucket(BUCKET)));
    assertEquals(301, head.statusCode());
    assertEquals(
        "eu-central-1",
        head.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").get());

    S3Exception get =
        assertThrows(S3Exception.class, () -> us.getObjectAsBytes(r -> r.bucket(BUCKET).key("k")));
    assertEquals(301, get.statusCode());
    assertEquals("PermanentRedirect", get.awsErrorDetails().errorCode());
    assertThrows(S3Exception.class, () -> us.deleteObject(r -> r.bucket(BUCKET).key("k")));
    assertEquals("v", eu.getObjectAsBytes(r -> r.bucket(BUCKET).key("k")).asUtf8String());
  }

  @Test
  void getObject_withCrossRegionAccess_followsTheRedirect() {
    try (S3Client crossRegion =
        Clients.of(
            S3Client.builder().forcePathStyle(true).crossRegionAccessEnabled(true),
            cloud,
            Region.US_EAST_1)) {
      assertEquals(
          "v", crossRegion.getObjectAsBytes(r -> r.bucket(BUCKET).key("k")).asUtf8String());
    }
  }

  @Test
  void createBucket_whenTheNameIsTakenInAnotherRegion_answersBucketAlreadyOwnedByYou() {
    assertThrows(
        BucketAlreadyOwnedByYouException.class, () -> us.createBucket(b -> b.bucket(BUCKET)));
    assertEquals(1, eu.listBuckets().buckets().size());
  }
}
