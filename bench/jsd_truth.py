"""Quadrature truths for bench/jsd-panel.mjs and test/core/jsd (issue 19).

JSD(N(0, I_d), N(mu, I_d)) in nats. Both Gaussians share the covariance, so after a rotation taking mu to |mu|·e_1
the other d − 1 coordinates have the same density under P and Q and drop out of every log-ratio: the JSD is the
1-D JSD of N(0, 1) vs N(|mu|, 1), integrated here with scipy.integrate.quad (log-densities, logaddexp).
One 2-D case is also integrated directly with dblquad as a check of that reduction.
Run: /tmp/anchors/bin/python bench/jsd_truth.py > bench/reference/jsd-truths.json
"""
import json
import math

import numpy as np
from scipy import integrate
from scipy.stats import norm


def jsd_1d(delta):
    def f(x):
        lp, lq = norm.logpdf(x), norm.logpdf(x, delta)
        lm = np.logaddexp(lp, lq) - math.log(2)
        return 0.5 * math.exp(lp) * (lp - lm) + 0.5 * math.exp(lq) * (lq - lm)

    value, err = integrate.quad(f, -40, 40 + delta, points=[0, delta], limit=500, epsabs=1e-15, epsrel=1e-13)
    return value, err


def jsd_2d_direct(mu):
    def f(y, x):
        lp = norm.logpdf(x) + norm.logpdf(y)
        lq = norm.logpdf(x, mu[0]) + norm.logpdf(y, mu[1])
        lm = np.logaddexp(lp, lq) - math.log(2)
        return 0.5 * math.exp(lp) * (lp - lm) + 0.5 * math.exp(lq) * (lq - lm)

    return integrate.dblquad(f, -12, 12 + mu[0], -12, 12 + mu[1], epsabs=1e-12, epsrel=1e-10)[0]


cases = []
for d in (1, 2, 3):
    for shift in (0.5, 1.0):
        for axes in ('all', 'one'):
            norm_mu = shift * math.sqrt(d) if axes == 'all' else shift
            value, err = jsd_1d(norm_mu)
            cases.append({'d': d, 'shift': shift, 'axes': axes, 'normMu': norm_mu, 'jsd': value, 'quadError': err})
check = jsd_2d_direct((0.5, 0.5))
out = {
    'method': 'scipy.integrate.quad of the 1-D reduction (see the docstring); nats',
    'cases': cases,
    'check2d': {'mu': [0.5, 0.5], 'dblquad': check, 'reduction': jsd_1d(math.sqrt(0.5))[0]},
}
print(json.dumps(out, indent=1))
