# POT anchor for bench/exact.mjs (same data: the repo's seeded normal generator is not available in Python, so the
# points are written by bench/exact-data.mjs to a .f64 file and read here).
# Run: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /tmp/anchors/bin/python bench/exact_pot.py FILE n m d
import resource, sys, time
import numpy as np
import ot

path, n, m, d = sys.argv[1], *map(int, sys.argv[2:5])
xy = np.fromfile(path, dtype=np.float64)
x, y = xy[: n * d].reshape(n, d), xy[n * d : n * d + m * d].reshape(m, d)
t, c = time.perf_counter(), time.process_time()
M = ot.dist(x, y, metric="euclidean")  # float64 n x m
w = ot.emd2(np.full(n, 1 / n), np.full(m, 1 / m), M, numItermax=10**9)
s, cs = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"POT emd2 {n} x {m} d={d}: {s:.2f} s (cpu {cs:.2f} s), W1 = {w:.9f} ({float(w)!r}), peak RSS {rss:.0f} MB")
