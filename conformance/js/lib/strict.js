// A strict reader: checks every successful response body against the operation's output shape in
// the SDK's own service model, and reports what the SDK would silently drop or mis-read: unknown or
// misnamed members, wrong list/map encodings, repeated elements, nulls, values of the wrong type,
// and wrong root elements. SDKs are lenient by design; an independent client is only as good as
// the fields it happens to read, so this makes the whole lifecycle a shape check.
import { Readable } from 'node:stream';
import { NormalizedSchema } from '@smithy/core/schema';

// Smithy simple-schema codes for timestamps (see @smithy/core/schema sentinels).
const TS_DEFAULT = 4;
const TS_DATE_TIME = 5;
const TS_HTTP_DATE = 6;
const TS_EPOCH = 7;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$|^(NaN|-?Infinity)$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HTTP_BOUND = ['httpHeader', 'httpResponseCode', 'httpPrefixHeaders', 'httpQuery', 'httpLabel'];

/** Wraps a client's request handler and adds a middleware that checks each response body. */
export function strictReader(client, protocol, findings) {
  const bodies = new WeakMap();
  const handler = client.config.requestHandler;
  const handle = handler.handle.bind(handler);
  handler.handle = async (request, options) => {
    const out = await handle(request, options);
    const chunks = [];
    for await (const chunk of out.response.body) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    out.response.body = Readable.from(bytes.length ? [bytes] : []);
    bodies.set(out.response, bytes);
    return out;
  };
  client.middlewareStack.add((next, context) => async (args) => {
    const result = await next(args);
    const bytes = bodies.get(result.response);
    const op = context.__smithy_context?.operationSchema;
    if (bytes && op) {
      const where = context.clientName.replace(/Client$/, '');
      findings.push(...checkBody(protocol, op, bytes).map((f) => `${where}.${f}`));
    }
    return result;
  }, { step: 'initialize', name: 'strictReader' });
}

/**
 * Checks one successful response body against an operation schema (as the SDK exports it, e.g.
 * `DescribeVpcs$`) for `protocol` (ec2, query, restXml or json); returns the problems found.
 */
export function checkBody(protocol, operationSchema, bytes) {
  const op = operationSchema[2];
  const findings = [];
  const report = (path, problem) => findings.push(`${op}: ${path}: ${problem}`);
  try {
    check[protocol](NormalizedSchema.of(operationSchema[5]), op, Buffer.from(bytes), report);
  } catch (e) {
    report('(body)', `unreadable: ${e.message}`);
  }
  return findings;
}

const check = {
  json(out, op, bytes, report) {
    if (!bytes.length) return;
    const body = JSON.parse(bytes.toString('utf8'));
    if (out.isUnitSchema()) {
      if (Object.keys(body).length) report('$', 'members in a response without output');
    } else walkJson(out, body, '$', report);
  },
  query(out, op, bytes, report) {
    const root = parseXml(bytes.toString('utf8'));
    expectName(root, `${op}Response`, report);
    for (const child of root.children) {
      if (child.name === `${op}Result` && !out.isUnitSchema()) walkXml(out, child, child.name, report);
      else if (child.name === 'ResponseMetadata') {
        if (!child.children.some((c) => c.name === 'RequestId')) report(child.name, 'no RequestId');
      } else report(root.name, `unknown element <${child.name}>`);
    }
  },
  ec2(out, op, bytes, report) {
    const root = parseXml(bytes.toString('utf8'));
    expectName(root, `${op}Response`, report);
    if (!root.children.some((c) => c.name === 'requestId')) report(root.name, 'no <requestId>');
    // EC2 answers <return>true</return> to most actions, also where the model has no output member
    // for it (AttachInternetGateway, CreateSecurityGroup, ...), as its API reference shows.
    root.children = root.children.filter((c) => c.name !== 'requestId'
      && !(c.name === 'return' && !(out.isStructSchema() && out.getMemberSchemas().Return)));
    if (!out.isUnitSchema()) walkXml(out, root, root.name, report);
    else if (root.children.length) report(root.name, `unexpected elements in a response without output`);
  },
  restXml(out, op, bytes, report) {
    if (!bytes.length) return;
    const members = [...out.structIterator()];
    const payload = members.find(([, m]) => m.getMergedTraits().httpPayload);
    if (payload) {
      const [, m] = payload;
      if (!m.isStructSchema()) return;
      const root = parseXml(bytes.toString('utf8'));
      expectName(root, m.getMergedTraits().xmlName ?? m.getName(), report);
      walkXml(m, root, root.name, report);
      return;
    }
    const root = parseXml(bytes.toString('utf8'));
    expectName(root, out.getMergedTraits().xmlName ?? out.getName(), report);
    walkXml(out, root, root.name, report, (m) => !HTTP_BOUND.some((t) => m.getMergedTraits()[t]));
  },
};

