// The web-service lifecycle as berth drives it, through the AWS SDK for JavaScript v3 against a
// localcloud started as a separate process: every create step, a handful of AWS's refusals, then
// every delete in reverse order, and finally an inventory with nothing left but the DNS zones.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clients } from '../lib/clients.js';
import { control, startLocalcloud } from '../lib/localcloud.js';
import * as checks from '../steps/checks.js';
import * as compute from '../steps/compute.js';
import * as dns from '../steps/dns.js';
import * as edge from '../steps/edge.js';
import * as identity from '../steps/identity.js';
import * as network from '../steps/network.js';
import * as tls from '../steps/tls.js';
import * as update from '../steps/update.js';

const ctx = {
  stack: 'jsconf',
  hostname: 'hello.example.com',
  cloudflareToken: 't0ken',
  absent: {},
  net: {}, id: {}, tls: {}, edge: {}, dns: {}, compute: {},
  tagList(logicalId) {
    return [{ Key: 'berth:stack', Value: this.stack }, { Key: 'berth:id', Value: logicalId }];
  },
};

before(async () => {
  ctx.cloud = await startLocalcloud();
  ctx.profile = ctx.cloud.profile;
  ctx.c = clients(ctx.cloud.endpoint);
  await control(ctx.cloud.endpoint, 'POST', 'cloudflare/zones', { name: 'example.com', token: ctx.cloudflareToken });
  await control(ctx.cloud.endpoint, 'POST', 'route53/zones', { name: 'example.com' });
});

after(async () => {
  await ctx.cloud?.stop();
});

const steps = [
  ...identity.up, ...network.up, ...tls.up, ...edge.up, ...dns.up, ...compute.up, ...checks.up, ...update.up,
  ...compute.down, ...dns.down, ...edge.down, ...tls.down, ...identity.down, ...network.down,
];
// Each step builds on the ones before: after a failure, the rest are skipped rather than failing
// on missing ids, so the first failure is the one to read.
for (const [name, run] of steps) {
  test(name, async (t) => {
    if (ctx.failed) {
      t.skip(`an earlier step failed: ${ctx.failed}`);
      return;
    }
    try {
      await run(t, ctx);
    } catch (err) {
      ctx.failed = name;
      throw err;
    }
  });
}

/** What may stay: the zones made through the control API, and what AWS itself keeps. */
const kept = (r) => (r.service === 'cloudflare' && r.type === 'zone')
  || (r.service === 'route53' && ['hostedzone', 'change'].includes(r.type))
  // Service-linked roles are ensured, never deleted.
  || (r.service === 'iam' && r.type === 'role' && r.id === 'AWSServiceRoleForECS')
  // ECS keeps INACTIVE clusters, services and task definitions, and STOPPED tasks, describable
  // for a while after deletion (task definitions until DeleteTaskDefinitions).
  || (r.service === 'ecs' && (r.state === 'INACTIVE' || (r.type === 'task' && r.attributes?.lastStatus === 'STOPPED')));

test("every response body matches the output shape in the SDK's service model", () => {
  assert.deepEqual(ctx.c.shapeFindings, []);
});

test('every response carried a request id', () => {
  assert.deepEqual(ctx.c.withoutRequestId, []);
});

test('inventory: only the DNS zones, the service-linked role and Route 53 changes remain', async (t) => {
  if (ctx.failed) {
    t.skip(`an earlier step failed: ${ctx.failed}`);
    return;
  }
  const { resources } = await control(ctx.cloud.endpoint, 'GET', 'inventory');
  const leftover = resources.filter((r) => !kept(r));
  assert.deepEqual(leftover.map((r) => `${r.service}/${r.type} ${r.id} ${r.state ?? ''}`), []);
  const kinds = new Set(resources.map((r) => `${r.service}/${r.type}`));
  assert.ok(kinds.has('cloudflare/zone') && kinds.has('route53/hostedzone'), 'both zones are kept');
});
