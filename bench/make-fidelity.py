"""Feature files for the fidelity benchmarks (bench/RESULTS.md "fidelity"): Inception-like non-negative features.

usage: make-fidelity.py OUT_DIR N D [SEED]  -> OUT_DIR/p-N-D.npy, OUT_DIR/q-N-D.npy (float32, C order)
Each side is relu(Z A + b) with a shared random mixing A (so the covariance is full, not diagonal) and Q shifted.
"""
import sys

import numpy as np

out, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
rng = np.random.default_rng(seed)
a = rng.standard_normal((d, d)).astype(np.float32) / np.sqrt(d)
for side, shift in (("p", 0.0), ("q", 0.15)):
    z = rng.standard_normal((n, d)).astype(np.float32)
    x = np.maximum(z @ a + shift + 0.3, 0).astype(np.float32)
    np.save(f"{out}/{side}-{n}-{d}.npy", x)
