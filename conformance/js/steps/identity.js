// STS, IAM roles and policies, the service-linked role, and the registry secret.
import assert from 'node:assert/strict';
import {
  AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, CreateServiceLinkedRoleCommand,
  DeletePolicyCommand, DeleteRoleCommand, DetachRolePolicyCommand, GetPolicyCommand, GetRoleCommand,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { REGION } from '../lib/clients.js';
import { expectError } from '../lib/wait.js';
import { sortedTags } from '../lib/tags.js';

const EXECUTION_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

const assumeRole = (service) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

export const up = [
  ['STS GetCallerIdentity names the account', async (t, ctx) => {
    const out = await ctx.c.sts.send(new GetCallerIdentityCommand({}));
    assert.match(out.Account, /^\d{12}$/);
    assert.match(out.Arn, new RegExp(`^arn:aws:(iam|sts)::${out.Account}:`));
    assert.ok(out.UserId, 'UserId');
    ctx.account = out.Account;
  }],

  ['Secrets Manager CreateSecret, DescribeSecret, GetSecretValue', async (t, ctx) => {
    const { c, id } = ctx;
    const value = JSON.stringify({ username: 'robot', password: 'p"a\\ss' });
    const out = await c.secrets.send(new CreateSecretCommand({
      Name: `${ctx.stack}/registry`, SecretString: value, Tags: ctx.tagList('registry-secret'),
    }));
    assert.match(out.ARN, new RegExp(`^arn:aws:secretsmanager:${REGION}:${ctx.account}:secret:${ctx.stack}/registry-[A-Za-z0-9]{6}$`));
    assert.equal(out.Name, `${ctx.stack}/registry`);
    assert.ok(out.VersionId, 'VersionId');
    id.secretArn = out.ARN;
    const d = await c.secrets.send(new DescribeSecretCommand({ SecretId: out.ARN }));
    assert.equal(d.ARN, out.ARN);
    assert.equal(d.Name, out.Name);
    assert.ok(d.CreatedDate instanceof Date, 'CreatedDate is a timestamp');
    assert.deepEqual(d.VersionIdsToStages, { [out.VersionId]: ['AWSCURRENT'] });
    assert.deepEqual(sortedTags(d.Tags), sortedTags(ctx.tagList('registry-secret')));
    const v = await c.secrets.send(new GetSecretValueCommand({ SecretId: out.Name }));
    assert.equal(v.SecretString, value);
    assert.equal(v.ARN, out.ARN);
    assert.equal(v.VersionId, out.VersionId);
    assert.deepEqual(v.VersionStages, ['AWSCURRENT']);
  }],

  ['IAM CreateRole for task execution and task, with the managed execution policy', async (t, ctx) => {
    const { c, id } = ctx;
    for (const [key, name] of [['executionRole', `${ctx.stack}-execution`], ['taskRole', `${ctx.stack}-task`]]) {
      const out = await c.iam.send(new CreateRoleCommand({
        RoleName: name, AssumeRolePolicyDocument: assumeRole('ecs-tasks.amazonaws.com'),
        Description: `berth ${key}`, Tags: ctx.tagList(key),
      }));
      const r = out.Role;
      assert.equal(r.RoleName, name);
      assert.equal(r.Path, '/');
      assert.equal(r.Arn, `arn:aws:iam::${ctx.account}:role/${name}`);
      assert.match(r.RoleId, /^AROA[A-Z0-9]{16,}$/);
      assert.ok(r.CreateDate instanceof Date, 'CreateDate is a timestamp');
      // IAM answers policy documents URL-encoded (RFC 3986).
      const doc = JSON.parse(decodeURIComponent(r.AssumeRolePolicyDocument));
      assert.equal(doc.Statement[0].Principal.Service, 'ecs-tasks.amazonaws.com');
      id[key] = r;
    }
    await c.iam.send(new AttachRolePolicyCommand({ RoleName: id.executionRole.RoleName, PolicyArn: EXECUTION_POLICY }));
    const g = await c.iam.send(new GetRoleCommand({ RoleName: id.executionRole.RoleName }));
    assert.equal(g.Role.Arn, id.executionRole.Arn);
    assert.deepEqual(sortedTags(g.Role.Tags), sortedTags(ctx.tagList('executionRole')));
  }],

  ['IAM CreatePolicy (secret read) and AttachRolePolicy', async (t, ctx) => {
    const { c, id } = ctx;
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: id.secretArn }],
    });
    const out = await c.iam.send(new CreatePolicyCommand({
      PolicyName: `${ctx.stack}-registry-read`, PolicyDocument: document, Tags: ctx.tagList('registry-policy'),
    }));
    const p = out.Policy;
    assert.equal(p.Arn, `arn:aws:iam::${ctx.account}:policy/${ctx.stack}-registry-read`);
    assert.equal(p.DefaultVersionId, 'v1');
    assert.equal(p.AttachmentCount, 0);
    assert.equal(p.IsAttachable, true);
    assert.match(p.PolicyId, /^ANPA[A-Z0-9]{16,}$/);
    id.policyArn = p.Arn;
    await c.iam.send(new AttachRolePolicyCommand({ RoleName: id.executionRole.RoleName, PolicyArn: p.Arn }));
    const got = await c.iam.send(new GetPolicyCommand({ PolicyArn: p.Arn }));
    assert.equal(got.Policy.AttachmentCount, 1);
    const attached = await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: id.executionRole.RoleName }));
    assert.equal(attached.IsTruncated, false);
    assert.deepEqual(attached.AttachedPolicies.map((a) => a.PolicyArn).sort(), [EXECUTION_POLICY, p.Arn].sort());
    assert.ok(attached.AttachedPolicies.some((a) => a.PolicyName === 'AmazonECSTaskExecutionRolePolicy'));
  }],

  ['IAM DeletePolicy while attached fails with DeleteConflict', async (t, { c, id }) => {
    await expectError(c.iam.send(new DeletePolicyCommand({ PolicyArn: id.policyArn })), 'DeleteConflict', 409);
  }],

  ['IAM CreateServiceLinkedRole for ECS (the second call says the name is taken)', async (t, ctx) => {
    const { c } = ctx;
    const out = await c.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }));
    assert.equal(out.Role.RoleName, 'AWSServiceRoleForECS');
    assert.equal(out.Role.Path, '/aws-service-role/ecs.amazonaws.com/');
    assert.equal(out.Role.Arn, `arn:aws:iam::${ctx.account}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`);
    const err = await expectError(c.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' })),
      'InvalidInput', 400);
    assert.match(err.message, /has been taken in this account/);
  }],
];

export const down = [
  ['Secrets Manager DeleteSecret without recovery', async (t, { c, id }) => {
    const out = await c.secrets.send(new DeleteSecretCommand({ SecretId: id.secretArn, ForceDeleteWithoutRecovery: true }));
    assert.equal(out.ARN, id.secretArn);
    assert.ok(out.DeletionDate instanceof Date, 'DeletionDate is a timestamp');
  }],

  ['IAM detach and delete the policy and the roles', async (t, { c, id }) => {
    for (const arn of [EXECUTION_POLICY, id.policyArn]) {
      await c.iam.send(new DetachRolePolicyCommand({ RoleName: id.executionRole.RoleName, PolicyArn: arn }));
    }
    await c.iam.send(new DeletePolicyCommand({ PolicyArn: id.policyArn }));
    for (const r of [id.executionRole, id.taskRole]) {
      await c.iam.send(new DeleteRoleCommand({ RoleName: r.RoleName }));
    }
    await expectError(c.iam.send(new GetRoleCommand({ RoleName: id.taskRole.RoleName })), 'NoSuchEntity', 404);
  }],
];
