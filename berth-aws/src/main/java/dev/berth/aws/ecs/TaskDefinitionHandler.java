package dev.berth.aws.ecs;

import dev.berth.aws.AwsClients;
import dev.berth.aws.Claims;
import dev.berth.core.graph.Props;
import dev.berth.core.graph.ResourceDescriptor;
import dev.berth.core.graph.ResourceType;
import dev.berth.core.resource.AbstractResourceHandler;
import dev.berth.core.resource.Holder;
import dev.berth.core.resource.Observed;
import dev.berth.core.resource.Ownership;
import dev.berth.core.resource.ResourceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

/**
 * {@code aws.ecs.task-definition}: one Fargate revision with one container. Revisions are
 * immutable, so every property forces a new one; delete deregisters. Physical id: the revision ARN.
 */
public final class TaskDefinitionHandler extends AbstractResourceHandler {
  static final String STREAM_PREFIX = "berth";

  /**
   * How many of a family's newest ACTIVE revisions {@link #holder} reads: berth deregisters the
   * revisions it replaces, so its own family has one or two.
   */
  private static final int HOLDER_REVISIONS = 10;

  public static final ResourceType TYPE = TaskDefinitionKeys.DESCRIPTOR.type();

  private final AwsClients aws;

  public TaskDefinitionHandler(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceType type() {
    return TYPE;
  }

  @Override
  public ResourceDescriptor descriptor() {
    return TaskDefinitionKeys.DESCRIPTOR;
  }

  @Override
  public Observed create(ResourceContext ctx, Map<String, Object> props) {
    TaskDefinition td =
        aws.ecs()
            .registerTaskDefinition(request(props).tags(EcsTags.of(ctx.tags())).build())
            .taskDefinition();
    return observe(td);
  }

  RegisterTaskDefinitionRequest.Builder request(Map<String, Object> props) {
    ContainerDefinition.Builder c =
        ContainerDefinition.builder()
            .name(TaskDefinitionKeys.CONTAINER_NAME.get(props))
            .image(TaskDefinitionKeys.IMAGE.get(props))
            .essential(true)
            .portMappings(
                PortMapping.builder()
                    .containerPort(TaskDefinitionKeys.PORT.get(props))
                    .protocol(TransportProtocol.TCP)
                    .build());
    Map<String, Object> env = new TreeMap<>(TaskDefinitionKeys.ENVIRONMENT.get(props));
    if (!env.isEmpty()) {
      c.environment(
          env.entrySet().stream()
              .map(
                  e ->
                      KeyValuePair.builder()
                          .name(e.getKey())
                          .value(String.valueOf(e.getValue()))
                          .build())
              .toList());
    }
    Map<String, Object> secrets = new TreeMap<>(TaskDefinitionKeys.SECRETS.get(props));
    if (!secrets.isEmpty()) {
      c.secrets(
          secrets.entrySet().stream()
              .map(
                  e ->
                      Secret.builder()
                          .name(e.getKey())
                          .valueFrom(String.valueOf(e.getValue()))
                          .build())
              .toList());
    }
    if (TaskDefinitionKeys.COMMAND.isSet(props)) {
      c.command(strings(props, "command"));
    }
    if (TaskDefinitionKeys.ENTRY_POINT.isSet(props)) {
      c.entryPoint(strings(props, "entryPoint"));
    }
    String logGroup = TaskDefinitionKeys.LOG_GROUP.get(props);
    if (logGroup != null) {
      String region = TaskDefinitionKeys.LOG_REGION.get(props);
      c.logConfiguration(
          l ->
              l.logDriver(LogDriver.AWSLOGS)
                  .options(
                      Map.of(
                          "awslogs-group", logGroup,
                          "awslogs-region", region != null ? region : aws.region().id(),
                          "awslogs-stream-prefix", STREAM_PREFIX)));
    }
    String credentials = TaskDefinitionKeys.REPOSITORY_CREDENTIALS_ARN.get(props);
    if (credentials != null) {
      c.repositoryCredentials(r -> r.credentialsParameter(credentials));
    }
    return RegisterTaskDefinitionRequest.builder()
        .family(TaskDefinitionKeys.FAMILY.get(props))
        .requiresCompatibilities(Compatibility.FARGATE)
        .networkMode(NetworkMode.AWSVPC)
        .cpu(TaskDefinitionKeys.CPU.text(props))
        .memory(TaskDefinitionKeys.MEMORY.text(props))
        .executionRoleArn(TaskDefinitionKeys.EXECUTION_ROLE_ARN.get(props))
        .taskRoleArn(TaskDefinitionKeys.TASK_ROLE_ARN.get(props))
        .containerDefinitions(c.build());
  }

  @Override
  public Optional<Observed> read(
      ResourceContext ctx, String physicalId, Map<String, Object> props) {
    return describe(physicalId)
        .filter(d -> d.taskDefinition().status() == TaskDefinitionStatus.ACTIVE)
        .map(d -> observe(d.taskDefinition()).withTags(EcsTags.toMap(d.tags())));
  }

  @Override
  public void delete(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    try {
      aws.ecs().deregisterTaskDefinition(r -> r.taskDefinition(physicalId));
    } catch (ClientException e) {
      if (describe(physicalId).isPresent()) {
        throw e;
      }
    }
  }

  /** The newest ACTIVE revision of the family that this stack registered with these properties. */
  @Override
  public Optional<Observed> find(ResourceContext ctx, Map<String, Object> props) {
    String family = TaskDefinitionKeys.FAMILY.get(props);
    ContainerDefinition container = request(props).build().containerDefinitions().get(0);
    List<String> arns =
        aws.ecs()
            .listTaskDefinitions(
                r ->
                    r.familyPrefix(family).status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC))
            .taskDefinitionArns();
    for (String arn : arns.subList(0, Math.min(5, arns.size()))) {
      Optional<DescribeTaskDefinitionResponse> d = describe(arn);
      if (d.isEmpty()) {
        continue;
      }
      Map<String, String> tags = EcsTags.toMap(d.get().tags());
      TaskDefinition td = d.get().taskDefinition();
      if (Ownership.ours(ctx, tags)
          && td.containerDefinitions().size() == 1
          && sameContainer(td.containerDefinitions().get(0), container)) {
        return Optional.of(observe(td));
      }
    }
    return Optional.empty();
  }

