package dev.berth.aws.ecs;

import dev.berth.localcloud.core.AwsException;
import dev.berth.localcloud.core.AwsService;
import dev.berth.localcloud.core.Protocol;
import dev.berth.localcloud.core.Request;
import dev.berth.localcloud.core.Res;
import dev.berth.localcloud.core.Response;
import dev.berth.localcloud.core.World;
import dev.berth.localcloud.core.Xml;
import dev.berth.localcloud.services.elb.Targets;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * DescribeTargetHealth for these tests while localcloud's own ELBv2 service is built elsewhere:
 * when a real {@code elasticloadbalancing} service is on the class path, every call goes to it.
 */
public final class FakeTargetHealthService implements AwsService {
  private static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
  private final Optional<AwsService> real =
      ServiceLoader.load(AwsService.class, FakeTargetHealthService.class.getClassLoader()).stream()
          .filter(p -> p.type() != FakeTargetHealthService.class)
          .map(ServiceLoader.Provider::get)
          .filter(s -> "elasticloadbalancing".equals(s.signingName()))
          .findFirst();

  @Override
  public String signingName() {
    return "elasticloadbalancing";
  }

  @Override
  public Protocol protocol() {
    return Protocol.QUERY;
  }

  @Override
  public void tick(World world) {
    real.ifPresent(s -> s.tick(world));
  }

  @Override
  public Response handle(Request req, World world) {
    if (real.isPresent()) {
      return real.get().handle(req, world);
    }
    if (!"DescribeTargetHealth".equals(req.action())) {
      throw AwsException.client("InvalidAction", "Unsupported action " + req.action());
    }
    Res tg =
        world
            .find("elasticloadbalancing", "targetgroup", req.required("TargetGroupArn"))
            .orElseThrow(
                () ->
                    AwsException.client(
                        "TargetGroupNotFound", "One or more target groups not found"));
    Xml x =
        new Xml()
            .open("DescribeTargetHealthResponse", NS)
            .open("DescribeTargetHealthResult")
            .open("TargetHealthDescriptions");
    for (Map<String, Object> t : Targets.current(world, tg)) {
      x.open("member")
          .leaf("HealthCheckPort", t.get("port"))
          .open("Target")
          .leaf("Id", t.get("id"))
          .leaf("Port", t.get("port"))
          .close()
          .open("TargetHealth")
          .leaf("State", t.get("state"))
          .close()
          .close();
    }
    return x.close()
        .close()
        .open("ResponseMetadata")
        .leaf("RequestId", world.requestId())
        .close()
        .close()
        .response();
  }
}
