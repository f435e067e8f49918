// ELBv2: load balancer, target group and its attributes, HTTPS and HTTP listeners, host rule.
import assert from 'node:assert/strict';
import {
  CreateListenerCommand, CreateLoadBalancerCommand, CreateRuleCommand, CreateTargetGroupCommand,
  DeleteListenerCommand, DeleteLoadBalancerCommand, DeleteRuleCommand, DeleteTargetGroupCommand,
  DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand, DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { REGION } from '../lib/clients.js';
import { expectError, retrying, until } from '../lib/wait.js';
import { sortedTags } from '../lib/tags.js';

const NOT_YET = ['LoadBalancerNotFound', 'TargetGroupNotFound', 'ListenerNotFound'];
const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const attrs = (list) => Object.fromEntries(list.map((a) => [a.Key, a.Value]));

export async function createTargetGroup(ctx, name, id) {
  const out = await ctx.c.elb.send(new CreateTargetGroupCommand({
    Name: name, Protocol: 'HTTP', Port: 8080, VpcId: ctx.net.vpcId, TargetType: 'ip',
    HealthCheckPath: '/healthz', HealthCheckIntervalSeconds: 10, HealthyThresholdCount: 2,
    Matcher: { HttpCode: '200-399' }, Tags: ctx.tagList(id),
  }));
  assert.equal(out.TargetGroups.length, 1);
  return out.TargetGroups[0];
}

export const up = [
  ['ELBv2 CreateLoadBalancer, then DescribeLoadBalancers until active', async (t, ctx) => {
    const { c, net, edge } = ctx;
    const out = await c.elb.send(new CreateLoadBalancerCommand({
      Name: `${ctx.stack}-alb`, Subnets: net.subnetIds, SecurityGroups: [net.lbGroupId],
      Scheme: 'internet-facing', Type: 'application', IpAddressType: 'ipv4', Tags: ctx.tagList('alb'),
    }));
    const lb = out.LoadBalancers[0];
    assert.match(lb.LoadBalancerArn,
      new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${ctx.account}:loadbalancer/app/${ctx.stack}-alb/[0-9a-f]{16}$`));
    assert.equal(lb.LoadBalancerName, `${ctx.stack}-alb`);
    assert.match(lb.DNSName, new RegExp(`^${ctx.stack}-alb-\\d+\\.${REGION}\\.elb\\.amazonaws\\.com$`));
    assert.match(lb.CanonicalHostedZoneId, /^Z[A-Z0-9]+$/);
    // The instant profile makes every state change visible at once; AWS answers provisioning.
    assert.ok(lb.State.Code === 'provisioning' || (ctx.profile === 'instant' && lb.State.Code === 'active'),
      `state ${lb.State.Code}`);
    assert.equal(lb.Scheme, 'internet-facing');
    assert.equal(lb.Type, 'application');
    assert.equal(lb.VpcId, net.vpcId);
    assert.equal(lb.IpAddressType, 'ipv4');
    assert.deepEqual(lb.SecurityGroups, [net.lbGroupId]);
    assert.deepEqual(lb.AvailabilityZones.map((z) => [z.ZoneName, z.SubnetId]).sort(),
      net.zones.map((z, i) => [z, net.subnetIds[i]]).sort());
    assert.ok(lb.CreatedTime instanceof Date, 'CreatedTime is a timestamp');
    edge.lb = lb;
    const active = await until('load balancer active',
      () => c.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.LoadBalancerArn] })),
      (r) => r.LoadBalancers[0].State.Code === 'active', { retryOn: NOT_YET });
    assert.equal(active.LoadBalancers[0].DNSName, lb.DNSName);
    const byName = await c.elb.send(new DescribeLoadBalancersCommand({ Names: [lb.LoadBalancerName] }));
    assert.equal(byName.LoadBalancers[0].LoadBalancerArn, lb.LoadBalancerArn);
  }],

  ['ELBv2 CreateTargetGroup and ModifyTargetGroupAttributes', async (t, ctx) => {
    const { c, edge } = ctx;
    const tg = await createTargetGroup(ctx, `${ctx.stack}-tg`, 'tg');
    assert.match(tg.TargetGroupArn,
      new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${ctx.account}:targetgroup/${ctx.stack}-tg/[0-9a-f]{16}$`));
    assert.equal(tg.TargetGroupName, `${ctx.stack}-tg`);
    assert.equal(tg.Protocol, 'HTTP');
    assert.equal(tg.Port, 8080);
    assert.equal(tg.VpcId, ctx.net.vpcId);
    assert.equal(tg.TargetType, 'ip');
    assert.equal(tg.HealthCheckPath, '/healthz');
    assert.equal(tg.HealthCheckIntervalSeconds, 10);
    assert.equal(tg.HealthyThresholdCount, 2);
    assert.equal(tg.HealthCheckEnabled, true);
    assert.equal(tg.HealthCheckProtocol, 'HTTP');
    assert.equal(tg.HealthCheckPort, 'traffic-port');
    assert.deepEqual(tg.Matcher, { HttpCode: '200-399' });
    assert.deepEqual(tg.LoadBalancerArns, []);
    edge.tg = tg;
    const m = await c.elb.send(new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: tg.TargetGroupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
    }));
    assert.equal(attrs(m.Attributes)['deregistration_delay.timeout_seconds'], '30');
    const d = await c.elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }));
    const all = attrs(d.Attributes);
    assert.equal(all['deregistration_delay.timeout_seconds'], '30');
    assert.equal(all['stickiness.enabled'], 'false');
  }],

  ['ELBv2 CreateListener: HTTPS with the certificate (default 404), HTTP redirecting to HTTPS', async (t, ctx) => {
    const { c, edge, tls } = ctx;
    const https = (await c.elb.send(new CreateListenerCommand({
      LoadBalancerArn: edge.lb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, SslPolicy: TLS_POLICY,
      Certificates: [{ CertificateArn: tls.certificateArn }],
      DefaultActions: [{
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'not found' },
      }],
      Tags: ctx.tagList('https-listener'),
    }))).Listeners[0];
    assert.match(https.ListenerArn, new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:${ctx.account}:listener/app/${ctx.stack}-alb/[0-9a-f]{16}/[0-9a-f]{16}$`));
    assert.equal(https.LoadBalancerArn, edge.lb.LoadBalancerArn);
    assert.equal(https.Protocol, 'HTTPS');
    assert.equal(https.Port, 443);
    assert.equal(https.SslPolicy, TLS_POLICY);
    assert.deepEqual(https.Certificates, [{ CertificateArn: tls.certificateArn }]);
    assert.equal(https.DefaultActions[0].Type, 'fixed-response');
    assert.deepEqual(https.DefaultActions[0].FixedResponseConfig,
      { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'not found' });
    edge.https = https;
    const http = (await c.elb.send(new CreateListenerCommand({
      LoadBalancerArn: edge.lb.LoadBalancerArn, Protocol: 'HTTP', Port: 80,
      DefaultActions: [{
        Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' },
      }],
    }))).Listeners[0];
    assert.equal(http.Protocol, 'HTTP');
    assert.equal(http.DefaultActions[0].Type, 'redirect');
    const redirect = http.DefaultActions[0].RedirectConfig;
    assert.equal(redirect.Protocol, 'HTTPS');
    assert.equal(redirect.Port, '443');
    assert.equal(redirect.StatusCode, 'HTTP_301');
    assert.equal(redirect.Host, '#{host}');
    assert.equal(redirect.Path, '/#{path}');
    assert.equal(redirect.Query, '#{query}');
    edge.http = http;
    const listed = await c.elb.send(new DescribeListenersCommand({ LoadBalancerArn: edge.lb.LoadBalancerArn }));
    assert.deepEqual(listed.Listeners.map((l) => l.Port).sort(), [443, 80]);
  }],

  ['ELBv2 CreateRule: host header forwards to the target group', async (t, ctx) => {
    const { c, edge } = ctx;
    const rule = (await c.elb.send(new CreateRuleCommand({
      ListenerArn: edge.https.ListenerArn, Priority: 10,
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [ctx.hostname] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: edge.tg.TargetGroupArn }],
      Tags: ctx.tagList('rule'),
    }))).Rules[0];
    assert.match(rule.RuleArn, /^arn:aws:elasticloadbalancing:us-east-1:\d{12}:listener-rule\/app\//);
    assert.equal(rule.Priority, '10');
    assert.equal(rule.IsDefault, false);
    assert.equal(rule.Conditions[0].Field, 'host-header');
    assert.deepEqual(rule.Conditions[0].HostHeaderConfig.Values, [ctx.hostname]);
    assert.equal(rule.Actions[0].Type, 'forward');
    assert.equal(rule.Actions[0].TargetGroupArn, edge.tg.TargetGroupArn);
    assert.deepEqual(rule.Actions[0].ForwardConfig?.TargetGroups?.map((g) => g.TargetGroupArn), [edge.tg.TargetGroupArn]);
    edge.rule = rule;
    const rules = await c.elb.send(new DescribeRulesCommand({ ListenerArn: edge.https.ListenerArn }));
    assert.deepEqual(rules.Rules.map((r) => [r.Priority, r.IsDefault]).sort(), [['10', false], ['default', true]]);
    const tgs = await c.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [edge.tg.TargetGroupArn] }));
    assert.deepEqual(tgs.TargetGroups[0].LoadBalancerArns, [edge.lb.LoadBalancerArn]);
    const tags = await c.elb.send(new DescribeTagsCommand({ ResourceArns: [rule.RuleArn] }));
    assert.deepEqual(sortedTags(tags.TagDescriptions[0].Tags), sortedTags(ctx.tagList('rule')));
  }],

  ['ELBv2 DeleteTargetGroup while a rule uses it fails with ResourceInUse', async (t, { c, edge }) => {
    await expectError(c.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: edge.tg.TargetGroupArn })),
      'ResourceInUse', 400);
  }],
];

export const down = [
  ['ELBv2 delete the rule, listeners, target group and load balancer', async (t, { c, edge }) => {
    await c.elb.send(new DeleteRuleCommand({ RuleArn: edge.rule.RuleArn }));
    for (const l of [edge.https, edge.http]) {
      await c.elb.send(new DeleteListenerCommand({ ListenerArn: l.ListenerArn }));
    }
    await retrying('delete target group', ['ResourceInUse'],
      () => c.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: edge.tg.TargetGroupArn })));
    await c.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: edge.lb.LoadBalancerArn }));
    await expectError(c.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [edge.lb.LoadBalancerArn] })),
      'LoadBalancerNotFound', 400);
    await expectError(c.elb.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [edge.tg.TargetGroupArn] })),
      'TargetGroupNotFound', 400);
  }],
];
