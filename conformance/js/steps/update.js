// A second deploy: what berth changes in place, and the reads its handlers rely on to find things.
import assert from 'node:assert/strict';
import { AddTagsToCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import {
  DeleteRetentionPolicyCommand, DescribeLogGroupsCommand, GetLogEventsCommand, DescribeLogStreamsCommand,
  ListTagsForResourceCommand as ListLogTagsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand,
  ListTagsForResourceCommand, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand, UpdateServiceCommand,
  DeregisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import {
  AddTagsCommand, DescribeListenersCommand, DescribeRulesCommand, DescribeTargetGroupsCommand, ModifyListenerCommand,
  ModifyRuleCommand, ModifyTargetGroupCommand, SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreatePolicyVersionCommand, DeletePolicyVersionCommand, GetPolicyVersionCommand, ListEntitiesForPolicyCommand,
  ListPoliciesCommand, ListPolicyTagsCommand, ListPolicyVersionsCommand, ListRolesCommand, ListRoleTagsCommand,
  TagRoleCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { DescribeSecretCommand, ListSecretsCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { until } from '../lib/wait.js';
import { sortedTags } from '../lib/tags.js';

const skipWithout = (t, ctx, service, reason) => {
  if (ctx.absent[service]) t.skip(reason);
  return !ctx.absent[service];
};

export const up = [
  ['IAM: new default policy version, old one deleted; role tags and trust policy updated', async (t, ctx) => {
    const { c, id } = ctx;
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [id.secretArn] }],
    });
    const v = await c.iam.send(new CreatePolicyVersionCommand({ PolicyArn: id.policyArn, PolicyDocument: document, SetAsDefault: true }));
    assert.equal(v.PolicyVersion.VersionId, 'v2');
    assert.equal(v.PolicyVersion.IsDefaultVersion, true);
    await c.iam.send(new DeletePolicyVersionCommand({ PolicyArn: id.policyArn, VersionId: 'v1' }));
    const versions = await c.iam.send(new ListPolicyVersionsCommand({ PolicyArn: id.policyArn }));
    assert.deepEqual(versions.Versions.map((x) => [x.VersionId, x.IsDefaultVersion]), [['v2', true]]);
    const got = await c.iam.send(new GetPolicyVersionCommand({ PolicyArn: id.policyArn, VersionId: 'v2' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(got.PolicyVersion.Document)), JSON.parse(document));
    const entities = await c.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: id.policyArn }));
    assert.deepEqual(entities.PolicyRoles.map((r) => r.RoleName), [id.executionRole.RoleName]);
    assert.deepEqual(entities.PolicyUsers, []);
    assert.deepEqual(entities.PolicyGroups, []);
    const local = await c.iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.ok(local.Policies.some((p) => p.Arn === id.policyArn && p.DefaultVersionId === 'v2'));
    const policyTags = await c.iam.send(new ListPolicyTagsCommand({ PolicyArn: id.policyArn }));
    assert.deepEqual(sortedTags(policyTags.Tags), sortedTags(ctx.tagList('registry-policy')));

    await c.iam.send(new TagRoleCommand({ RoleName: id.taskRole.RoleName, Tags: [{ Key: 'team', Value: 'web' }] }));
    const roleTags = await c.iam.send(new ListRoleTagsCommand({ RoleName: id.taskRole.RoleName }));
    assert.deepEqual(sortedTags(roleTags.Tags), sortedTags([...ctx.tagList('taskRole'), { Key: 'team', Value: 'web' }]));
    assert.equal(roleTags.IsTruncated, false);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
    });
    await c.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: id.taskRole.RoleName, PolicyDocument: trust }));
    const roles = await c.iam.send(new ListRolesCommand({ PathPrefix: '/' }));
    const role = roles.Roles.find((r) => r.RoleName === id.taskRole.RoleName);
    assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument)), JSON.parse(trust));
  }],

  ['Secrets Manager: PutSecretValue moves AWSCURRENT, ListSecrets finds it by tag', async (t, ctx) => {
    const { c, id } = ctx;
    const before = await c.secrets.send(new DescribeSecretCommand({ SecretId: id.secretArn }));
    const old = Object.keys(before.VersionIdsToStages)[0];
    const put = await c.secrets.send(new PutSecretValueCommand({
      SecretId: id.secretArn, SecretString: JSON.stringify({ username: 'robot', password: 'new' }),
    }));
    assert.equal(put.ARN, id.secretArn);
    assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
    const d = await c.secrets.send(new DescribeSecretCommand({ SecretId: id.secretArn }));
    assert.deepEqual(d.VersionIdsToStages, { [old]: ['AWSPREVIOUS'], [put.VersionId]: ['AWSCURRENT'] });
    const list = await c.secrets.send(new ListSecretsCommand({
      Filters: [{ Key: 'tag-key', Values: ['berth:stack'] }, { Key: 'tag-value', Values: [ctx.stack] }],
    }));
    assert.deepEqual(list.SecretList.map((s) => s.ARN), [id.secretArn]);
    assert.equal(list.SecretList[0].Name, `${ctx.stack}/registry`);
  }],

  ['EC2: security group rules diffed in place (revoke one, authorize another)', async (t, { c, net }) => {
    const revoke = await c.ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: net.lbGroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    }));
    assert.equal(revoke.Return, true);
    await c.ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: net.lbGroupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'http' }] }],
    }));
    const d = await c.ec2.send(new DescribeSecurityGroupsCommand({
      Filters: [{ Name: 'vpc-id', Values: [net.vpcId] }, { Name: 'tag:berth:id', Values: ['lb-sg'] }],
    }));
    assert.deepEqual(d.SecurityGroups.map((g) => g.GroupId), [net.lbGroupId]);
    const http = d.SecurityGroups[0].IpPermissions.find((p) => p.FromPort === 80);
    assert.deepEqual(http.IpRanges, [{ CidrIp: '0.0.0.0/0', Description: 'http' }]);
  }],

  ['ACM: AddTagsToCertificate and ListCertificates', async (t, ctx) => {
    const { c, tls } = ctx;
    await c.acm.send(new AddTagsToCertificateCommand({ CertificateArn: tls.certificateArn, Tags: [{ Key: 'team', Value: 'web' }] }));
    const list = await c.acm.send(new ListCertificatesCommand({ CertificateStatuses: ['ISSUED'] }));
    const s = list.CertificateSummaryList.find((x) => x.CertificateArn === tls.certificateArn);
    assert.equal(s.DomainName, ctx.hostname);
    assert.equal(s.Status, 'ISSUED');
    assert.equal(s.InUse, true);
    assert.deepEqual(s.SubjectAlternativeNameSummaries, [ctx.hostname, `www.${ctx.hostname}`]);
  }],

  ['ELBv2: ModifyTargetGroup, ModifyListener, ModifyRule, SetRulePriorities, AddTags', async (t, ctx) => {
    const { c, edge } = ctx;
    const tg = await c.elb.send(new ModifyTargetGroupCommand({
      TargetGroupArn: edge.tg.TargetGroupArn, HealthCheckPath: '/ready', HealthCheckIntervalSeconds: 15,
    }));
    assert.equal(tg.TargetGroups[0].HealthCheckPath, '/ready');
    assert.equal(tg.TargetGroups[0].HealthCheckIntervalSeconds, 15);
    const byName = await c.elb.send(new DescribeTargetGroupsCommand({ Names: [edge.tg.TargetGroupName] }));
    assert.equal(byName.TargetGroups[0].HealthCheckPath, '/ready');
    const l = await c.elb.send(new ModifyListenerCommand({
      ListenerArn: edge.https.ListenerArn, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
    }));
    assert.equal(l.Listeners[0].SslPolicy, 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    assert.deepEqual(l.Listeners[0].Certificates, [{ CertificateArn: ctx.tls.certificateArn }]);
    const r = await c.elb.send(new ModifyRuleCommand({
      RuleArn: edge.rule.RuleArn,
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [ctx.hostname, `www.${ctx.hostname}`] } }],
    }));
    assert.deepEqual(r.Rules[0].Conditions[0].HostHeaderConfig.Values, [ctx.hostname, `www.${ctx.hostname}`]);
    const p = await c.elb.send(new SetRulePrioritiesCommand({ RulePriorities: [{ RuleArn: edge.rule.RuleArn, Priority: 20 }] }));
    assert.equal(p.Rules[0].Priority, '20');
    const rules = await c.elb.send(new DescribeRulesCommand({ RuleArns: [edge.rule.RuleArn] }));
    assert.equal(rules.Rules[0].Priority, '20');
    await c.elb.send(new AddTagsCommand({ ResourceArns: [edge.lb.LoadBalancerArn], Tags: [{ Key: 'team', Value: 'web' }] }));
    const listeners = await c.elb.send(new DescribeListenersCommand({ ListenerArns: [edge.http.ListenerArn] }));
    assert.equal(listeners.Listeners[0].Port, 80);
  }],

  ['ECS: a new task definition revision rolls out (UpdateService until COMPLETED)', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'ecs', 'ECS not in this build')) return;
    const { c, compute } = ctx;
    const cur = await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: compute.taskDefinitionArn, include: ['TAGS'] }));
    const td = cur.taskDefinition;
    const next = await c.ecs.send(new RegisterTaskDefinitionCommand({
      family: td.family, networkMode: td.networkMode, requiresCompatibilities: td.requiresCompatibilities,
      cpu: td.cpu, memory: td.memory, executionRoleArn: td.executionRoleArn, taskRoleArn: td.taskRoleArn,
      containerDefinitions: td.containerDefinitions.map((d) => ({ ...d, environment: [{ name: 'GREETING', value: 'hi' }] })),
    }));
    assert.equal(next.taskDefinition.revision, 2);
    const families = await c.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: td.family, status: 'ACTIVE' }));
    assert.deepEqual(families.taskDefinitionArns, [compute.taskDefinitionArn, next.taskDefinition.taskDefinitionArn]);
    const u = await c.ecs.send(new UpdateServiceCommand({
      cluster: compute.clusterArn, service: ctx.stack, taskDefinition: next.taskDefinition.taskDefinitionArn,
    }));
    assert.equal(u.service.taskDefinition, next.taskDefinition.taskDefinitionArn);
    assert.equal(u.service.deployments.find((d) => d.status === 'PRIMARY').taskDefinition, next.taskDefinition.taskDefinitionArn);
    await until('rollout COMPLETED',
      () => c.ecs.send(new DescribeServicesCommand({ cluster: compute.clusterArn, services: [ctx.stack] })),
      (r) => r.services[0].deployments.length === 1 && r.services[0].deployments[0].rolloutState === 'COMPLETED'
        && r.services[0].runningCount === 2);
    const dereg = await c.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: compute.taskDefinitionArn }));
    assert.equal(dereg.taskDefinition.status, 'INACTIVE');
    compute.taskDefinitionArn = next.taskDefinition.taskDefinitionArn;
    const clusters = await c.ecs.send(new DescribeClustersCommand({ clusters: [compute.clusterArn], include: ['TAGS'] }));
    assert.equal(clusters.clusters[0].activeServicesCount, 1);
    assert.equal(clusters.clusters[0].runningTasksCount, 2);
    assert.deepEqual(sortedTags(clusters.clusters[0].tags), sortedTags(ctx.tagList('cluster').map((x) => ({ key: x.Key, value: x.Value }))));
    const tags = await c.ecs.send(new ListTagsForResourceCommand({ resourceArn: compute.serviceArn }));
    assert.deepEqual(sortedTags(tags.tags), sortedTags(ctx.tagList('service').map((x) => ({ key: x.Key, value: x.Value }))));
  }],

  ['Logs: streams, GetLogEvents, tags, and retention removed', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'logs', 'CloudWatch Logs not in this build')) return;
    const { c, compute } = ctx;
    const groups = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: compute.logGroup }));
    const arn = groups.logGroups[0].arn.replace(/:\*$/, '');
    const tags = await c.logs.send(new ListLogTagsCommand({ resourceArn: arn }));
    assert.deepEqual(tags.tags, Object.fromEntries(ctx.tagList('log-group').map((x) => [x.Key, x.Value])));
    if (!ctx.absent.ecs) {
      const streams = await c.logs.send(new DescribeLogStreamsCommand({
        logGroupName: compute.logGroup, orderBy: 'LastEventTime', descending: true,
      }));
      assert.ok(streams.logStreams.length >= 2, 'one stream per task');
      const s = streams.logStreams[0];
      assert.match(s.arn, /^arn:aws:logs:us-east-1:\d{12}:log-group:\/berth\/jsconf:log-stream:web\//);
      const events = await c.logs.send(new GetLogEventsCommand({
        logGroupName: compute.logGroup, logStreamName: s.logStreamName, startFromHead: true,
      }));
      assert.ok(events.events.length > 0);
      assert.match(events.nextForwardToken, /^f\//);
      assert.match(events.nextBackwardToken, /^b\//);
    }
    await c.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: compute.logGroup }));
    const after = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: compute.logGroup }));
    assert.equal(after.logGroups[0].retentionInDays, undefined);
  }],
];
