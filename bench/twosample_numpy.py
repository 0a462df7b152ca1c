"""The numpy anchor for the energy permutation test (issue 20 speed target): a permutation loop over a precomputed
distance matrix, as a careful numpy user would write it.

  /tmp/anchors/bin/python bench/twosample_numpy.py P.parquet Q.parquet PERMUTATIONS

Reads both sets (pyarrow), computes the pooled Euclidean distance matrix once (scipy cdist, float64, stored float32 to
stay within 2 GB at 20 000 points, like divergence's tiles), its row sums, then for each relabelling sums the
within-group block D[G, G] in float64 and forms the energy statistic with the same identities as
src/core/twosample/permute.ts. Prints the setup time, the loop's time per relabelling and its CPU seconds, and the
observed statistic. Run with fewer PERMUTATIONS than divergence's 1 000 when the loop is slow: the per-relabelling
time is what is compared (each relabelling is the same amount of work).
"""
import sys
import time

import numpy as np
import pyarrow.parquet as pq
from scipy.spatial.distance import cdist

p_path, q_path, B = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.column_stack([c.to_numpy() for c in pq.read_table(p_path).columns]).astype(np.float64)
y = np.column_stack([c.to_numpy() for c in pq.read_table(q_path).columns]).astype(np.float64)
n, m = len(x), len(y)
N = n + m
t0, c0 = time.perf_counter(), time.process_time()
z = np.vstack([x, y])
D = np.empty((N, N), dtype=np.float32)
for i0 in range(0, N, 2048):
    D[i0:i0 + 2048] = cdist(z[i0:i0 + 2048], z)
R = D.sum(axis=1, dtype=np.float64)
total = R.sum()
t1, c1 = time.perf_counter(), time.process_time()


def energy(group):
    within = D[np.ix_(group, group)].sum(dtype=np.float64)
    across = R[group].sum()
    cross = across - within
    other = total - 2 * across + within
    return 2 * cross / (n * m) - within / n**2 - other / m**2


observed = energy(np.arange(n))
rng = np.random.default_rng(1)
null = np.array([energy(np.sort(rng.permutation(N)[:n])) for _ in range(B)])
t2, c2 = time.perf_counter(), time.process_time()
p = (1 + np.sum(null >= observed)) / (1 + B)
print(f'setup {t1 - t0:.2f} s wall, {c1 - c0:.2f} s cpu; loop {B} relabellings {t2 - t1:.2f} s wall, {c2 - c1:.2f} s cpu; '
      f'{(t2 - t1) / B:.3f} s wall and {(c2 - c1) / B:.3f} s cpu per relabelling; energy {observed:.12g}, p = {p:.4f}')
