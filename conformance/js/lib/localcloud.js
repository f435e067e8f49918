// Starts localcloud as a separate JVM on a free port, talks to its control API, and stops it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const defaultJar = join(repoRoot, 'berth-cli/target/berth.jar');

/** The newest modification time under the folders that go into the jar. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const m of readdirSync(repoRoot)) {
    if (m.startsWith('berth-') && existsSync(join(repoRoot, m, 'src/main'))) {
      walk(join(repoRoot, m, 'src/main'));
      newest = Math.max(newest, statSync(join(repoRoot, m, 'pom.xml')).mtimeMs);
    }
  }
  return newest;
}

/** The berth-cli shaded jar: $LOCALCLOUD_JAR, or this checkout's, built first if missing or stale. */
export function localcloudJar() {
  if (process.env.LOCALCLOUD_JAR) return process.env.LOCALCLOUD_JAR;
  if (!existsSync(defaultJar) || statSync(defaultJar).mtimeMs < newestSource()) {
    const args = ['-B', '-q', '-o', '-DskipTests', '-Dspotless.check.skip=true', 'package'];
    process.stderr.write(`building ${defaultJar} (mvn ${args.join(' ')})\n`);
    const r = spawnSync('mvn', args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`mvn package failed with exit code ${r.status}`);
  }
  return defaultJar;
}

async function freePort() {
  const srv = createServer();
  await new Promise((ok, fail) => srv.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = srv.address();
  await new Promise((ok) => srv.close(ok));
  return port;
}

/**
 * Starts localcloud and resolves once its port answers. Profile and time scale come from
 * $LOCALCLOUD_PROFILE (default aws) and $LOCALCLOUD_TIME_SCALE (default 0.01: AWS's delays, 100x
 * faster), so that waits, lingering network interfaces and consistency windows are exercised.
 */
export async function startLocalcloud() {
  const jar = localcloudJar();
  const port = await freePort();
  const profile = process.env.LOCALCLOUD_PROFILE ?? 'aws';
  const scale = process.env.LOCALCLOUD_TIME_SCALE ?? '0.01';
  const args = ['-cp', jar, 'dev.berth.cli.Main', 'localcloud', '--port', String(port),
    '--profile', profile, '--time-scale', scale];
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  // The JVM must not outlive the test process, however that ends.
  const kill = () => child.kill('SIGKILL');
  const interrupted = (signal) => {
    kill();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.once('exit', kill);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`localcloud exited (${JSON.stringify(exited)}) before answering:\n${output}`);
    try {
      const r = await fetch(`${endpoint}/_localcloud/inventory`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`localcloud did not answer on ${endpoint} within 60 s:\n${output}`);
    }
    await sleep(200);
  }

  return {
    endpoint,
    profile,
    cloudflareBase: `${endpoint}/client/v4`,
    output: () => output,
    async stop() {
      process.removeListener('exit', kill);
      process.removeListener('SIGINT', interrupted);
      process.removeListener('SIGTERM', interrupted);
      if (exited) return;
      const gone = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Calls localcloud's control API (`/_localcloud/...`) and returns the parsed JSON answer. */
export async function control(endpoint, method, path, body) {
  const r = await fetch(`${endpoint}/_localcloud/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} /_localcloud/${path}: HTTP ${r.status} ${text}`);
  return JSON.parse(text);
}
