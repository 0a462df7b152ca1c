"""Writes fixtures/fidelity/ (good and bad .npy/.npz files) and fixtures/fidelity/expected.json, the float64
references the fidelity tests compare with. Run: /tmp/anchors/bin/python test/core/fidelity/reference/make_fixtures.py

References (all float64 numpy):
  fd      eigh-based: S = sqrtm_psd(sigma_P) from eigh, tr((S sigma_Q S)^1/2) from eigvalsh; np.cov ddof=1
  kid     unbiased MMD^2 with k(x, y) = (x.y/d + 1)^3 over ALL points (one subset, n = m)
  prdc    prdc's formulas (Naeem et al. 2020; clovaai/generative-evaluation-prdc) with the `<=` membership this tool
          documents (on continuous random data no distance ties a radius, so `<` gives the same numbers)
"""
import io
import json
import os
import struct
import zipfile

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..")
OUT = os.path.join(ROOT, "fixtures", "fidelity")
BAD = os.path.join(OUT, "bad")
os.makedirs(BAD, exist_ok=True)
rng = np.random.default_rng(2026)


def features(n, d, shift):
    a = rng.standard_normal((d, d)) / np.sqrt(d)
    z = rng.standard_normal((n, d))
    return np.maximum(z @ a + shift + 0.5, 0)


n, m, d = 240, 200, 12
P = features(n, d, 0.0)
Q = features(m, d, 0.2)
np.save(os.path.join(OUT, "p.npy"), P.astype("<f8"))
np.save(os.path.join(OUT, "q.npy"), Q.astype("<f8"))
# The same P in other encodings: the reader must give identical float64 values (f4 values are exact in f8).
P32 = P.astype("<f4")
np.save(os.path.join(OUT, "p-f4.npy"), P32)
np.save(os.path.join(OUT, "p-f4-big-endian.npy"), P32.astype(">f4"))
np.save(os.path.join(OUT, "p-f8-big-endian-fortran.npy"), np.asfortranarray(P.astype(">f8")))
np.save(os.path.join(OUT, "p-f4-fortran.npy"), np.asfortranarray(P32))
with open(os.path.join(OUT, "p-f4-v2.npy"), "wb") as f:
    np.lib.format.write_array(f, P32, version=(2, 0))
with open(os.path.join(OUT, "p-f4-v3.npy"), "wb") as f:
    np.lib.format.write_array(f, P32, version=(3, 0))
np.save(os.path.join(OUT, "small-f2.npy"), np.array([[0.5, -2.0, 65504.0], [6.1035156e-05, 5.9604645e-08, 0.0]], "<f2"))
np.save(os.path.join(OUT, "small-i2-big-endian.npy"), np.array([[1, -2, 300], [-32768, 32767, 0]], ">i2"))
np.save(os.path.join(OUT, "small-u1.npy"), np.array([[0, 255], [7, 128]], "u1"))
np.save(os.path.join(OUT, "small-i8.npy"), np.array([[2**40, -5], [3, 2**53]], "<i8"))
np.savez(os.path.join(OUT, "p.npz"), P32)  # stored, one positional array: arr_0
np.savez_compressed(os.path.join(OUT, "p-compressed.npz"), feats=P32, labels=np.arange(n, dtype="<i8").reshape(-1, 1))
np.savez(os.path.join(OUT, "pq-two.npz"), P32, Q.astype("<f4"))  # arr_0, arr_1
mu_p, sigma_p = P32.astype(np.float64).mean(0), np.cov(P32.astype(np.float64), rowvar=False)
mu_q, sigma_q = Q.mean(0), np.cov(Q, rowvar=False)
np.savez(os.path.join(OUT, "p-stats.npz"), mu=mu_p, sigma=sigma_p)
# Few points (n <= d): the covariance is singular; FD is still defined (PSD square roots), the tool warns.
FEW = features(9, d, 0.1)
np.save(os.path.join(OUT, "few.npy"), FEW)


def sqrtm_psd(s):
    w, v = np.linalg.eigh(s)
    return (v * np.sqrt(np.maximum(w, 0))) @ v.T


def fd(mu1, s1, mu2, s2):
    r = sqrtm_psd(s1)
    lam = np.linalg.eigvalsh(r @ s2 @ r)
    tr_sqrt = np.sqrt(np.maximum(lam, 0)).sum()
    mean_term = float(((mu1 - mu2) ** 2).sum())
    return {"value": mean_term + np.trace(s1) + np.trace(s2) - 2 * tr_sqrt, "meanTerm": mean_term,
            "traceTerm": np.trace(s1) + np.trace(s2) - 2 * tr_sqrt}


def kid_all(x, y):
    dd = x.shape[1]
    kxx = (x @ x.T / dd + 1) ** 3
    kyy = (y @ y.T / dd + 1) ** 3
    kxy = (x @ y.T / dd + 1) ** 3
    a = len(x)
    b = len(y)
    return ((kxx.sum() - np.trace(kxx)) / (a * (a - 1)) + (kyy.sum() - np.trace(kyy)) / (b * (b - 1))
            - 2 * kxy.sum() / (a * b))


