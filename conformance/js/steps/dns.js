// The service's own DNS name: a Cloudflare CNAME to the load balancer, and a Route 53 alias A record
// with berth's TXT ownership marker in the same change batch.
import assert from 'node:assert/strict';
import { ChangeResourceRecordSetsCommand, GetChangeCommand, ListResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import { until } from '../lib/wait.js';

async function cloudflare(ctx, method, path, body) {
  const r = await fetch(`${ctx.cloud.cloudflareBase}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.cloudflareToken}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await r.json();
  assert.equal(r.status, 200, `${method} ${path}: ${JSON.stringify(json)}`);
  assert.equal(json.success, true);
  return json;
}

const aliasChanges = (ctx, action) => {
  const name = `api.${ctx.hostname}.`;
  return [{
    Action: action,
    ResourceRecordSet: {
      Name: name, Type: 'A',
      AliasTarget: {
        HostedZoneId: ctx.edge.lb.CanonicalHostedZoneId, DNSName: ctx.edge.lb.DNSName, EvaluateTargetHealth: false,
      },
    },
  }, {
    Action: action,
    ResourceRecordSet: {
      Name: `_berth.${name}`, Type: 'TXT', TTL: 300,
      ResourceRecords: [{ Value: `"berth stack=${ctx.stack} id=dns"` }],
    },
  }];
};

async function change(ctx, changes) {
  const out = await ctx.c.route53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: ctx.tls.route53ZoneId, ChangeBatch: { Changes: changes },
  }));
  await until('change INSYNC', () => ctx.c.route53.send(new GetChangeCommand({ Id: out.ChangeInfo.Id })),
    (r) => r.ChangeInfo.Status === 'INSYNC');
}

export const up = [
  ['Cloudflare: CNAME from the hostname to the load balancer, then a PATCH of its TTL', async (t, ctx) => {
    const { dns, edge } = ctx;
    const zone = ctx.tls.cloudflareZoneId;
    const created = await cloudflare(ctx, 'POST', `/zones/${zone}/dns_records`, {
      type: 'CNAME', name: ctx.hostname, content: edge.lb.DNSName, ttl: 1, proxied: false,
      comment: `managed by berth stack=${ctx.stack} id=dns`,
    });
    assert.equal(created.result.content, edge.lb.DNSName);
    assert.equal(created.result.zone_id, zone);
    dns.cloudflareRecordId = created.result.id;
    const found = await cloudflare(ctx, 'GET', `/zones/${zone}/dns_records?type=CNAME&name=${ctx.hostname}`);
    assert.deepEqual(found.result.map((r) => r.id), [dns.cloudflareRecordId]);
    assert.equal(found.result_info.count, 1);
    const patched = await cloudflare(ctx, 'PATCH', `/zones/${zone}/dns_records/${dns.cloudflareRecordId}`, { ttl: 300 });
    assert.equal(patched.result.ttl, 300);
    assert.equal(patched.result.comment, `managed by berth stack=${ctx.stack} id=dns`);
  }],

  ['Route 53: alias A record to the load balancer with its TXT ownership marker', async (t, ctx) => {
    await change(ctx, aliasChanges(ctx, 'CREATE'));
    const sets = await ctx.c.route53.send(new ListResourceRecordSetsCommand({
      HostedZoneId: ctx.tls.route53ZoneId, StartRecordName: `api.${ctx.hostname}.`, StartRecordType: 'A', MaxItems: 1,
    }));
    const a = sets.ResourceRecordSets[0];
    assert.equal(a.Name, `api.${ctx.hostname}.`);
    assert.equal(a.Type, 'A');
    assert.equal(a.AliasTarget.HostedZoneId, ctx.edge.lb.CanonicalHostedZoneId);
    assert.equal(a.AliasTarget.DNSName, `${ctx.edge.lb.DNSName}.`);
    assert.equal(a.AliasTarget.EvaluateTargetHealth, false);
    assert.equal(a.TTL, undefined);
    assert.equal(sets.MaxItems, 1);
    assert.equal(sets.IsTruncated, true);
    assert.ok(sets.NextRecordName, 'NextRecordName');
  }],
];

export const down = [
  ['DNS: delete the service records in Cloudflare and Route 53', async (t, ctx) => {
    await cloudflare(ctx, 'DELETE', `/zones/${ctx.tls.cloudflareZoneId}/dns_records/${ctx.dns.cloudflareRecordId}`);
    await change(ctx, aliasChanges(ctx, 'DELETE'));
  }],
];
