// Cross-service reads: the Resource Groups Tagging API, and S3 as berth's state store uses it.
import assert from 'node:assert/strict';
import { GetResourcesCommand, GetTagKeysCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand,
  ListObjectsV2Command, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { REGION } from '../lib/clients.js';
import { expectError } from '../lib/wait.js';
import { sortedTags } from '../lib/tags.js';

export const up = [
  ['Tagging GetResources finds the stack by its berth:stack tag', async (t, ctx) => {
    const { c, net, edge, tls, id, compute } = ctx;
    const out = await c.tagging.send(new GetResourcesCommand({
      TagFilters: [{ Key: 'berth:stack', Values: [ctx.stack] }],
    }));
    assert.equal(out.PaginationToken ?? '', '');
    const arns = out.ResourceTagMappingList.map((m) => m.ResourceARN);
    const expected = [
      `arn:aws:ec2:${REGION}:${ctx.account}:vpc/${net.vpcId}`,
      `arn:aws:ec2:${REGION}:${ctx.account}:subnet/${net.subnetIds[0]}`,
      `arn:aws:ec2:${REGION}:${ctx.account}:security-group/${net.lbGroupId}`,
      edge.lb.LoadBalancerArn, edge.tg.TargetGroupArn, tls.certificateArn, id.secretArn,
    ];
    if (!ctx.absent.ecs) expected.push(compute.clusterArn, compute.serviceArn);
    for (const arn of expected) assert.ok(arns.includes(arn), `${arn} in ${arns.join(' ')}`);
    const lb = out.ResourceTagMappingList.find((m) => m.ResourceARN === edge.lb.LoadBalancerArn);
    assert.deepEqual(sortedTags(lb.Tags), sortedTags(ctx.tagList('alb')));

    const only = await c.tagging.send(new GetResourcesCommand({
      TagFilters: [{ Key: 'berth:stack', Values: [ctx.stack] }],
      ResourceTypeFilters: ['elasticloadbalancing:loadbalancer'],
    }));
    assert.deepEqual(only.ResourceTagMappingList.map((m) => m.ResourceARN), [edge.lb.LoadBalancerArn]);
    const keys = await c.tagging.send(new GetTagKeysCommand({}));
    assert.ok(keys.TagKeys.includes('berth:stack') && keys.TagKeys.includes('berth:id'));
  }],

  ['S3 PutObject with If-None-Match: * creates once, then answers 412', async (t, ctx) => {
    const { c } = ctx;
    const Bucket = `${ctx.stack}-state`;
    const Key = `stacks/${ctx.stack}.state.json`;
    const body = JSON.stringify({ serial: 1 });
    await c.s3.send(new CreateBucketCommand({ Bucket }));
    const put = await c.s3.send(new PutObjectCommand({
      Bucket, Key, Body: body, ContentType: 'application/json', IfNoneMatch: '*',
    }));
    assert.match(put.ETag, /^"[0-9a-f]{32}"$/);
    const err = await expectError(c.s3.send(new PutObjectCommand({ Bucket, Key, Body: '{}', IfNoneMatch: '*' })),
      'PreconditionFailed', 412);
    assert.equal(err.Code ?? err.name, 'PreconditionFailed');
    const got = await c.s3.send(new GetObjectCommand({ Bucket, Key }));
    assert.equal(await got.Body.transformToString(), body);
    assert.equal(got.ETag, put.ETag);
    assert.equal(got.ContentType, 'application/json');
    assert.equal(got.ContentLength, body.length);
    assert.ok(got.LastModified instanceof Date, 'LastModified is a timestamp');
    const head = await c.s3.send(new HeadObjectCommand({ Bucket, Key, IfMatch: put.ETag }));
    assert.equal(head.ETag, put.ETag);
    const list = await c.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'stacks/' }));
    assert.equal(list.KeyCount, 1);
    assert.equal(list.Contents[0].Key, Key);
    assert.equal(list.Contents[0].Size, body.length);
    assert.equal(list.Contents[0].ETag, put.ETag);
    await c.s3.send(new DeleteObjectCommand({ Bucket, Key }));
    await c.s3.send(new DeleteBucketCommand({ Bucket }));
  }],
];
