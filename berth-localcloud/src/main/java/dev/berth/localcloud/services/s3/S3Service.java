package dev.berth.localcloud.services.s3;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Regions;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3, path style: buckets and small objects with conditional writes ({@code If-None-Match: *},
 * {@code If-Match}), ETags, flexible checksums and aws-chunked request bodies. Objects are {@code
 * s3/object} Res with id {@code bucket/key} and the body base64 in {@code body}.
 *
 * <p>Bucket names are global, but a bucket lives in the region it was created in: ListBuckets and
 * GetBucketLocation answer from any region; every other call about a bucket signed for another
 * region gets S3's {@code 301 PermanentRedirect} naming the bucket's region in {@code
 * x-amz-bucket-region} (what the SDK's cross-region access follows).
 */
public final class S3Service implements AwsService {
  static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern LOCATION =
      Pattern.compile("<LocationConstraint>([^<]*)</LocationConstraint>");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  @Override
  public String signingName() {
    return "s3";
  }

  @Override
  public Protocol protocol() {
    return Protocol.S3;
  }

  @Override
  public String action(Request req) {
    String[] bk = bucketAndKey(req);
    String m = req.method();
    Map<String, String> q = req.query();
    if (bk[0] == null) {
      return m.equals("GET") ? "ListBuckets" : null;
    }
    if (bk[1] == null) {
      if (q.containsKey("location") && m.equals("GET")) {
        return "GetBucketLocation";
      }
      if (q.keySet().stream().anyMatch(k -> !k.equals("list-type") && isSubresource(k))) {
        return null;
      }
      return switch (m) {
        case "PUT" -> "CreateBucket";
        case "HEAD" -> "HeadBucket";
        case "DELETE" -> "DeleteBucket";
        case "GET" -> "2".equals(q.get("list-type")) ? "ListObjectsV2" : "ListObjects";
        default -> null;
      };
    }
    if (q.keySet().stream().anyMatch(S3Service::isSubresource)) {
      return null;
    }
    return switch (m) {
      case "PUT" -> req.header("x-amz-copy-source") != null ? null : "PutObject";
      case "GET" -> "GetObject";
      case "HEAD" -> "HeadObject";
      case "DELETE" -> "DeleteObject";
      default -> null;
    };
  }

  /** Query keys that name a sub-resource (tagging, acl, uploads, …) rather than a parameter. */
  private static boolean isSubresource(String k) {
    return List.of(
            "acl",
            "tagging",
            "uploads",
            "uploadId",
            "versioning",
            "policy",
            "lifecycle",
            "cors",
            "encryption",
            "delete",
            "attributes",
            "retention",
            "legal-hold",
            "versions",
            "website",
            "logging",
            "notification",
            "replication",
            "ownershipControls",
            "publicAccessBlock",
            "list-type")
        .contains(k);
  }

  @Override
  public Response handle(Request req, World world) {
    try {
      return dispatch(req, world);
    } catch (S3Error e) {
      return e.render(world.requestId());
    }
  }

  private Response dispatch(Request req, World world) {
    String action = req.action();
    if (action == null) {
      throw new AwsException(
          501,
          "NotImplemented",
          "A header or query you provided implies functionality that is not implemented");
    }
    String[] bk = bucketAndKey(req);
    Response redirect = wrongRegion(req, world, action, bk[0]);
    if (redirect != null) {
      return redirect;
    }
    return switch (action) {
      case "ListBuckets" -> listBuckets(world);
      case "CreateBucket" -> createBucket(req, world, bk[0]);
      case "HeadBucket" -> headBucket(world, bk[0]);
      case "DeleteBucket" -> deleteBucket(world, bk[0]);
      case "GetBucketLocation" -> bucketLocation(world, bk[0]);
      case "ListObjectsV2", "ListObjects" -> listObjects(req, world, bk[0], action);
      case "PutObject" -> putObject(req, world, bucket(world, bk[0]), bk[1]);
      case "GetObject" -> getObject(req, world, bucket(world, bk[0]), bk[1], false);
      case "HeadObject" -> getObject(req, world, bucket(world, bk[0]), bk[1], true);
      case "DeleteObject" -> deleteObject(world, bucket(world, bk[0]), bk[1]);
      default -> throw new AwsException(501, "NotImplemented", action + " is not implemented");
    };
  }

  /**
   * S3's answer to a call about a bucket of another region than the call's (null when the call may
   * go ahead).
   */
  private static Response wrongRegion(Request req, World world, String action, String bucketName) {
    if (bucketName == null
        || List.of("ListBuckets", "CreateBucket", "GetBucketLocation").contains(action)) {
      return null;
    }
    Res b = world.get("s3", "bucket", bucketName).orElse(null);
    if (b == null || b.inRegion(Regions.of(req))) {
      return null;
    }
    Map<String, String> headers =
        Map.of("Content-Type", "application/xml", "x-amz-bucket-region", b.region());
    if (req.method().equals("HEAD")) {
      return new Response(301, headers, new byte[0]);
    }
    String body =
        new Xml()
            .open("Error")
            .leaf("Code", "PermanentRedirect")
            .leaf(
                "Message",
                "The bucket you are attempting to access must be addressed using the specified"
                    + " endpoint. Please send all future requests to this endpoint.")
            .leaf("Endpoint", "s3." + b.region() + ".amazonaws.com")
            .leaf("Bucket", bucketName)
            .leaf("RequestId", world.requestId())
            .leaf("HostId", "localcloud")
            .build();
    return new Response(301, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  // ---- buckets

  private Response createBucket(Request req, World world, String name) {
    if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
      throw error(
          400, "InvalidBucketName", "The specified bucket is not valid.", "BucketName", name);
    }
    String region = req.region();
    Matcher m = LOCATION.matcher(req.bodyText());
    String constraint = m.find() ? m.group(1).trim() : "";
    if (region.equals("us-east-1") ? !constraint.isEmpty() : !constraint.equals(region)) {
      throw error(
          400,
          "IllegalLocationConstraintException",
          "The "
              + (constraint.isEmpty() ? "unspecified" : constraint)
              + " location constraint is incompatible for the region specific endpoint this"
              + " request was sent to.",
          null,
          null);
    }
    Res existing = world.get("s3", "bucket", name).orElse(null);
    if (existing != null) {
      if (region.equals("us-east-1") && existing.inRegion(region)) {
        // us-east-1 keeps S3's legacy answer: re-creating your own bucket succeeds.
        return new Response(200, Map.of("Location", "/" + name), new byte[0]);
      }
      throw error(
          409,
          "BucketAlreadyOwnedByYou",
          "Your previous request to create the named bucket succeeded and you already own it.",
          "BucketName",
          name);
    }
    Res b = new Res("s3", "bucket", name);
    b.name = name;
    b.arn = "arn:aws:s3:::" + name;
    b.state = "available";
    b.attrs.put("region", region);
    world.put(b);
    return new Response(200, Map.of("Location", "/" + name), new byte[0]);
  }

  private Response headBucket(World world, String name) {
    Res b = bucket(world, name);
    return new Response(
        200,
        Map.of("x-amz-bucket-region", b.str("region"), "x-amz-access-point-alias", "false"),
        new byte[0]);
  }

  private Response deleteBucket(World world, String name) {
    Res b = bucket(world, name);
    if (objects(world, name).findAny().isPresent()) {
      throw error(
          409, "BucketNotEmpty", "The bucket you tried to delete is not empty", "BucketName", name);
    }
    world.remove(b);
    return new Response(204, Map.of(), new byte[0]);
  }

  private Response bucketLocation(World world, String name) {
    String region = bucket(world, name).str("region");
    return Response.xml(
        200,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\""
            + NS
            + "\">"
            + (region.equals("us-east-1") ? "" : Xml.escape(region))
            + "</LocationConstraint>");
  }

  private Response listBuckets(World world) {
    Xml x = new Xml().open("ListAllMyBucketsResult", NS);
    x.open("Owner").leaf("ID", "localcloud").leaf("DisplayName", "localcloud").close();
    x.list(
        "Buckets",
        "Bucket",
        world.of("s3", "bucket").toList(),
        (xx, b) ->
            xx.leaf("Name", b.name)
                .leaf("CreationDate", Instant.ofEpochMilli(b.createdAt).toString())
                .leaf("BucketRegion", b.str("region")));
    return x.response();
  }

  private Response listObjects(Request req, World world, String name, String action) {
    bucket(world, name);
    Map<String, String> q = req.query();
    String prefix = q.getOrDefault("prefix", "");
    boolean v2 = action.equals("ListObjectsV2");
    String after =
        v2
            ? q.containsKey("continuation-token")
                ? new String(
                    Base64.getDecoder().decode(q.get("continuation-token")), StandardCharsets.UTF_8)
                : q.getOrDefault("start-after", "")
            : q.getOrDefault("marker", "");
    int max = Math.min(1000, Integer.parseInt(q.getOrDefault("max-keys", "1000")));
    List<Res> all =
        objects(world, name)
            .filter(o -> o.str("key").startsWith(prefix) && o.str("key").compareTo(after) > 0)
            .sorted(java.util.Comparator.comparing((Res o) -> o.str("key")))
            .toList();
    List<Res> page = all.subList(0, Math.min(max, all.size()));
    boolean truncated = all.size() > max;
    Xml x = new Xml().open("ListBucketResult", NS);
    x.leaf("Name", name).leaf("Prefix", prefix).leaf("MaxKeys", max);
    if (v2) {
      x.leaf("KeyCount", page.size());
      x.leaf("ContinuationToken", q.get("continuation-token"));
      x.leaf("StartAfter", q.get("start-after"));
    } else {
      x.leaf("Marker", q.getOrDefault("marker", ""));
    }
    x.leaf("IsTruncated", truncated);
    for (Res o : page) {
      x.open("Contents")
          .leaf("Key", o.str("key"))
          .leaf("LastModified", Instant.ofEpochMilli(o.num("lastModified", 0)).toString())
          .leaf("ETag", o.str("etag"))
          .leaf("Size", o.num("size", 0))
          .leaf("StorageClass", "STANDARD")
          .close();
    }
    if (truncated) {
      String last = page.get(page.size() - 1).str("key");
      if (v2) {
        x.leaf(
            "NextContinuationToken",
            Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
      } else {
        x.leaf("NextMarker", last);
      }
    }
    return x.response();
  }

  // ---- objects

  private Response putObject(Request req, World world, Res bucket, String key) {
    byte[] body = req.body();
    Map<String, String> checksums = new LinkedHashMap<>();
    if (AwsChunked.applies(req.header("content-encoding"), req.header("x-amz-content-sha256"))) {
      AwsChunked.Decoded d = AwsChunked.decode(body);
      body = d.payload();
      String declared = req.header("x-amz-decoded-content-length");
      if (declared != null && Long.parseLong(declared) != body.length) {
        throw error(
            400,
            "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header",
            null,
            null);
      }
      d.trailers().forEach((k, v) -> collectChecksum(checksums, k, v));
    } else {
      String sha = req.header("x-amz-content-sha256");
      if (sha != null && sha.matches("[0-9a-f]{64}") && !sha.equals(Checksums.sha256Hex(body))) {
        throw error(
            400,
            "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
            null,
            null);
      }
    }
    for (String alg : List.of("crc32", "crc32c", "crc64nvme", "sha1", "sha256")) {
      collectChecksum(checksums, "x-amz-checksum-" + alg, req.header("x-amz-checksum-" + alg));
    }
    String md5 = req.header("content-md5");
    if (md5 != null && !md5.equals(Checksums.md5Base64(body))) {
      throw error(
          400,
          "BadDigest",
          "The Content-MD5 you specified did not match what we received.",
          null,
          null);
    }
    for (Map.Entry<String, String> c : checksums.entrySet()) {
      String alg = c.getKey().substring("x-amz-checksum-".length());
      String actual = Checksums.base64(alg, body);
      if (actual != null && !actual.equals(c.getValue())) {
        throw error(
            400,
            "BadDigest",
            "The "
                + alg.toUpperCase(Locale.ROOT)
                + " you specified did not match the calculated checksum.",
            null,
            null);
      }
    }
    Res existing = world.get("s3", "object", bucket.name + "/" + key).orElse(null);
    String ifNoneMatch = req.header("if-none-match");
    if (ifNoneMatch != null) {
      if (!ifNoneMatch.trim().equals("*")) {
        throw new AwsException(501, "NotImplemented", "If-None-Match on PUT supports only *");
      }
      if (existing != null) {
        throw preconditionFailed("If-None-Match");
      }
    }
    String ifMatch = req.header("if-match");
    if (ifMatch != null) {
      if (existing == null) {
        throw error(404, "NoSuchKey", "The specified key does not exist.", "Key", key);
      }
      if (!etagMatches(ifMatch, existing.str("etag"))) {
        throw preconditionFailed("If-Match");
      }
    }
    String etag = "\"" + Checksums.md5Hex(body) + "\"";
    Res o = new Res("s3", "object", bucket.name + "/" + key);
    o.state = "available";
    o.attrs.put("region", bucket.region());
    o.refs.add(bucket.name);
    o.attrs.put("bucket", bucket.name);
    o.attrs.put("key", key);
    o.attrs.put("etag", etag);
    o.attrs.put("size", body.length);
    o.attrs.put(
        "contentType",
        req.header("content-type") == null ? "binary/octet-stream" : req.header("content-type"));
    o.attrs.put("lastModified", world.nowMillis());
    o.attrs.put("checksums", new LinkedHashMap<>(checksums));
    o.attrs.put("body", Base64.getEncoder().encodeToString(body));
    world.put(o);
    Map<String, String> headers = new LinkedHashMap<>(checksums);
    headers.put("ETag", etag);
    return new Response(200, headers, new byte[0]);
  }

  private Response getObject(Request req, World world, Res bucket, String key, boolean head) {
    Res o =
        world
            .get("s3", "object", bucket.name + "/" + key)
            .orElseThrow(
                () -> error(404, "NoSuchKey", "The specified key does not exist.", "Key", key));
    String etag = o.str("etag");
    String ifMatch = req.header("if-match");
    if (ifMatch != null && !etagMatches(ifMatch, etag)) {
      throw preconditionFailed("If-Match");
    }
    String ifNoneMatch = req.header("if-none-match");
    if (ifNoneMatch != null && etagMatches(ifNoneMatch, etag)) {
      return new Response(304, Map.of("ETag", etag), new byte[0]);
    }
    byte[] body = Base64.getDecoder().decode(o.str("body"));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", etag);
    headers.put("Content-Type", o.str("contentType"));
    headers.put("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(o.num("lastModified", 0))));
    headers.put("Accept-Ranges", "bytes");
    if ("ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode"))) {
      o.mapAttr("checksums").forEach((k, v) -> headers.put(k, String.valueOf(v)));
    }
    if (head) {
      headers.put("Content-Length", String.valueOf(body.length));
      return new Response(200, headers, new byte[0]);
    }
    return new Response(200, headers, body);
  }

  private Response deleteObject(World world, Res bucket, String key) {
    world.get("s3", "object", bucket.name + "/" + key).ifPresent(world::remove);
    return new Response(204, Map.of(), new byte[0]);
  }

  // ---- helpers

  private static void collectChecksum(Map<String, String> into, String name, String value) {
    if (value != null
        && name.startsWith("x-amz-checksum-")
        && !name.equals("x-amz-checksum-type")) {
      into.put(name, value);
    }
  }

  private static boolean etagMatches(String condition, String etag) {
    for (String part : condition.split(",")) {
      String p = part.trim();
      if (p.equals("*") || p.replace("\"", "").equals(etag.replace("\"", ""))) {
        return true;
      }
    }
    return false;
  }

  private static java.util.stream.Stream<Res> objects(World world, String bucket) {
    return world.of("s3", "object").filter(o -> bucket.equals(o.str("bucket")));
  }

  private static Res bucket(World world, String name) {
    return world
        .get("s3", "bucket", name)
        .orElseThrow(
            () ->
                error(
                    404,
                    "NoSuchBucket",
                    "The specified bucket does not exist",
                    "BucketName",
                    name));
  }

  /** {@code [bucket, key]} of a path-style request; either may be null. */
  private static String[] bucketAndKey(Request req) {
    String p = req.path();
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      return new String[] {null, null};
    }
    int slash = p.indexOf('/');
    if (slash < 0 || slash == p.length() - 1) {
      return new String[] {slash < 0 ? p : p.substring(0, slash), null};
    }
    return new String[] {p.substring(0, slash), p.substring(slash + 1)};
  }

  private static S3Error preconditionFailed(String condition) {
    return error(
        412,
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
        "Condition",
        condition);
  }

  private static S3Error error(
      int status, String code, String message, String extraName, String extraValue) {
    return new S3Error(status, code, message, extraName, extraValue);
  }

  /** An S3 error with the extra element S3 adds ({@code Key}, {@code BucketName}, …). */
  static final class S3Error extends AwsException {
    private final String extraName;
    private final String extraValue;

    S3Error(int status, String code, String message, String extraName, String extraValue) {
      super(status, code, message);
      this.extraName = extraName;
      this.extraValue = extraValue;
    }

    Response render(String requestId) {
      Xml x = new Xml().open("Error").leaf("Code", code()).leaf("Message", getMessage());
      if (extraName != null) {
        x.leaf(extraName, extraValue);
      }
      x.leaf("RequestId", requestId).leaf("HostId", "localcloud");
      return Response.xml(status(), x.build());
    }
  }
}
