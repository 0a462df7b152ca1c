#!/bin/sh
# A/B timing of `divergence fidelity` against a Python reference in the same run (bench/RESULTS.md "fidelity").
# usage: bench/fidelity-ab.sh PAIRS REF_SCRIPT P.npy Q.npy -- DIVERGENCE_FLAGS...
# The reference runs with one BLAS thread (OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1), as the targets say.
pairs=$1; ref=$2; p=$3; q=$4; shift 5
here=$(cd "$(dirname "$0")/.." && pwd)
for i in $(seq "$pairs"); do
  uptime
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/time -f "ref wall %e s cpu %U+%S s rss %M KB" /tmp/anchors/bin/python "$ref" "$p" "$q" 2>&1 | grep -v Deprecation | grep -v "covmean, _"
  /usr/bin/time -f "ours wall %e s cpu %U+%S s rss %M KB" node "$here/bin/run.js" fidelity "$p" "$q" --json --quiet "$@" > /tmp/fidelity-ab-ours.json 2> /tmp/fidelity-ab-ours.err
  tail -1 /tmp/fidelity-ab-ours.err
  node -e "const d=JSON.parse(require('fs').readFileSync('/tmp/fidelity-ab-ours.json','utf8'));const f=d.fidelity;console.log('ours', JSON.stringify({fd:f.fd&&f.fd.value,kid:f.kid&&f.kid.mean,precision:f.precision,recall:f.recall,density:f.density,coverage:f.coverage}), JSON.stringify(d.timing))"
done
