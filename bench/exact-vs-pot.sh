#!/bin/sh
# Issue 12 benchmarks: the network simplex and POT (ot.dist + ot.emd2, one BLAS thread) alternately on the same
# points, each in its own process with its peak RSS. Needs `npm run build` and /tmp/anchors/bin/python (POT 0.9.7).
# Usage: sh bench/exact-vs-pot.sh N [REPEATS]   (N = 4000 or 10000; 10000 runs POT at 4.1 GB for ~40 s+ each)
set -e
N=${1:-4000}; R=${2:-2}
F=/tmp/exact-bench-$N.f64
[ -f "$F" ] || node bench/exact-data.mjs "$N" "$N" 8 "$F"
i=0
while [ $i -lt "$R" ]; do
  uptime
  node bench/exact.mjs ns "$N" "$N" 8
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /tmp/anchors/bin/python bench/exact_pot.py "$F" "$N" "$N" 8
  i=$((i + 1))
done
