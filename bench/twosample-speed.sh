#!/bin/bash
# Issue 20's speed target, ready to re-run on a quiet machine: the energy test with 1 000 relabellings on 10k vs 10k,
# d = 64, 2 threads (target ≤ 30 s wall), against the numpy permutation loop over a precomputed distance matrix
# (bench/twosample_numpy.py, target ≤ 0.25×), A B A B. The numpy loop runs NUMPY_B relabellings (default 20) and its
# time for 1 000 is setup + 1 000 × its per-relabelling time (each relabelling is the same work).
#   npm run build && bash bench/twosample-speed.sh [DIR]        (DIR: where the data go, default /tmp/twosample-speed)
# Peak memory: divergence ~1 GB (float32 tiles of the pooled matrix), numpy ~1.7 GB (float32 20 000² matrix).
set -e
DIR=${1:-/tmp/twosample-speed}
NUMPY_B=${NUMPY_B:-20}
mkdir -p "$DIR"
cd "$(dirname "$0")/.."
[ -f "$DIR/p64.parquet" ] || node bin/run.js gen gaussians --dim 64 -n 10000 --seed 11 -o "$DIR/p64.parquet"
[ -f "$DIR/q64.parquet" ] || node bin/run.js gen gaussians --dim 64 -n 10000 --seed 12 -o "$DIR/q64.parquet"
for round in 1 2; do
  echo "== round $round: $(uptime)"
  /usr/bin/time -f "divergence: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
    node bin/run.js test "$DIR/p64.parquet" "$DIR/q64.parquet" --tests energy --permutations 1000 --threads 2 --json \
    > "$DIR/test-$round.json"
  node -e "const j=require('$DIR/test-$round.json');const t=j.test.tests[0];console.log('energy',t.statistic,'p',t.pValue)"
  /usr/bin/time -f "numpy: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
    /tmp/anchors/bin/python bench/twosample_numpy.py "$DIR/p64.parquet" "$DIR/q64.parquet" "$NUMPY_B"
done
echo "== end: $(uptime)"