def prdc(real, fake, k):
    def dist(a, b):
        return np.sqrt(np.maximum((a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T, 0))

    # Exact float64 distances by differences (no cancellation), as the tool's float64 pass computes them.
    def exact(a, b):
        return np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1))

    rr, ff, rf = exact(real, real), exact(fake, fake), exact(real, fake)
    r_real = np.sort(rr, axis=1)[:, k]  # column 0 is the point itself
    r_fake = np.sort(ff, axis=1)[:, k]
    precision = (rf <= r_real[:, None]).any(axis=0).mean()
    recall = (rf <= r_fake[None, :]).any(axis=1).mean()
    density = (1.0 / k) * (rf <= r_real[:, None]).sum(axis=0).mean()
    coverage = (rf.min(axis=1) <= r_real).mean()
    return {"precision": precision, "recall": recall, "density": density, "coverage": coverage}


Q32 = Q.astype("<f4").astype(np.float64)
expected = {
    "source": "test/core/fidelity/reference/make_fixtures.py (numpy %s)" % np.__version__,
    "fd_p_q": fd(P.mean(0), np.cov(P, rowvar=False), mu_q, sigma_q),
    "fd_p32_q": fd(mu_p, sigma_p, mu_q, sigma_q),
    "fd_p32_q32": fd(mu_p, sigma_p, Q32.mean(0), np.cov(Q32, rowvar=False)),
    "fd_few_q": fd(FEW.mean(0), np.cov(FEW, rowvar=False), mu_q, sigma_q),
    "kid_all_p_q200": kid_all(P[:200], Q),
    "prdc_p_q_k5": prdc(P, Q, 5),
    "prdc_p_q_k3": prdc(P, Q, 3),
    "small_f2": np.array([[0.5, -2.0, 65504.0], [6.1035156e-05, 5.9604645e-08, 0.0]], "<f2").astype(float).tolist(),
}
np.save(os.path.join(OUT, "p200.npy"), P[:200])
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, default=float)
    f.write("\n")

# ---- bad files: each must be one line on stderr and exit 2 ----
good = open(os.path.join(OUT, "p-f4.npy"), "rb").read()
w = lambda name, b: open(os.path.join(BAD, name), "wb").write(b)
w("truncated-header.npy", good[:40])
w("truncated-magic.npy", good[:5])
w("truncated-data.npy", good[: len(good) - 100])
np.save(os.path.join(BAD, "one-d.npy"), np.arange(10.0))
np.save(os.path.join(BAD, "three-d.npy"), np.zeros((2, 3, 4)))
np.save(os.path.join(BAD, "scalar.npy"), np.float64(3.0))
np.save(os.path.join(BAD, "empty.npy"), np.zeros((0, 4)))
np.save(os.path.join(BAD, "object.npy"), np.array([[1, "a"], [2, None]], dtype=object), allow_pickle=True)
np.save(os.path.join(BAD, "structured.npy"), np.zeros(3, dtype=[("a", "<f8"), ("b", "<i4")]))
np.save(os.path.join(BAD, "complex.npy"), np.zeros((3, 2), dtype=np.complex128))
np.save(os.path.join(BAD, "bool.npy"), np.zeros((3, 2), dtype=bool))
np.save(os.path.join(BAD, "strings.npy"), np.array([["a", "b"]]))
np.save(os.path.join(BAD, "nan.npy"), np.array([[1.0, 2.0], [np.nan, 3.0], [4.0, 5.0]]))
w("version-9.npy", good[:6] + bytes([9, 0]) + good[8:])
w("shape-garbage.npy", good.replace(b"'shape': (", b"'shape': (x", 1)[: len(good)])
zipped = open(os.path.join(OUT, "p.npz"), "rb").read()
w("truncated.npz", zipped[: len(zipped) // 2])
flip = bytearray(zipped)
flip[200] ^= 0xFF  # a data byte of the stored member: the CRC-32 check must fail
w("crc.npz", bytes(flip))
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr(zipfile.ZipInfo("notes.txt", date_time=(2020, 1, 1, 0, 0, 0)), "hello")
w("not-arrays.npz", buf.getvalue())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    info = zipfile.ZipInfo("arr_0.npy", date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_BZIP2
    z.writestr(info, good)
w("bzip2.npz", buf.getvalue())
np.savez(os.path.join(BAD, "two-named.npz"), a=P32, b=P32)
np.savez(os.path.join(BAD, "stats-wrong-shape.npz"), mu=mu_p, sigma=sigma_p[:5, :5])
np.savez(os.path.join(BAD, "stats-asymmetric.npz"), mu=mu_p, sigma=sigma_p + np.triu(np.ones((d, d)), 1))
w("npy-named.npz", good)
w("zip-named.npy", zipped)
print("wrote", OUT)

# Parquet embeddings (a fixed-size-list column, as embedding pipelines write them) holding P's float32 values.
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

emb = pa.FixedSizeListArray.from_arrays(pa.array(P32.reshape(-1)), d)
pq.write_table(pa.table({"id": pa.array(np.arange(n)), "emb": emb}), os.path.join(OUT, "p-emb.parquet"))
print("wrote p-emb.parquet")
