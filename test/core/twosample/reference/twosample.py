"""Reference values for test/core/twosample/statistics.test.ts (run: /tmp/anchors/bin/python twosample.py).

Energy distance (Székely & Rizzo, V-statistic), unbiased MMD² with a Gaussian kernel at the median-heuristic
bandwidth, from numpy/scipy directly, with math.fsum for exact sums of the pair terms; and scipy.stats.permutation_test
on the energy statistic for the p-value's scale (a Monte Carlo p-value: only its neighbourhood is compared).
Writes reference.json beside this file with the data and the values.
"""
import json
import math
import pathlib

import numpy as np
from scipy.spatial.distance import cdist, pdist
from scipy.stats import permutation_test


def energy(x, y):
    n, m = len(x), len(y)
    xy = math.fsum(cdist(x, y).ravel())
    xx = math.fsum(cdist(x, x).ravel())
    yy = math.fsum(cdist(y, y).ravel())
    return 2 * xy / (n * m) - xx / n**2 - yy / m**2


def median_bandwidth(x, y):
    return float(np.median(pdist(np.vstack([x, y]))))


def mmd2u(x, y, sigma):
    n, m = len(x), len(y)
    k = lambda a, b: np.exp(-cdist(a, b, 'sqeuclidean') / (2 * sigma**2))
    kxx, kyy = k(x, x), k(y, y)
    np.fill_diagonal(kxx, 0)
    np.fill_diagonal(kyy, 0)
    return (math.fsum(kxx.ravel()) / (n * (n - 1)) + math.fsum(kyy.ravel()) / (m * (m - 1))
            - 2 * math.fsum(k(x, y).ravel()) / (n * m))


rng = np.random.default_rng(20)
cases = []
for name, n, m, d, shift in [('shifted-3d', 40, 55, 3, 0.5), ('same-8d', 60, 60, 8, 0.0), ('wide-1d', 30, 20, 1, 2.0)]:
    x = rng.normal(size=(n, d))
    y = rng.normal(size=(m, d))
    y[:, 0] += shift
    sigma = median_bandwidth(x, y)
    # permutation_test relabels 1-D samples: relabel row indices of the pooled set.
    z = np.vstack([x, y])
    res = permutation_test((np.arange(n), np.arange(n, n + m)), lambda a, b: energy(z[a], z[b]), vectorized=False,
                           n_resamples=999, alternative='greater', random_state=1)
    cases.append({'name': name, 'p': x.tolist(), 'q': y.tolist(), 'energy': energy(x, y), 'bandwidth': sigma,
                  'mmd2u': mmd2u(x, y, sigma), 'scipyEnergyPValue': float(res.pvalue)})
pathlib.Path(__file__).with_name('reference.json').write_text(json.dumps({'cases': cases}, indent=1))
for c in cases:
    print(c['name'], c['energy'], c['bandwidth'], c['mmd2u'], c['scipyEnergyPValue'])
