# Writes the 10 vs 10 000 points case of bench/RESULTS.md "Exact W1 by network simplex" (d = 8, N(0, I) vs N(0.5·e0, I), seed 1) to /tmp/exact-10.csv and
# /tmp/exact-10000.csv. Run: /tmp/anchors/bin/python bench/make-unequal.py
import numpy as np

r = np.random.default_rng(1)
header = ",".join(f"x{k}" for k in range(8))
np.savetxt("/tmp/exact-10.csv", r.normal(size=(10, 8)), delimiter=",", header=header, comments="")
np.savetxt("/tmp/exact-10000.csv", r.normal(size=(10000, 8)) + np.eye(8)[0] * 0.5, delimiter=",", header=header, comments="")
