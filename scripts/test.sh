#!/usr/bin/env bash
# The test suite: system packages first (installed when missing), then type checking, then every
# test file under test/ with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
npx tsc --noEmit
mapfile -t files < <(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 --test-reporter=spec "${files[@]}"
