// ACM certificate for two names, validated through Cloudflare (one name) and Route 53 (the other).
import assert from 'node:assert/strict';
import {
  DeleteCertificateCommand, DescribeCertificateCommand, ListTagsForCertificateCommand,
  RequestCertificateCommand,
} from '@aws-sdk/client-acm';
import {
  ChangeResourceRecordSetsCommand, GetChangeCommand, ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
} from '@aws-sdk/client-route-53';
import { REGION } from '../lib/clients.js';
import { expectError, retrying, until } from '../lib/wait.js';
import { sortedTags } from '../lib/tags.js';

const IN_USE = ['ResourceInUseException'];

/** A Cloudflare v4 call with the zone's API token; asserts the envelope and returns `result`. */
async function cloudflare(ctx, method, path, body) {
  const r = await fetch(`${ctx.cloud.cloudflareBase}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.cloudflareToken}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await r.json();
  assert.equal(r.status, 200, `${method} ${path}: ${JSON.stringify(json)}`);
  assert.equal(json.success, true);
  assert.deepEqual(json.errors, []);
  return json;
}

const recordChange = (action, rr) => ({
  Action: action,
  ResourceRecordSet: { Name: rr.Name, Type: rr.Type, TTL: 300, ResourceRecords: [{ Value: rr.Value }] },
});

async function changeInsync(ctx, zoneId, changes) {
  const out = await ctx.c.route53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: zoneId, ChangeBatch: { Comment: 'berth js conformance', Changes: changes },
  }));
  assert.match(out.ChangeInfo.Id, /^\/change\/C[A-Z0-9]+$/);
  assert.ok(['PENDING', 'INSYNC'].includes(out.ChangeInfo.Status));
  assert.ok(out.ChangeInfo.SubmittedAt instanceof Date, 'SubmittedAt is a timestamp');
  assert.equal(out.ChangeInfo.Comment, 'berth js conformance');
  await until('change INSYNC', () => ctx.c.route53.send(new GetChangeCommand({ Id: out.ChangeInfo.Id })),
    (r) => r.ChangeInfo.Status === 'INSYNC');
}

export const up = [
  ['ACM RequestCertificate, then DescribeCertificate until the validation records appear', async (t, ctx) => {
    const { c, tls } = ctx;
    const out = await c.acm.send(new RequestCertificateCommand({
      DomainName: ctx.hostname, SubjectAlternativeNames: [ctx.hostname, `www.${ctx.hostname}`],
      ValidationMethod: 'DNS', IdempotencyToken: 'jsconf', Tags: ctx.tagList('certificate'),
    }));
    assert.match(out.CertificateArn, new RegExp(`^arn:aws:acm:${REGION}:${ctx.account}:certificate/[0-9a-f-]{36}$`));
    tls.certificateArn = out.CertificateArn;
    const d = await until('validation records',
      () => c.acm.send(new DescribeCertificateCommand({ CertificateArn: out.CertificateArn })),
      (r) => r.Certificate.DomainValidationOptions?.length === 2
        && r.Certificate.DomainValidationOptions.every((o) => o.ResourceRecord));
    const cert = d.Certificate;
    assert.equal(cert.CertificateArn, out.CertificateArn);
    assert.equal(cert.DomainName, ctx.hostname);
    assert.deepEqual(cert.SubjectAlternativeNames, [ctx.hostname, `www.${ctx.hostname}`]);
    assert.equal(cert.Status, 'PENDING_VALIDATION');
    assert.equal(cert.Type, 'AMAZON_ISSUED');
    assert.ok(cert.CreatedAt instanceof Date, 'CreatedAt is a timestamp');
    assert.deepEqual(cert.InUseBy, []);
    for (const o of cert.DomainValidationOptions) {
      assert.equal(o.ValidationMethod, 'DNS');
      assert.equal(o.ValidationStatus, 'PENDING_VALIDATION');
      assert.equal(o.ValidationDomain, o.DomainName);
      assert.equal(o.ResourceRecord.Type, 'CNAME');
      assert.match(o.ResourceRecord.Name, new RegExp(`^_[0-9a-f]{32}\\.${o.DomainName.replaceAll('.', '\\.')}\\.$`));
      assert.match(o.ResourceRecord.Value, /^_[0-9a-f]{32}\.[a-z]+\.acm-validations\.aws\.$/);
    }
    tls.records = Object.fromEntries(cert.DomainValidationOptions.map((o) => [o.DomainName, o.ResourceRecord]));
    const tags = await c.acm.send(new ListTagsForCertificateCommand({ CertificateArn: out.CertificateArn }));
    assert.deepEqual(sortedTags(tags.Tags), sortedTags(ctx.tagList('certificate')));
  }],

  ['Cloudflare: the first validation CNAME, created with the API token', async (t, ctx) => {
    const { tls } = ctx;
    const zones = await cloudflare(ctx, 'GET', '/zones?name=example.com');
    assert.equal(zones.result.length, 1);
    assert.equal(zones.result[0].name, 'example.com');
    assert.match(zones.result[0].id, /^[0-9a-f]{32}$/);
    tls.cloudflareZoneId = zones.result[0].id;
    const rr = tls.records[ctx.hostname];
    const created = await cloudflare(ctx, 'POST', `/zones/${tls.cloudflareZoneId}/dns_records`, {
      type: 'CNAME', name: rr.Name.replace(/\.$/, ''), content: rr.Value.replace(/\.$/, ''),
      ttl: 1, proxied: false, comment: 'managed by berth stack=jsconf id=validation',
    });
    assert.match(created.result.id, /^[0-9a-f]{32}$/);
    assert.equal(created.result.name, rr.Name.replace(/\.$/, ''));
    assert.equal(created.result.type, 'CNAME');
    assert.equal(created.result.proxied, false);
    tls.cloudflareRecordId = created.result.id;
    const unauthorized = await fetch(`${ctx.cloud.cloudflareBase}/zones/${tls.cloudflareZoneId}/dns_records`,
      { headers: { authorization: 'Bearer wrong' } });
    assert.ok([401, 403].includes(unauthorized.status), `a wrong token is refused (HTTP ${unauthorized.status})`);
    assert.equal((await unauthorized.json()).success, false);
  }],

  ['ACM keeps the certificate pending while one name is not validated', async (t, { c, tls }) => {
    const d = await c.acm.send(new DescribeCertificateCommand({ CertificateArn: tls.certificateArn }));
    assert.equal(d.Certificate.Status, 'PENDING_VALIDATION');
  }],

  ['Route 53: the second validation CNAME, then the certificate is ISSUED', async (t, ctx) => {
    const { c, tls } = ctx;
    const zones = await c.route53.send(new ListHostedZonesByNameCommand({ DNSName: 'example.com' }));
    const zone = zones.HostedZones.find((z) => z.Name === 'example.com.');
    assert.ok(zone, 'the example.com. zone');
    assert.match(zone.Id, /^\/hostedzone\/Z[A-Z0-9]+$/);
    assert.equal(zone.Config?.PrivateZone, false);
    assert.ok(zone.ResourceRecordSetCount >= 2, 'NS and SOA');
    tls.route53ZoneId = zone.Id.replace('/hostedzone/', '');
    tls.route53Record = tls.records[`www.${ctx.hostname}`];
    await changeInsync(ctx, tls.route53ZoneId, [recordChange('CREATE', tls.route53Record)]);
    const sets = await c.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: tls.route53ZoneId }));
    const types = sets.ResourceRecordSets.map((s) => s.Type);
    assert.ok(types.includes('NS') && types.includes('SOA'), `NS and SOA in ${types}`);
    const cname = sets.ResourceRecordSets.find((s) => s.Type === 'CNAME');
    assert.equal(cname.Name, tls.route53Record.Name);
    assert.equal(cname.TTL, 300);
    assert.deepEqual(cname.ResourceRecords, [{ Value: tls.route53Record.Value }]);

    const issued = await until('certificate ISSUED',
      () => c.acm.send(new DescribeCertificateCommand({ CertificateArn: tls.certificateArn })),
      (r) => r.Certificate.Status !== 'PENDING_VALIDATION');
    const cert = issued.Certificate;
    assert.equal(cert.Status, 'ISSUED');
    assert.ok(cert.IssuedAt instanceof Date, 'IssuedAt is a timestamp');
    assert.ok(cert.NotAfter instanceof Date && cert.NotAfter > cert.NotBefore, 'NotBefore < NotAfter');
    assert.ok(cert.DomainValidationOptions.every((o) => o.ValidationStatus === 'SUCCESS'));
  }],
];

export const down = [
  ['ACM DeleteCertificate (retrying while the load balancer still holds it)', async (t, { c, tls }) => {
    await retrying('delete certificate', IN_USE,
      () => c.acm.send(new DeleteCertificateCommand({ CertificateArn: tls.certificateArn })));
    await expectError(c.acm.send(new DescribeCertificateCommand({ CertificateArn: tls.certificateArn })),
      'ResourceNotFoundException', 400);
  }],

  ['DNS: delete the validation records in Cloudflare and Route 53', async (t, ctx) => {
    const { tls } = ctx;
    const del = await cloudflare(ctx, 'DELETE', `/zones/${tls.cloudflareZoneId}/dns_records/${tls.cloudflareRecordId}`);
    assert.equal(del.result.id, tls.cloudflareRecordId);
    await changeInsync(ctx, tls.route53ZoneId, [recordChange('DELETE', tls.route53Record)]);
  }],
];
