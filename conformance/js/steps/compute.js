// CloudWatch Logs and ECS: log group, cluster, task definition, service behind the target group.
// Both services may be missing from a build of localcloud: their steps are then skipped.
import assert from 'node:assert/strict';
import {
  CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, FilterLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateClusterCommand, CreateServiceCommand, DeleteClusterCommand, DeleteServiceCommand,
  DeregisterTaskDefinitionCommand, DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand,
  RegisterTaskDefinitionCommand, UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DeleteTargetGroupCommand, DeregisterTargetsCommand, DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { REGION } from '../lib/clients.js';
import { codeOf, expectError, retrying, until } from '../lib/wait.js';
import { createTargetGroup } from './edge.js';

const NO_ECS = 'ECS not in this build';
const NO_LOGS = 'CloudWatch Logs not in this build';

/**
 * Runs the first call to a service that may be absent; on UnknownService marks it absent and
 * skips the step. Returns false when skipped.
 */
async function present(t, ctx, service, reason, call) {
  if (ctx.absent[service]) {
    t.skip(reason);
    return false;
  }
  try {
    await call();
    return true;
  } catch (err) {
    if (codeOf(err) !== 'UnknownService') throw err;
    ctx.absent[service] = true;
    t.skip(reason);
    return false;
  }
}

const skipWithout = (t, ctx, service, reason) => {
  if (ctx.absent[service]) t.skip(reason);
  return !ctx.absent[service];
};

const awsvpc = (net) => ({
  awsvpcConfiguration: { subnets: net.subnetIds, securityGroups: [net.taskGroupId], assignPublicIp: 'ENABLED' },
});

export const up = [
  ['Logs CreateLogGroup and PutRetentionPolicy', async (t, ctx) => {
    const { c, compute } = ctx;
    compute.logGroup = `/berth/${ctx.stack}`;
    const tags = Object.fromEntries(ctx.tagList('log-group').map((x) => [x.Key, x.Value]));
    if (!await present(t, ctx, 'logs', NO_LOGS,
      () => c.logs.send(new CreateLogGroupCommand({ logGroupName: compute.logGroup, tags })))) return;
    await c.logs.send(new PutRetentionPolicyCommand({ logGroupName: compute.logGroup, retentionInDays: 7 }));
    const d = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/berth/' }));
    assert.equal(d.logGroups.length, 1);
    const g = d.logGroups[0];
    assert.equal(g.logGroupName, compute.logGroup);
    assert.equal(g.retentionInDays, 7);
    assert.equal(g.arn, `arn:aws:logs:${REGION}:${ctx.account}:log-group:${compute.logGroup}:*`);
    assert.equal(typeof g.creationTime, 'number');
    assert.equal(typeof g.storedBytes, 'number');
    await expectError(c.logs.send(new CreateLogGroupCommand({ logGroupName: compute.logGroup })),
      'ResourceAlreadyExistsException', 400);
  }],

  ['ECS CreateCluster', async (t, ctx) => {
    const { c, compute } = ctx;
    let out;
    if (!await present(t, ctx, 'ecs', NO_ECS, async () => {
      out = await c.ecs.send(new CreateClusterCommand({
        clusterName: ctx.stack, tags: ctx.tagList('cluster').map((x) => ({ key: x.Key, value: x.Value })),
      }));
    })) return;
    const cl = out.cluster;
    assert.equal(cl.clusterArn, `arn:aws:ecs:${REGION}:${ctx.account}:cluster/${ctx.stack}`);
    assert.equal(cl.clusterName, ctx.stack);
    assert.equal(cl.status, 'ACTIVE');
    assert.equal(cl.activeServicesCount, 0);
    assert.equal(cl.runningTasksCount, 0);
    compute.clusterArn = cl.clusterArn;
  }],

  ['ECS RegisterTaskDefinition (Fargate, awsvpc, awslogs)', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'ecs', NO_ECS)) return;
    const { c, compute, id } = ctx;
    const out = await c.ecs.send(new RegisterTaskDefinitionCommand({
      family: ctx.stack, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512',
      executionRoleArn: id.executionRole.Arn, taskRoleArn: id.taskRole.Arn,
      containerDefinitions: [{
        name: 'web', image: 'public.ecr.aws/nginx/nginx:stable', essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: [{ name: 'GREETING', value: 'hello' }],
        repositoryCredentials: { credentialsParameter: id.secretArn },
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': compute.logGroup, 'awslogs-region': REGION, 'awslogs-stream-prefix': 'web' },
        },
      }],
    }));
    const td = out.taskDefinition;
    assert.equal(td.taskDefinitionArn, `arn:aws:ecs:${REGION}:${ctx.account}:task-definition/${ctx.stack}:1`);
    assert.equal(td.family, ctx.stack);
    assert.equal(td.revision, 1);
    assert.equal(td.status, 'ACTIVE');
    assert.equal(td.networkMode, 'awsvpc');
    assert.equal(td.cpu, '256');
    assert.equal(td.memory, '512');
    assert.deepEqual(td.requiresCompatibilities, ['FARGATE']);
    assert.ok(td.compatibilities.includes('FARGATE'));
    assert.equal(td.containerDefinitions[0].portMappings[0].containerPort, 8080);
    assert.equal(td.containerDefinitions[0].logConfiguration.options['awslogs-group'], compute.logGroup);
    compute.taskDefinitionArn = td.taskDefinitionArn;
  }],

  ['ECS CreateService with a target group no load balancer uses fails with InvalidParameterException', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'ecs', NO_ECS)) return;
    const { c, compute, net } = ctx;
    const spare = await createTargetGroup(ctx, `${ctx.stack}-spare`, 'spare-tg');
    try {
      const err = await expectError(c.ecs.send(new CreateServiceCommand({
        cluster: compute.clusterArn, serviceName: `${ctx.stack}-orphan`, taskDefinition: compute.taskDefinitionArn,
        desiredCount: 1, launchType: 'FARGATE', networkConfiguration: awsvpc(net),
        loadBalancers: [{ targetGroupArn: spare.TargetGroupArn, containerName: 'web', containerPort: 8080 }],
      })), 'InvalidParameterException', 400);
      assert.match(err.message, /does not have an associated load balancer/);
    } finally {
      await c.elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: spare.TargetGroupArn }));
    }
  }],

  ['ECS CreateService, then DescribeServices until the deployment is COMPLETED', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'ecs', NO_ECS)) return;
    const { c, compute, edge, net } = ctx;
    const out = await c.ecs.send(new CreateServiceCommand({
      cluster: compute.clusterArn, serviceName: ctx.stack, taskDefinition: compute.taskDefinitionArn,
      desiredCount: 2, launchType: 'FARGATE', networkConfiguration: awsvpc(net),
      loadBalancers: [{ targetGroupArn: edge.tg.TargetGroupArn, containerName: 'web', containerPort: 8080 }],
      healthCheckGracePeriodSeconds: 30,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100,
      },
      tags: ctx.tagList('service').map((x) => ({ key: x.Key, value: x.Value })),
    }));
    const s = out.service;
    assert.equal(s.serviceArn, `arn:aws:ecs:${REGION}:${ctx.account}:service/${ctx.stack}/${ctx.stack}`);
    assert.equal(s.serviceName, ctx.stack);
    assert.equal(s.clusterArn, compute.clusterArn);
    assert.equal(s.status, 'ACTIVE');
    assert.equal(s.desiredCount, 2);
    assert.equal(s.launchType, 'FARGATE');
    assert.equal(s.taskDefinition, compute.taskDefinitionArn);
    assert.deepEqual(s.loadBalancers, [{ targetGroupArn: edge.tg.TargetGroupArn, containerName: 'web', containerPort: 8080 }]);
    assert.deepEqual(s.deploymentConfiguration.deploymentCircuitBreaker, { enable: true, rollback: true });
    assert.equal(s.deployments.length, 1);
    assert.equal(s.deployments[0].status, 'PRIMARY');
    assert.equal(s.deployments[0].rolloutState, 'IN_PROGRESS');
    assert.match(s.deployments[0].id, /^ecs-svc\/\d+$/);
    compute.serviceArn = s.serviceArn;
    const stable = await until('service stable',
      () => c.ecs.send(new DescribeServicesCommand({ cluster: compute.clusterArn, services: [ctx.stack] })),
      (r) => r.services[0].deployments.length === 1 && r.services[0].deployments[0].rolloutState === 'COMPLETED'
        && r.services[0].runningCount === r.services[0].desiredCount);
    assert.deepEqual(stable.failures, []);
    const svc = stable.services[0];
    assert.equal(svc.runningCount, 2);
    assert.equal(svc.pendingCount, 0);
    assert.equal(svc.deployments[0].runningCount, 2);
    assert.equal(svc.deployments[0].failedTasks, 0);
    assert.ok(svc.events.length > 0 && svc.events.every((e) => e.id && e.createdAt instanceof Date && e.message),
      'service events');
  }],

  ['ECS ListTasks and DescribeTasks: two RUNNING tasks with network interfaces', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'ecs', NO_ECS)) return;
    const { c, compute } = ctx;
    const list = await c.ecs.send(new ListTasksCommand({ cluster: compute.clusterArn, serviceName: ctx.stack }));
    assert.equal(list.taskArns.length, 2);
    const d = await c.ecs.send(new DescribeTasksCommand({ cluster: compute.clusterArn, tasks: list.taskArns }));
    compute.taskIps = [];
    for (const task of d.tasks) {
      assert.match(task.taskArn, new RegExp(`^arn:aws:ecs:${REGION}:${ctx.account}:task/${ctx.stack}/[0-9a-f]{32}$`));
      assert.equal(task.lastStatus, 'RUNNING');
      assert.equal(task.desiredStatus, 'RUNNING');
      assert.equal(task.launchType, 'FARGATE');
      assert.equal(task.taskDefinitionArn, compute.taskDefinitionArn);
      assert.equal(task.group, `service:${ctx.stack}`);
      const eni = task.attachments.find((a) => a.type === 'ElasticNetworkInterface');
      const details = Object.fromEntries(eni.details.map((x) => [x.name, x.value]));
      assert.match(details.networkInterfaceId, /^eni-[0-9a-f]+$/);
      assert.match(details.privateIPv4Address, /^10\.0\.[01]\.\d+$/);
      assert.equal(task.containers[0].name, 'web');
      assert.equal(task.containers[0].lastStatus, 'RUNNING');
      compute.taskIps.push(details.privateIPv4Address);
    }
  }],

  ['ELBv2 DescribeTargetHealth: the targets are healthy', async (t, ctx) => {
    const { c, compute, edge } = ctx;
    if (ctx.absent.ecs) {
      // Without ECS the suite registers the targets itself, so the shapes are still checked.
      compute.taskIps = ['10.0.0.10', '10.0.1.10'];
      await c.elb.send(new RegisterTargetsCommand({
        TargetGroupArn: edge.tg.TargetGroupArn, Targets: compute.taskIps.map((ip) => ({ Id: ip, Port: 8080 })),
      }));
    }
    const d = await until('targets healthy',
      () => c.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: edge.tg.TargetGroupArn })),
      (r) => r.TargetHealthDescriptions.length === 2
        && r.TargetHealthDescriptions.every((x) => x.TargetHealth.State === 'healthy'));
    assert.deepEqual(d.TargetHealthDescriptions.map((x) => x.Target.Id).sort(), [...compute.taskIps].sort());
    for (const x of d.TargetHealthDescriptions) {
      assert.equal(x.Target.Port, 8080);
      assert.equal(x.HealthCheckPort, '8080');
      assert.equal(x.TargetHealth.State, 'healthy');
    }
    if (ctx.absent.ecs) {
      await c.elb.send(new DeregisterTargetsCommand({
        TargetGroupArn: edge.tg.TargetGroupArn, Targets: compute.taskIps.map((ip) => ({ Id: ip, Port: 8080 })),
      }));
    }
  }],

  ['Logs FilterLogEvents reads what the tasks wrote', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'logs', NO_LOGS) || !skipWithout(t, ctx, 'ecs', NO_ECS)) return;
    const { c, compute } = ctx;
    const out = await until('log events',
      () => c.logs.send(new FilterLogEventsCommand({ logGroupName: compute.logGroup, logStreamNamePrefix: 'web/' })),
      (r) => r.events.length > 0);
    for (const e of out.events) {
      assert.match(e.logStreamName, /^web\/web\/[0-9a-f]{32}$/);
      assert.equal(typeof e.timestamp, 'number');
      assert.equal(typeof e.ingestionTime, 'number');
      assert.equal(typeof e.message, 'string');
      assert.ok(e.eventId, 'eventId');
    }
    assert.ok(Array.isArray(out.searchedLogStreams ?? []));
  }],
];

