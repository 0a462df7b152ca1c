"""The SciPy anchor of bench/drift-scale.mjs: pyarrow.parquet.read_table of each side, then per column
scipy.stats.wasserstein_distance and ks_2samp (method auto) on the finite values (drift counts NaN/inf as missing,
so the loop drops them the same way). Writes {column: [w1, ks, pvalue]} as JSON to stdout; timings to stderr.

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /tmp/anchors/bin/python bench/drift_scale_scipy.py P.parquet Q.parquet
"""
import json
import sys
import time

t0 = time.perf_counter()
import numpy as np
import pyarrow.parquet as pq
from scipy import stats

p, q = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])
t1 = time.perf_counter()
out = {}
for name in p.column_names:
    x = p.column(name).to_numpy(zero_copy_only=False)
    y = q.column(name).to_numpy(zero_copy_only=False)
    x, y = x[np.isfinite(x)], y[np.isfinite(y)]
    ks = stats.ks_2samp(x, y)
    out[name] = [float(stats.wasserstein_distance(x, y)), float(ks.statistic), float(ks.pvalue)]
t2 = time.perf_counter()
print(f"read+import {t1 - t0:.2f} s, loop {t2 - t1:.2f} s, {len(out)} columns", file=sys.stderr)
json.dump(out, sys.stdout)
