// Polling and error helpers. localcloud runs on real time (a scaled AWS profile), so waits poll
// with a short interval against a deadline, the way an SDK waiter would.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

const INTERVAL_MS = 100;
const TIMEOUT_MS = 60_000;

/**
 * The AWS error code as the JS SDK exposes it: `Code` where the protocol carries one in the body
 * (query and XML protocols), else `name`. For an error the service model declares, `name` is the
 * modeled shape's name, which for the query protocols is the code plus `Exception`.
 */
export function codeOf(err) {
  return err?.Code ?? err?.name;
}

/** Polls `read` until `done(value)` holds; returns that value. */
export async function until(what, read, done, { timeoutMs = TIMEOUT_MS, retryOn = [] } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (err) {
      if (!retryOn.includes(codeOf(err))) throw err;
      last = `${codeOf(err)}: ${err.message}`;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${describe(last)}`);
    }
    await sleep(INTERVAL_MS);
  }
}

/** Calls `call` until it stops failing with one of `codes` (dependency and consistency windows). */
export async function retrying(what, codes, call, { timeoutMs = TIMEOUT_MS } = {}) {
  return until(what, call, () => true, { timeoutMs, retryOn: codes });
}

/** Asserts that `promise` rejects with AWS error `code` and HTTP `status`; returns the error. */
export async function expectError(promise, code, status) {
  let err;
  try {
    const value = await promise;
    assert.fail(`expected ${code} (HTTP ${status}), got success: ${describe(value)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    err = e;
  }
  assert.equal(codeOf(err), code, `error code (name=${err.name}, Code=${err.Code}): ${err.message}`);
  assert.ok([code, `${code}Exception`].includes(err.name), `error name ${err.name} for ${code}`);
  assert.equal(err.$metadata?.httpStatusCode, status, `HTTP status of ${code}`);
  assert.equal(err.$fault, status >= 500 ? 'server' : 'client', `$fault of ${code}`);
  assert.ok(err.message, `${code} has a message`);
  return err;
}

function describe(v) {
  const s = typeof v === 'string' ? v : JSON.stringify(v, (k, x) => (k === '$metadata' ? undefined : x));
  return s && s.length > 600 ? `${s.slice(0, 600)}...` : s;
}
