#!/usr/bin/env bash
# Checks the README's CI install as a fresh runner would do it: pack this checkout (npm pack), install the tarball
# globally into an empty prefix (dependencies from the npm registry, no install scripts needed), then run the gate
# step on the bundled example. Run from a built checkout: npm ci && npm run build && scripts/try-ci-install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm pack --silent --pack-destination "$work" >/dev/null
npm install -g --prefix "$work/prefix" --ignore-scripts --no-audit --no-fund "$work"/divergence-cli-*.tgz >/dev/null
cd "$work"
set +e
"$work/prefix/bin/divergence" compare "$OLDPWD/fixtures/examples/real.csv" "$OLDPWD/fixtures/examples/generated.parquet" \
  --max-w1 1 --format markdown --quiet > report.md
code=$?
set -e
# Exit 0: every gate passed (W1 = 0.579 ≤ 1 on the example); anything else is a failed install or run.
if [ "$code" -ne 0 ]; then echo "divergence compare exited $code" >&2; exit 1; fi
grep -q '^## divergence compare' report.md
grep -q '✅ pass' report.md
echo "ok: installed from the packed tarball and ran the CI gate ($(wc -l < report.md) lines of markdown)"
