#!/bin/sh
# Issue 21's targets in one go, for a quiet machine (bench/RESULTS.md "fidelity, second pass"). Each ratio target runs
# ours and its reference in turn (bench/fidelity-ab.sh: the reference with one BLAS thread); the absolute ones time
# the whole `divergence fidelity` process.
# usage: bench/fidelity-targets.sh [DIR]   (writes the feature files into DIR, default /tmp/fidbench, if missing)
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/fidbench}
py=/tmp/anchors/bin/python
mkdir -p "$dir"
make() { [ -f "$dir/q-$1-$2.npy" ] || "$py" "$here/bench/make-fidelity.py" "$dir" "$1" "$2"; }
make 10000 2048
make 20000 768
make 50000 2048
echo "== FD 10k x 2048 vs pytorch-fid's procedure (target <= 1.0x)"
sh "$here/bench/fidelity-ab.sh" 3 "$here/bench/fidelity_pytorch_fid.py" "$dir/p-10000-2048.npy" "$dir/q-10000-2048.npy" -- --only fd
echo "== P/R/D/C 20k x 768 vs prdc's procedure (target <= 1.0x)"
sh "$here/bench/fidelity-ab.sh" 1 "$here/bench/fidelity_prdc.py" "$dir/p-20000-768.npy" "$dir/q-20000-768.npy" -- --only prdc
for part in fd kid prdc; do
  echo "== $part at 50k x 2048 (targets: fd <= 60 s, kid <= 30 s, prdc <= 10 min)"
  uptime
  /usr/bin/time -f "$part wall %e s cpu %U+%S s rss %M KB" node "$here/bin/run.js" fidelity \
    "$dir/p-50000-2048.npy" "$dir/q-50000-2048.npy" --only "$part" --json --quiet > "/tmp/fidelity-50k-$part.json"
  node -e "const d=JSON.parse(require('fs').readFileSync('/tmp/fidelity-50k-$part.json','utf8'));const f=d.fidelity;console.log(JSON.stringify({fd:f.fd&&f.fd.value,kid:f.kid&&f.kid.mean,precision:f.precision,recall:f.recall,density:f.density,coverage:f.coverage}),JSON.stringify(d.timing))"
done
