"""The prdc package's procedure (clovaai/generative-evaluation-prdc, prdc/prdc.py, compute_prdc) on two .npy
feature files: full pairwise distance matrices with scikit-learn, k-th neighbour radii by argpartition, strict `<`
membership. The reference of the P/R/D/C benchmark (bench/RESULTS.md). prdc passes n_jobs=8 to
pairwise_distances; this runs with n_jobs=1 and one BLAS thread, as the benchmark's rule for the reference side.

usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python fidelity_prdc.py P.npy Q.npy [K]
"""
import sys
import time

import numpy as np
import sklearn.metrics


def compute_pairwise_distance(data_x, data_y=None):
    if data_y is None:
        data_y = data_x
    return sklearn.metrics.pairwise_distances(data_x, data_y, metric="euclidean", n_jobs=1)


def get_kth_value(unsorted, k, axis=-1):
    indices = np.argpartition(unsorted, k, axis=axis)[..., :k]
    k_smallests = np.take_along_axis(unsorted, indices, axis=axis)
    return k_smallests.max(axis=axis)


def compute_nearest_neighbour_distances(input_features, nearest_k):
    distances = compute_pairwise_distance(input_features)
    return get_kth_value(distances, k=nearest_k + 1, axis=-1)


t0 = time.perf_counter()
real = np.load(sys.argv[1])
fake = np.load(sys.argv[2])
k = int(sys.argv[3]) if len(sys.argv) > 3 else 5
real_r = compute_nearest_neighbour_distances(real, k)
fake_r = compute_nearest_neighbour_distances(fake, k)
d_rf = compute_pairwise_distance(real, fake)
precision = (d_rf < np.expand_dims(real_r, axis=1)).any(axis=0).mean()
recall = (d_rf < np.expand_dims(fake_r, axis=0)).any(axis=1).mean()
density = (1.0 / float(k)) * (d_rf < np.expand_dims(real_r, axis=1)).sum(axis=0).mean()
coverage = (d_rf.min(axis=1) < real_r).mean()
t1 = time.perf_counter()
print(f"precision {precision:.6f} recall {recall:.6f} density {density:.6f} coverage {coverage:.6f} total {t1 - t0:.2f} s")
