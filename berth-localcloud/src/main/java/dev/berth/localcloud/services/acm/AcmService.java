package dev.berth.localcloud.services.acm;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;

/**
 * AWS Certificate Manager over JSON 1.1 ({@code CertificateManager.*}): public certificates
 * validated through DNS records in localcloud's Cloudflare and Route 53 zones (see {@link
 * DnsValidation}), in use while a load-balancer listener references them.
 */
public final class AcmService implements AwsService {

  @Override
  public String signingName() {
    return "acm";
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSON;
  }

  @Override
  public Response handle(Request req, World w) {
    String action = req.action() == null ? "" : req.action();
    return switch (action) {
      case "RequestCertificate" -> Certificates.request(req, w);
      case "DescribeCertificate" -> Certificates.describe(req, w);
      case "DeleteCertificate" -> Certificates.delete(req, w);
      case "ListCertificates" -> Certificates.list(req, w);
      case "AddTagsToCertificate" -> Certificates.addTags(req, w);
      case "RemoveTagsFromCertificate" -> Certificates.removeTags(req, w);
      case "ListTagsForCertificate" -> Certificates.listTags(req, w);
      default ->
          throw AwsException.client(
              "UnknownOperationException", "Unknown operation CertificateManager." + action);
    };
  }

  @Override
  public void tick(World w) {
    for (Res c : w.of("acm", "certificate").toList()) {
      DnsValidation.advance(w, c);
    }
  }
}
