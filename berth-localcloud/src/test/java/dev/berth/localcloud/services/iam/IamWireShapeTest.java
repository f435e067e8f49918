package dev.berth.localcloud.services.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.localcloud.LocalCloud;
import dev.berth.localcloud.junit.LocalCloudExtension;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Element;

/** The raw XML of IAM answers, as a client in any language sees it. */
@ExtendWith(LocalCloudExtension.class)
class IamWireShapeTest {
  private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";

  private LocalCloud cloud;

  @BeforeEach
  void inject(LocalCloud c) {
    this.cloud = c;
  }

  private static HttpResponse<String> call(LocalCloud cloud, Map<String, String> form)
      throws Exception {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest req =
        HttpRequest.newBuilder(cloud.endpoint().resolve("/"))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/iam/aws4_request,"
                    + " SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  private static Element parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
  }

  @Test
  void createRoleAndListRoles_answerWithResultMemberListsAndResponseMetadata() throws Exception {
    Map<String, String> create = new LinkedHashMap<>();
    create.put("Action", "CreateRole");
    create.put("Version", "2010-05-08");
    create.put("RoleName", "hello-exec");
    create.put("AssumeRolePolicyDocument", IamServiceTest.TRUST);
    create.put("Tags.member.1.Key", "berth:stack");
    create.put("Tags.member.1.Value", "hello");
    HttpResponse<String> created = call(cloud, create);
    assertEquals(200, created.statusCode());
    Element root = parse(created.body());
    assertEquals("CreateRoleResponse", root.getLocalName());
    assertEquals(NS, root.getNamespaceURI());
    Element role = child(child(root, "CreateRoleResult"), "Role");
    assertEquals("hello-exec", child(role, "RoleName").getTextContent());
    assertEquals("/", child(role, "Path").getTextContent());
    assertTrue(child(role, "CreateDate").getTextContent().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z"));
    assertTrue(
        child(role, "AssumeRolePolicyDocument").getTextContent().startsWith("%7B%22Version"));
    Element tag = child(child(role, "Tags"), "member");
    assertEquals("berth:stack", child(tag, "Key").getTextContent());
    assertNotNull(child(child(root, "ResponseMetadata"), "RequestId").getTextContent());

    HttpResponse<String> listed =
        call(cloud, Map.of("Action", "ListRoles", "Version", "2010-05-08"));
    Element list = parse(listed.body());
    assertEquals("ListRolesResponse", list.getLocalName());
    Element result = child(list, "ListRolesResult");
    Element member = child(child(result, "Roles"), "member");
    assertEquals("hello-exec", child(member, "RoleName").getTextContent());
    assertEquals("false", child(result, "IsTruncated").getTextContent());
    child(list, "ResponseMetadata");

    HttpResponse<String> deleted =
        call(
            cloud,
            Map.of("Action", "DeleteRole", "Version", "2010-05-08", "RoleName", "hello-exec"));
    Element del = parse(deleted.body());
    assertEquals("DeleteRoleResponse", del.getLocalName());
    child(child(del, "ResponseMetadata"), "RequestId");
  }

  @Test
  void errors_areErrorResponseWithTypeCodeMessageAndRequestId() throws Exception {
    HttpResponse<String> r =
        call(cloud, Map.of("Action", "GetRole", "Version", "2010-05-08", "RoleName", "nope"));
    assertEquals(404, r.statusCode());
    Element root = parse(r.body());
    assertEquals("ErrorResponse", root.getLocalName());
    Element error = child(root, "Error");
    assertEquals("Sender", child(error, "Type").getTextContent());
    assertEquals("NoSuchEntity", child(error, "Code").getTextContent());
    assertEquals(
        "The role with name nope cannot be found.", child(error, "Message").getTextContent());
    child(root, "RequestId");
  }
}
