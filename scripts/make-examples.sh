#!/usr/bin/env bash
# Regenerates the bundled examples in fixtures/examples/ with the built CLI (npm run build first).
set -euo pipefail
cd "$(dirname "$0")/.."
gen() { node bin/run.js gen "$@" --quiet; }
for ext in csv parquet arrow; do
  gen gaussians --dim 2 -n 500 --seed 1 --out fixtures/examples/real.$ext
  gen gaussians --dim 2 -n 500 --seed 2 --shift 0.5 --out fixtures/examples/generated.$ext
done
gen parallel-lines --theta 0 -n 200 --seed 7 --out fixtures/examples/lines-theta0.csv
gen parallel-lines --theta 1 -n 200 --seed 7 --out fixtures/examples/lines-theta1.csv
gen ring --modes 8 -n 800 --seed 3 --out fixtures/examples/ring8.csv
gen ring --modes 8 --drop 1 -n 800 --seed 4 --out fixtures/examples/ring8-drop1.csv
