"""Prints pandas' default NA tokens (STR_NA_VALUES), the list src/io/number.ts PANDAS_NA_VALUES copies, and what
pandas reads from a one-column CSV with a line `""` and a blank line (a missing value; skipped).

Run: /tmp/anchors/bin/python test/io/reference/pandas_na_values.py   (pandas 3.0.6: 19 tokens; [1.0, nan, 2.0])
"""

import io

import pandas as pd
from pandas._libs.parsers import STR_NA_VALUES

print(sorted(STR_NA_VALUES))
print(pd.read_csv(io.StringIO('x\n1\n""\n\n2\n'))["x"].tolist())
for token in sorted(STR_NA_VALUES - {""}):
    assert pd.read_csv(io.StringIO(f"x\n1\n{token}\n"))["x"].isna().tolist() == [False, True], token
