"""The SciPy anchor of bench/RESULTS.md "Per-column drift": per-column wasserstein_distance + ks_2samp on two Parquet files, read with pyarrow.

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python bench/drift_scipy.py P.parquet Q.parquet

Prints the seconds for reading and for the loop; the whole process is what bench/drift.mjs times.
"""
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
    x = p.column(name).to_numpy()
    y = q.column(name).to_numpy()
    out[name] = (stats.wasserstein_distance(x, y), stats.ks_2samp(x, y).pvalue)
t2 = time.perf_counter()
print(f"read+import {t1 - t0:.2f} s, loop {t2 - t1:.2f} s, {len(out)} columns")
