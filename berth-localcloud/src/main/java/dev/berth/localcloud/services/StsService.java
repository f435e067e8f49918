package dev.berth.localcloud.services;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;

/** STS: GetCallerIdentity. The reference example of a query-protocol service. */
public final class StsService implements AwsService {
  private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

  @Override
  public String signingName() {
    return "sts";
  }

  @Override
  public Protocol protocol() {
    return Protocol.QUERY;
  }

  @Override
  public Response handle(Request req, World world) {
    if (!"GetCallerIdentity".equals(req.action())) {
      throw AwsException.client("InvalidAction", "Unsupported action " + req.action());
    }
    String user = req.accessKey() == null ? "anonymous" : req.accessKey();
    return new Xml()
        .open("GetCallerIdentityResponse", NS)
        .open("GetCallerIdentityResult")
        .leaf("Arn", "arn:aws:iam::" + World.ACCOUNT + ":user/" + user)
        .leaf("UserId", "AIDA" + user)
        .leaf("Account", World.ACCOUNT)
        .close()
        .open("ResponseMetadata")
        .leaf("RequestId", world.requestId())
        .close()
        .close()
        .response();
  }
}
