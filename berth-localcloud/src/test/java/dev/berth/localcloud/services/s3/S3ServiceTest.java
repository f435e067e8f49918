package dev.berth.localcloud.services.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

@ExtendWith(LocalCloudExtension.class)
class S3ServiceTest {
  private final List<String> sentEncodings = new ArrayList<>();
  private LocalCloud cloud;
  private S3Client s3;

  @BeforeEach
  void setUp(LocalCloud cloud) {
    this.cloud = cloud;
    ExecutionInterceptor spy =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            var h = context.httpRequest();
            sentEncodings.add(
                h.firstMatchingHeader("Content-Encoding").orElse("")
                    + "|"
                    + h.firstMatchingHeader("x-amz-content-sha256").orElse(""));
          }
        };
    s3 = client(Region.US_EAST_1, spy);
    s3.createBucket(b -> b.bucket("state"));
  }

  private S3Client client(Region region, ExecutionInterceptor spy) {
    return S3Client.builder()
        .forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(cloud.endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(o -> o.addExecutionInterceptor(spy))
        .build();
  }

  @AfterEach
  void tearDown() {
    s3.close();
  }

  private String put(String key, String body) {
    return s3.putObject(b -> b.bucket("state").key(key), RequestBody.fromString(body)).eTag();
  }

  @Test
  void putObject_withDefaultChecksums_decodesAwsChunkedBody() {
    String etag = put("hello.json", "{\"v\":1}");
    assertTrue(
        sentEncodings.get(sentEncodings.size() - 1).contains("STREAMING-")
            || sentEncodings.get(sentEncodings.size() - 1).contains("aws-chunked"),
        "the SDK did not send aws-chunked: " + sentEncodings);
    assertEquals(
        "\"" + Checksums.md5Hex("{\"v\":1}".getBytes(StandardCharsets.UTF_8)) + "\"", etag);
    assertEquals(
        "{\"v\":1}", s3.getObjectAsBytes(b -> b.bucket("state").key("hello.json")).asUtf8String());
    Res o = cloud.world().get("s3", "object", "state/hello.json").orElseThrow();
    assertEquals(
        "{\"v\":1}", new String(Base64.getDecoder().decode(o.str("body")), StandardCharsets.UTF_8));
  }

  @Test
  void putObject_largerThanOneChunk_roundTrips() {
    String big = "x".repeat(200_000) + "end";
    put("big", big);
    assertEquals(big, s3.getObjectAsBytes(b -> b.bucket("state").key("big")).asUtf8String());
  }

  @Test
  void putObject_ifNoneMatchStar_whenKeyExists_is412() {
    s3.putObject(b -> b.bucket("state").key("k").ifNoneMatch("*"), RequestBody.fromString("one"));
    var e =
        assertThrows(
            S3Exception.class,
            () ->
                s3.putObject(
                    b -> b.bucket("state").key("k").ifNoneMatch("*"),
                    RequestBody.fromString("two")));
    assertEquals(412, e.statusCode());
    assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
    assertEquals("one", s3.getObjectAsBytes(b -> b.bucket("state").key("k")).asUtf8String());
  }

  @Test
  void putObject_ifMatch_onlyWhenEtagIsCurrent() {
    String first = put("k", "one");
    String second =
        s3.putObject(b -> b.bucket("state").key("k").ifMatch(first), RequestBody.fromString("two"))
            .eTag();
    var stale =
        assertThrows(
            S3Exception.class,
            () ->
                s3.putObject(
                    b -> b.bucket("state").key("k").ifMatch(first),
                    RequestBody.fromString("three")));
    assertEquals(412, stale.statusCode());
    assertEquals("two", s3.getObjectAsBytes(b -> b.bucket("state").key("k")).asUtf8String());
    assertEquals(second, s3.headObject(b -> b.bucket("state").key("k")).eTag());
    var missing =
        assertThrows(
            NoSuchKeyException.class,
            () ->
                s3.putObject(
                    b -> b.bucket("state").key("nope").ifMatch(first),
                    RequestBody.fromString("x")));
    assertEquals(404, missing.statusCode());
  }

  @Test
  void getObject_whenMissing_throwsNoSuchKeyAndNoSuchBucket() {
    var key =
        assertThrows(
            NoSuchKeyException.class,
            () -> s3.getObjectAsBytes(b -> b.bucket("state").key("none")));
    assertEquals(404, key.statusCode());
    assertThrows(
        NoSuchBucketException.class, () -> s3.getObjectAsBytes(b -> b.bucket("nobucket").key("k")));
  }

  @Test
  void headObject_returnsLengthAndEtag_andMissingIs404() {
    String etag = put("h", "12345");
    var head = s3.headObject(b -> b.bucket("state").key("h"));
    assertEquals(5L, head.contentLength());
    assertEquals(etag, head.eTag());
    var e =
        assertThrows(
            NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("state").key("none")));
    assertEquals(404, e.statusCode());
  }

  @Test
  void getObject_ifMatchStale_is412() {
    put("g", "v1");
    var e =
        assertThrows(
            S3Exception.class,
            () -> s3.getObjectAsBytes(b -> b.bucket("state").key("g").ifMatch("\"0000\"")));
    assertEquals(412, e.statusCode());
  }

  @Test
  void deleteObject_removesKey_andIsIdempotent() {
    put("d", "x");
    s3.deleteObject(b -> b.bucket("state").key("d"));
    s3.deleteObject(b -> b.bucket("state").key("d"));
    assertThrows(
        NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket("state").key("d")));
  }

  @Test
  void emptyObject_roundTrips() {
    put("empty", "");
    assertEquals("", s3.getObjectAsBytes(b -> b.bucket("state").key("empty")).asUtf8String());
    assertEquals(0L, s3.headObject(b -> b.bucket("state").key("empty")).contentLength());
  }

  @Test
  void headBucket_andDeleteBucket_whenNotEmpty_isBucketNotEmpty() {
    s3.headBucket(b -> b.bucket("state"));
    assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("missing")));
    put("x", "y");
    var e = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("state")));
    assertEquals(409, e.statusCode());
    assertEquals("BucketNotEmpty", e.awsErrorDetails().errorCode());
    s3.deleteObject(b -> b.bucket("state").key("x"));
    s3.deleteBucket(b -> b.bucket("state"));
    assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("state")));
  }

  @Test
  void listObjectsV2_paginatesByPrefix() {
    for (String k : List.of("a/1", "a/2", "a/3", "b/1")) {
      put(k, k);
    }
    var first = s3.listObjectsV2(b -> b.bucket("state").prefix("a/").maxKeys(2));
    assertTrue(first.isTruncated());
    assertEquals(List.of("a/1", "a/2"), first.contents().stream().map(o -> o.key()).toList());
    var second =
        s3.listObjectsV2(
            b ->
                b.bucket("state")
                    .prefix("a/")
                    .maxKeys(2)
                    .continuationToken(first.nextContinuationToken()));
    assertEquals(List.of("a/3"), second.contents().stream().map(o -> o.key()).toList());
  }

  @Test
  void createBucket_outsideUsEast1_needsMatchingLocationConstraint() {
    try (S3Client eu = client(Region.EU_WEST_1, new ExecutionInterceptor() {})) {
      var e =
          assertThrows(
              S3Exception.class,
              () ->
                  eu.createBucket(
                      b ->
                          b.bucket("eu-bucket")
                              .createBucketConfiguration(c -> c.locationConstraint("us-west-2"))));
      assertEquals("IllegalLocationConstraintException", e.awsErrorDetails().errorCode());
      // The SDK fills in the client's region as the location constraint.
      eu.createBucket(b -> b.bucket("eu-bucket"));
      assertEquals(
          "eu-west-1", cloud.world().get("s3", "bucket", "eu-bucket").orElseThrow().str("region"));
      var again =
          assertThrows(S3Exception.class, () -> eu.createBucket(b -> b.bucket("eu-bucket")));
      assertEquals(409, again.statusCode());
      assertEquals("BucketAlreadyOwnedByYou", again.awsErrorDetails().errorCode());
    }
    s3.createBucket(b -> b.bucket("state"));
  }
}
