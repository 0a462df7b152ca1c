"""Reference adjusted p-values for src/core/stats/multiple-testing.ts, from statsmodels.

statsmodels.stats.multitest.multipletests(p, method='holm' | 'fdr_bh') on fixed p-value vectors: ties, values at 0
and 1, products above 1 (clipped), tiny values near the float64 floor, and a seeded random family of 200.

Run from the repository root:  /tmp/anchors/bin/python test/core/stats/reference/multitest.py
It writes test/core/stats/reference/multitest.json (versions recorded in it). Values are written with repr, so the
JSON holds the exact float64 statsmodels returned.
"""
import json
import pathlib

import numpy as np
import statsmodels
from statsmodels.stats.multitest import multipletests

HERE = pathlib.Path(__file__).parent

rng = np.random.default_rng(20)
CASES = {
    "one": [0.03],
    "textbook": [0.01, 0.04, 0.03, 0.005],
    "ties": [0.02, 0.02, 0.02, 0.5, 0.01, 0.01],
    "with-zero-and-one": [0.0, 1.0, 0.2, 0.0, 0.9],
    "clipped": [0.4, 0.6, 0.3, 0.35, 0.8, 0.99],
    "tiny": [1e-300, 5e-324, 1e-200, 2e-16, 0.5],
    "unsorted-mixed": [0.049, 0.001, 0.2, 0.0125, 0.03, 0.7, 0.0001, 0.04],
    "random-200": rng.uniform(0, 1, 200).tolist(),
    "random-200-small": (rng.uniform(0, 1, 200) ** 6).tolist(),
}


def main():
    out = {}
    for name, p in CASES.items():
        arr = np.asarray(p, dtype=np.float64)
        out[name] = {
            "p": arr.tolist(),
            "holm": multipletests(arr, method="holm")[1].tolist(),
            "bh": multipletests(arr, method="fdr_bh")[1].tolist(),
        }
    doc = {"versions": {"numpy": np.__version__, "statsmodels": statsmodels.__version__}, "cases": out}
    (HERE / "multitest.json").write_text(json.dumps(doc, indent=1) + "\n")
    print("wrote", HERE / "multitest.json")


if __name__ == "__main__":
    main()
