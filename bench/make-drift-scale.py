"""Writes the data of bench/drift-scale.mjs: P and Q, ROWS rows x COLS columns each (float64, or float32 with
DTYPE=float32, which halves the files of the 3M x 1000 run), one Parquet file per side, in row groups of 125 000
rows (so the generator never holds a whole side). Q's column j is shifted by 0.01*j and scaled by 1 + 0.002*j, so
the columns drift by different amounts; 1 % of P's cells are NaN.
SIDES (default pq) writes only the sides named, e.g. q, so that two processes can write the two sides at once.
Usage: /tmp/anchors/bin/python bench/make-drift-scale.py OUT_DIR [ROWS] [COLS] [DTYPE] [SIDES]"""
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
cols = int(sys.argv[3]) if len(sys.argv) > 3 else 100
dtype = sys.argv[4] if len(sys.argv) > 4 else "float64"
sides = sys.argv[5] if len(sys.argv) > 5 else "pq"
group = 125_000
os.makedirs(out, exist_ok=True)
schema = pa.schema([(f"x{j}", pa.float32() if dtype == "float32" else pa.float64()) for j in range(cols)])
for side, seed in (("p", 1), ("q", 2)):
    if side not in sides:
        continue
    rng = np.random.default_rng(seed)
    with pq.ParquetWriter(os.path.join(out, f"{side}.parquet"), schema) as w:
        for start in range(0, rows, group):
            n = min(group, rows - start)
            arrays = []
            for j in range(cols):
                x = rng.standard_normal(n)
                if side == "q":
                    x = x * (1 + 0.002 * j) + 0.01 * j
                else:
                    x[rng.random(n) < 0.01] = np.nan
                arrays.append(pa.array(x.astype(dtype)))
            w.write_table(pa.Table.from_arrays(arrays, schema=schema))
print(out, rows, cols, dtype)