function expectName(el, name, report) {
  if (el.name !== name) report(el.name, `root element should be <${name}>`);
}

function walkJson(ns, v, path, report) {
  if (v === null) {
    report(path, 'null (AWS omits absent members)');
    return;
  }
  if (ns.isDocumentSchema()) return;
  if (ns.isStructSchema()) {
    if (typeof v !== 'object' || Array.isArray(v)) return report(path, `expected an object, got ${JSON.stringify(v)}`);
    const members = Object.fromEntries(ns.structIterator());
    for (const [k, x] of Object.entries(v)) {
      if (!members[k]) report(path, `unknown member "${k}" in ${ns.getName()}`);
      else walkJson(members[k], x, `${path}.${k}`, report);
    }
  } else if (ns.isListSchema()) {
    if (!Array.isArray(v)) return report(path, `expected an array, got ${JSON.stringify(v)}`);
    v.forEach((x, i) => walkJson(ns.getValueSchema(), x, `${path}[${i}]`, report));
  } else if (ns.isMapSchema()) {
    if (typeof v !== 'object' || Array.isArray(v)) return report(path, `expected a map, got ${JSON.stringify(v)}`);
    for (const [k, x] of Object.entries(v)) walkJson(ns.getValueSchema(), x, `${path}.${k}`, report);
  } else if (ns.isTimestampSchema()) {
    const sc = ns.getSchema();
    const ok = sc === TS_DATE_TIME ? DATE_TIME.test(v) : sc === TS_HTTP_DATE ? HTTP_DATE.test(v) : typeof v === 'number';
    if (!ok) report(path, `timestamp ${JSON.stringify(v)} is not in the protocol's format`);
  } else if (ns.isBooleanSchema()) {
    if (typeof v !== 'boolean') report(path, `expected a boolean, got ${JSON.stringify(v)}`);
  } else if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) {
    if (typeof v !== 'number' && !/^(NaN|-?Infinity)$/.test(v)) report(path, `expected a number, got ${JSON.stringify(v)}`);
  } else if (ns.isBlobSchema()) {
    if (typeof v !== 'string' || !BASE64.test(v)) report(path, 'expected base64');
  } else if (typeof v !== 'string') {
    report(path, `expected a string, got ${JSON.stringify(v)}`);
  }
}

const wireName = (memberName, m) => m.getMemberTraits().xmlName ?? memberName;

function walkXml(ns, el, path, report, include = () => true) {
  if (ns.isDocumentSchema()) return;
  if (ns.isStructSchema()) {
    if (el.text.trim() && !el.children.length) report(path, `expected elements of ${ns.getName()}, got text`);
    const byWire = new Map();
    for (const [name, m] of ns.structIterator()) {
      if (include(m) && !m.getMergedTraits().xmlAttribute) byWire.set(wireName(name, m), m);
    }
    const seen = new Set();
    for (const child of el.children) {
      const m = byWire.get(child.name);
      const at = `${path}.${child.name}`;
      if (!m) {
        report(path, `unknown element <${child.name}> in ${ns.getName()}`);
        continue;
      }
      const flat = m.getMergedTraits().xmlFlattened;
      if (seen.has(child.name) && !flat) report(at, 'repeated element (not a flattened list)');
      seen.add(child.name);
      if (flat && m.isListSchema()) walkXml(m.getValueSchema(), child, at, report);
      else if (flat && m.isMapSchema()) walkEntry(m, child, at, report);
      else walkXml(m, child, at, report);
    }
  } else if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    const itemName = item.getMergedTraits().xmlName ?? 'member';
    if (el.text.trim() && !el.children.length) report(path, 'expected list items, got text');
    el.children.forEach((child, i) => {
      if (child.name !== itemName) report(path, `list item <${child.name}> should be <${itemName}>`);
      else walkXml(item, child, `${path}[${i}]`, report);
    });
  } else if (ns.isMapSchema()) {
    el.children.forEach((child) => {
      if (child.name !== 'entry') report(path, `map entry <${child.name}> should be <entry>`);
      else walkEntry(ns, child, path, report);
    });
  } else {
    if (el.children.length) {
      report(path, `expected a value, got elements ${el.children.map((c) => `<${c.name}>`).join('')}`);
      return;
    }
    checkScalar(ns, el.text, path, report);
  }
}

