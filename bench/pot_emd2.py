# POT anchor for whole-process comparisons with `divergence w1 P Q --method exact`: reads two CSV files
# with a header row, ot.dist (Euclidean) + ot.emd2 with uniform weights, prints W1.
# Run: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /tmp/anchors/bin/python bench/pot_emd2.py P.csv Q.csv
import sys

import numpy as np
import ot

a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=2)
b = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, ndmin=2)
print(ot.emd2(np.full(len(a), 1 / len(a)), np.full(len(b), 1 / len(b)), ot.dist(a, b, metric="euclidean"), numItermax=10**8))
