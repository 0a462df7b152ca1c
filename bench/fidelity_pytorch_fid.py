"""pytorch-fid's FD procedure on two .npy feature files, as its fid_score.py does it (the reference of the
fidelity benchmark, bench/RESULTS.md): np.mean / np.cov (ddof 1, float64), scipy.linalg.sqrtm of sigma1 @ sigma2,
the eps*I retry when the product is not finite, the real part, and the trace.

usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python fidelity_pytorch_fid.py P.npy Q.npy
"""
import sys
import time

import numpy as np
from scipy import linalg

t0 = time.perf_counter()
act1 = np.load(sys.argv[1])
act2 = np.load(sys.argv[2])
mu1, sigma1 = np.mean(act1, axis=0), np.cov(act1, rowvar=False)
mu2, sigma2 = np.mean(act2, axis=0), np.cov(act2, rowvar=False)
t1 = time.perf_counter()
diff = mu1 - mu2
covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
if not np.isfinite(covmean).all():
    offset = np.eye(sigma1.shape[0]) * 1e-6
    covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
if np.iscomplexobj(covmean):
    covmean = covmean.real
fd = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)
t2 = time.perf_counter()
print(f"fd {fd:.10g} load+cov {t1 - t0:.2f} s sqrtm+trace {t2 - t1:.2f} s total {t2 - t0:.2f} s")
