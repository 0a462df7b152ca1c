"""Anchors for bench/kernels.mjs. Run with one BLAS thread:
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python bench/anchors/anchors.py emd P.csv Q.csv
    ... kde P.csv Q.csv
emd: POT ot.dist (Euclidean) + ot.emd2, the exact W1. kde: SciPy gaussian_kde of P and of Q (Scott's rule), logpdf of
all 20k points under both. Prints the value and the seconds of the computation (reading the CSVs excluded)."""
import sys
import time

import numpy as np
import pandas as pd

what, fp, fq = sys.argv[1:4]
P = pd.read_csv(fp).to_numpy(dtype=np.float64)
Q = pd.read_csv(fq).to_numpy(dtype=np.float64)
t = time.perf_counter()
if what == 'emd':
    import ot
    M = ot.dist(P, Q, metric='euclidean')
    a = np.full(len(P), 1 / len(P))
    b = np.full(len(Q), 1 / len(Q))
    value = ot.emd2(a, b, M, numItermax=10**8)
    print(f'W1 = {value:.6f}, compute {time.perf_counter() - t:.1f} s')
elif what == 'kde':
    from scipy.stats import gaussian_kde
    both = np.vstack([P, Q]).T
    kp, kq = gaussian_kde(P.T), gaussian_kde(Q.T)
    lp, lq = kp.logpdf(both), kq.logpdf(both)
    print(f'mean log p {lp.mean():.4f}, mean log q {lq.mean():.4f}, compute {time.perf_counter() - t:.2f} s')
else:
    sys.exit('usage: anchors.py emd|kde P.csv Q.csv')