export const down = [
  ['ECS scale to zero, DeleteService, wait until INACTIVE, DeleteCluster', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'ecs', NO_ECS)) return;
    const { c, compute } = ctx;
    const u = await c.ecs.send(new UpdateServiceCommand({ cluster: compute.clusterArn, service: ctx.stack, desiredCount: 0 }));
    assert.equal(u.service.desiredCount, 0);
    const del = await retrying('delete service', ['InvalidParameterException'],
      () => c.ecs.send(new DeleteServiceCommand({ cluster: compute.clusterArn, service: ctx.stack })));
    assert.ok(['DRAINING', 'INACTIVE'].includes(del.service.status), `status ${del.service.status}`);
    await until('service INACTIVE',
      () => c.ecs.send(new DescribeServicesCommand({ cluster: compute.clusterArn, services: [ctx.stack] })),
      (r) => r.services[0]?.status === 'INACTIVE' || r.failures?.[0]?.reason === 'MISSING');
    const dereg = await c.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: compute.taskDefinitionArn }));
    assert.equal(dereg.taskDefinition.status, 'INACTIVE');
    const cl = await retrying('delete cluster', ['ClusterContainsTasksException', 'ClusterContainsServicesException'],
      () => c.ecs.send(new DeleteClusterCommand({ cluster: compute.clusterArn })));
    assert.equal(cl.cluster.status, 'INACTIVE');
  }],

  ['Logs DeleteLogGroup', async (t, ctx) => {
    if (!skipWithout(t, ctx, 'logs', NO_LOGS)) return;
    await ctx.c.logs.send(new DeleteLogGroupCommand({ logGroupName: ctx.compute.logGroup }));
    const d = await ctx.c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/berth/' }));
    assert.deepEqual(d.logGroups, []);
  }],
];
