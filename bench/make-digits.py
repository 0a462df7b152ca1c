# Writes fixtures/w1/digits-0-4.csv (901 rows) and digits-5-9.csv (896 rows): scikit-learn's bundled 8×8 digits
# (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0), 64 pixel columns, split by label.
# Run: /tmp/anchors/bin/python bench/make-digits.py   (also prints POT's exact W1 between the two, the e2e expected value)
import numpy as np
import ot
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
header = ",".join(f"p{k}" for k in range(64))
for name, mask in [("digits-0-4", y <= 4), ("digits-5-9", y >= 5)]:
    np.savetxt(f"fixtures/w1/{name}.csv", X[mask], fmt="%d", delimiter=",", header=header, comments="")
a, b = X[y <= 4], X[y >= 5]
M = ot.dist(a, b, metric="euclidean")
print(len(a), len(b), repr(ot.emd2(np.full(len(a), 1 / len(a)), np.full(len(b), 1 / len(b)), M, numItermax=10**8)))