function walkEntry(map, entry, path, report) {
  const keyName = map.getKeySchema().getMergedTraits().xmlName ?? 'key';
  const valueName = map.getValueSchema().getMergedTraits().xmlName ?? 'value';
  for (const c of entry.children) {
    if (c.name === valueName) walkXml(map.getValueSchema(), c, `${path}[${keyName}]`, report);
    else if (c.name !== keyName) report(path, `map entry element <${c.name}>`);
  }
}

function checkScalar(ns, text, path, report) {
  const v = text.trim();
  if (ns.isTimestampSchema()) {
    const sc = ns.getSchema();
    const ok = sc === TS_EPOCH ? NUMBER.test(v) : sc === TS_HTTP_DATE ? HTTP_DATE.test(v)
      : (sc === TS_DEFAULT || sc === TS_DATE_TIME) && DATE_TIME.test(v);
    if (!ok) report(path, `timestamp "${v}" is not ISO 8601 date-time`);
  } else if (ns.isBooleanSchema()) {
    if (v !== 'true' && v !== 'false') report(path, `expected true/false, got "${v}"`);
  } else if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) {
    if (!NUMBER.test(v)) report(path, `expected a number, got "${v}"`);
  } else if (ns.isBlobSchema() && !BASE64.test(v)) {
    report(path, 'expected base64');
  }
}

/** A small, strict XML reader: elements, attributes, text, entities, CDATA. */
export function parseXml(xml) {
  let i = 0;
  const fail = (m) => { throw new Error(`XML: ${m} at ${i}`); };
  const skip = () => {
    for (;;) {
      while (/\s/.test(xml[i] ?? '')) i++;
      if (xml.startsWith('<?', i)) i = xml.indexOf('?>', i) + 2;
      else if (xml.startsWith('<!--', i)) i = xml.indexOf('-->', i) + 3;
      else return;
    }
  };
  const decode = (s) => s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e) => (
    { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e]
      ?? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))));
  const element = () => {
    if (xml[i] !== '<') fail('expected <');
    const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(i));
    if (!m) fail('bad start tag');
    i += m[0].length;
    const el = { name: m[1], attrs: {}, children: [], text: '' };
    for (const a of m[2].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) el.attrs[a[1]] = decode(a[2] ?? a[3]);
    if (m[3]) return el;
    for (;;) {
      if (xml.startsWith('</', i)) {
        const end = /^<\/([\w.:-]+)\s*>/.exec(xml.slice(i));
        if (!end || end[1] !== el.name) fail(`expected </${el.name}>`);
        i += end[0].length;
        return el;
      }
      if (xml.startsWith('<![CDATA[', i)) {
        const j = xml.indexOf(']]>', i);
        el.text += xml.slice(i + 9, j);
        i = j + 3;
      } else if (xml.startsWith('<!--', i)) {
        i = xml.indexOf('-->', i) + 3;
      } else if (xml[i] === '<') {
        el.children.push(element());
      } else {
        const j = xml.indexOf('<', i);
        if (j < 0) fail(`unclosed <${el.name}>`);
        el.text += decode(xml.slice(i, j));
        i = j;
      }
    }
  };
  skip();
  const root = element();
  skip();
  if (i < xml.length) fail('content after the root element');
  return root;
}
