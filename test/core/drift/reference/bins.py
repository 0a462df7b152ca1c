"""Reference values for drift's tie-aware quantile bins (src/core/drift/quantile.ts, docs/drift.md "Bins").

An independent NumPy implementation of the definition: P's quantiles at 1/k, ..., (k-1)/k (np.quantile, linear =
type 7), made unique; an edge shared by two or more quantiles is tied and gets its own singleton bin; a value equal
to an untied edge goes to the bin above it (searchsorted side='right'). JSD is scipy's jensenshannon squared (nats),
PSI floors each proportion at 1e-4. The samples are regenerated on both sides from u(k) (test/core/drift/cases.ts).

Run from the repository root:  /tmp/anchors/bin/python test/core/drift/reference/bins.py
It writes test/core/drift/reference/bins.json (versions recorded in it).
"""
import json
import pathlib
import sys

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parents[3] / "fixtures" / "drift"))
from expected import NUMERIC_CASES, sample  # noqa: E402  (the unit-test samples of fixtures/drift/expected.py)


def slots(p, k):
    """The slot of every value of a sample in P's k tie-aware quantile bins, and the number of slots."""
    edges = np.quantile(p, np.arange(1, k) / k)
    u, count = np.unique(edges, return_counts=True)
    tied = count >= 2

    def of(x):
        j = np.searchsorted(u, x, side="right")  # edges <= x
        prev = np.maximum(j - 1, 0)
        on_tied = (j > 0) & (u[prev] == x) & tied[prev]
        return np.where(on_tied, 2 * j - 1, 2 * j)

    return of, 2 * len(u) + 1


def counts(p, q, k):
    of, n = slots(p, k)
    return np.bincount(of(p), minlength=n), np.bincount(of(q), minlength=n)


def jsd(p, q, k):
    cp, cq = counts(p, q, k)
    return float(jensenshannon(cp, cq) ** 2)


def psi(p, q):
    cp, cq = counts(p, q, 10)
    a, b = np.maximum(cp / cp.sum(), 1e-4), np.maximum(cq / cq.sum(), 1e-4)
    return float(np.sum((b - a) * np.log(b / a)))


def u(k):
    return ((np.asarray(k, dtype=np.float64) * 2654435761) % 4294967296) / 4294967296


# Columns with point masses, each as P and Q given by blocks: (count, constant) or (count, start, scale): scale * u(k).
def block_sample(blocks):
    parts = []
    for b in blocks:
        if len(b) == 2:
            parts.append(np.full(b[0], float(b[1])))
        else:
            parts.append(b[2] * u(np.arange(b[1], b[1] + b[0])))
    return np.concatenate(parts)


TIE_CASES = {
    # The case: P 96 % zeros, Q 20 % zeros + U(0, 10).
    "zero-inflated": ([[960, 0], [40, 1, 10]], [[200, 0], [800, 5001, 10]]),
    # The same, mirrored below zero: the tie is now P's largest value.
    "zero-inflated-negative": ([[960, 0], [40, 1, -10]], [[200, 0], [800, 5001, -10]]),
    "constant-5-vs-7": ([[300, 5]], [[300, 7]]),
    "constant-7-vs-5": ([[300, 7]], [[300, 5]]),
    "constant-same": ([[300, 5]], [[200, 5]]),
    # Small integers (a count column): every edge tied.
    "integers": ([[120, 0], [250, 1], [300, 2], [200, 3], [130, 4]], [[200, 0], [250, 1], [250, 2], [200, 3], [100, 4]]),
    # A cap: 30 % of P at its maximum 100, the rest U(0, 100); Q capped less often.
    "capped": ([[700, 1, 100], [300, 100]], [[900, 9001, 100], [100, 100]]),
}


def main():
    numeric = {}
    for name, (sp, sq) in NUMERIC_CASES.items():
        p, q = sample(sp), sample(sq)
        numeric[name] = {"p": sp, "q": sq, "jsd20": jsd(p, q, 20), "jsd7": jsd(p, q, 7), "psi": psi(p, q)}
    ties = {}
    for name, (bp, bq) in TIE_CASES.items():
        p, q = block_sample(bp), block_sample(bq)
        cp, cq = counts(p, q, 10)
        ties[name] = {
            "p": bp, "q": bq, "jsd20": jsd(p, q, 20), "psi": psi(p, q),
            "decileCountsP": cp.tolist(), "decileCountsQ": cq.tolist(),
        }
    doc = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__}, "numeric": numeric, "ties": ties}
    (HERE / "bins.json").write_text(json.dumps(doc, indent=1) + "\n")
    print("wrote", HERE / "bins.json")


if __name__ == "__main__":
    main()