  /**
   * A family is not a name one resource holds, but revisions of another state's (or of something
   * berth did not make) in it would be mixed with this stack's: the newest ACTIVE revision that is
   * not this state's, else the newest one (this state's), else empty.
   */
  @Override
  public Optional<Holder> holder(ResourceContext ctx, Map<String, Object> props) {
    Optional<String> family = Claims.literal(props, "family");
    if (family.isEmpty()) {
      return Optional.empty();
    }
    List<String> arns =
        aws
            .ecs()
            .listTaskDefinitionsPaginator(
                r ->
                    r.familyPrefix(family.get())
                        .status(TaskDefinitionStatus.ACTIVE)
                        .sort(SortOrder.DESC))
            .taskDefinitionArns()
            .stream()
            .filter(a -> a.substring(a.lastIndexOf('/') + 1).startsWith(family.get() + ":"))
            .limit(HOLDER_REVISIONS)
            .toList();
    Optional<Holder> newest = Optional.empty();
    for (String arn : arns) {
      Optional<DescribeTaskDefinitionResponse> d = describe(arn);
      if (d.isEmpty()) {
        continue;
      }
      Holder h =
          new Holder(
              "task definition " + arn.substring(arn.lastIndexOf('/') + 1),
              EcsTags.toMap(d.get().tags()));
      if (!Ownership.ours(ctx, h.tags())) {
        return Optional.of(h);
      }
      if (newest.isEmpty()) {
        newest = Optional.of(h);
      }
    }
    return newest;
  }

  @Override
  public void tag(
      ResourceContext ctx,
      String physicalId,
      Map<String, Object> props,
      Map<String, String> outputs) {
    aws.ecs().tagResource(r -> r.resourceArn(physicalId).tags(EcsTags.of(ctx.tags())));
  }

  private static boolean sameContainer(ContainerDefinition got, ContainerDefinition want) {
    return got.name().equals(want.name())
        && got.image().equals(want.image())
        && got.environment().equals(want.environment())
        && got.secrets().equals(want.secrets())
        && got.command().equals(want.command())
        && got.entryPoint().equals(want.entryPoint());
  }

  private Optional<DescribeTaskDefinitionResponse> describe(String ref) {
    try {
      return Optional.of(
          aws.ecs()
              .describeTaskDefinition(
                  r -> r.taskDefinition(ref).include(TaskDefinitionField.TAGS)));
    } catch (ClientException e) {
      // "Unable to describe task definition." is how ECS says it does not exist.
      return Optional.empty();
    }
  }

  private static List<String> strings(Map<String, Object> props, String key) {
    List<String> out = new ArrayList<>();
    Props.list(props, key).forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  /** The API spells task cpu and memory as strings ("256"); the spec and state as numbers. */
  private static Object units(String value) {
    return value != null && value.matches("\\d{1,9}") ? (Object) Long.parseLong(value) : value;
  }

  static Observed observe(TaskDefinition td) {
    ContainerDefinition c = td.containerDefinitions().get(0);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("family", td.family());
    props.put("cpu", units(td.cpu()));
    props.put("memory", units(td.memory()));
    props.put("executionRoleArn", td.executionRoleArn());
    props.put("taskRoleArn", td.taskRoleArn());
    props.put("containerName", c.name());
    props.put("image", c.image());
    if (!c.portMappings().isEmpty()) {
      props.put("port", c.portMappings().get(0).containerPort());
    }
    Map<String, Object> env = new TreeMap<>();
    c.environment().forEach(kv -> env.put(kv.name(), kv.value()));
    props.put("environment", env);
    Map<String, Object> secrets = new TreeMap<>();
    c.secrets().forEach(s -> secrets.put(s.name(), s.valueFrom()));
    props.put("secrets", secrets);
    if (c.hasCommand()) {
      props.put("command", c.command());
    }
    if (c.hasEntryPoint()) {
      props.put("entryPoint", c.entryPoint());
    }
    if (c.logConfiguration() != null) {
      props.put("logGroup", c.logConfiguration().options().get("awslogs-group"));
      props.put("logRegion", c.logConfiguration().options().get("awslogs-region"));
    }
    if (c.repositoryCredentials() != null) {
      props.put("repositoryCredentialsArn", c.repositoryCredentials().credentialsParameter());
    }
    return new Observed(
        td.taskDefinitionArn(),
        Map.of("arn", td.taskDefinitionArn(), "revision", String.valueOf(td.revision())),
        props,
        td.statusAsString());
  }
}
