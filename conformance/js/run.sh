#!/usr/bin/env bash
# localcloud seen from outside: the AWS SDK for JavaScript v3 drives a whole web-service lifecycle
# against a localcloud started as a separate process (the berth-cli jar, built first if missing or
# stale). Needs Node.js 20+, npm and Java 17. Arguments go to `node --test` (e.g. a test file).
set -euo pipefail
cd "$(dirname "$0")"
# The pinned SDK warns that its releases after January 2027 need Node.js 22; this suite pins its
# versions, so the warning says nothing here.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
npm ci --no-audit --no-fund --loglevel=error
node --test --test-reporter=tap "$@"
