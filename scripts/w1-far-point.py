"""Fixtures and exact truths for issue 19 item 6 (exact certificate on a far point of tiny weight).

Writes fixtures/w1/far-{p,q}.csv (2-D) and fixtures/w1/far1d-{p,q}.csv (1-D): 40 points of N(0, I) in P plus one
point at 1e12 (2-D: (1e12, 0)) of weight 1e-12 (the others weigh 1), against 41 points of N(0.5, I) in Q, weight 1.
The 1-D files hold 200 + 1 points against 201; the p = 2 pair, far1d2-{p,q}.csv, puts the far point at 1e6 so that
its share of W2^2 is of the cluster's order.

Truths: in 1-D the quantile formula in Fractions (exact); in 2-D the transport problem solved by successive shortest paths in exact arithmetic — fractions.Fraction where the
costs are rational (p = 2, and every 1-D cost); for the Euclidean distances (p = 1 in 2-D) each sqrt is taken
with decimal.Decimal at 60 digits and then held as an exact Fraction (the only rounding, 1e-60 relative). Weights normalised exactly (w_i / sum w). Prints JSON with the values.
Run: /tmp/anchors/bin/python scripts/w1-far-point.py
"""
import json
import random
from decimal import Decimal, getcontext
from fractions import Fraction
from pathlib import Path

getcontext().prec = 60
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / 'fixtures' / 'w1'


def make(d, far, seed, n=40):
    rng = random.Random(seed)
    p = [[rng.gauss(0, 1) for _ in range(d)] for _ in range(n)]
    q = [[rng.gauss(0.5, 1) for _ in range(d)] for _ in range(n + 1)]
    p.append([far] + [0.0] * (d - 1))
    wp = [1.0] * n + [1e-12]
    return p, wp, q


def write(name, rows, weights):
    d = len(rows[0])
    cols = ['x', 'y'][:d] if d <= 2 else [f'x{k}' for k in range(d)]
    lines = [','.join(cols + (['w'] if weights else []))]
    for k, r in enumerate(rows):
        cells = [repr(v) for v in r] + ([repr(weights[k])] if weights else [])
        lines.append(','.join(cells))
    (OUT / name).write_text('\n'.join(lines) + '\n')


def ssp(a, b, cost, zero):
    """min sum g_ij c_ij over couplings of a (n) and b (m), exact in the number type of the inputs.
    Successive shortest paths (Bellman-Ford on the residual graph: no potentials needed, sizes are tiny)."""
    n, m = len(a), len(b)
    ra, rb = list(a), list(b)
    flow = {}
    while any(v > zero for v in ra):
        # nodes 0..n-1 sources, n..n+m-1 sinks; residual arcs i->j always (uncapacitated), j->i where flow > 0
        INF = None
        dist = [INF] * (n + m)
        prev = [None] * (n + m)
        for i in range(n):
            if ra[i] > zero:
                dist[i] = zero
        changed = True
        while changed:
            changed = False
            for i in range(n):
                if dist[i] is None:
                    continue
                for j in range(m):
                    nd = dist[i] + cost[i][j]
                    if dist[n + j] is None or nd < dist[n + j]:
                        dist[n + j] = nd
                        prev[n + j] = i
                        changed = True
            for (i, j), f in flow.items():
                if f > zero and dist[n + j] is not None:
                    nd = dist[n + j] - cost[i][j]
                    if dist[i] is None or nd < dist[i]:
                        dist[i] = nd
                        prev[i] = n + j
                        changed = True
        best = None
        for j in range(m):
            if rb[j] > zero and dist[n + j] is not None and (best is None or dist[n + j] < dist[n + best]):
                best = j
        # path back to a source with supply left
        path = []
        v = n + best
        for _ in range(n + m + 1):
            if v < n and prev[v] is None:
                break
            u = prev[v]
            path.append((u, v))
            v = u
        src = v
        delta = min(ra[src], rb[best])
        for u, v in path:
            if u >= n:  # reverse arc sink u -> source v reduces flow (v, u)
                delta = min(delta, flow[(v, u - n)])
        for u, v in path:
            if u < n:
                flow[(u, v - n)] = flow.get((u, v - n), zero) + delta
            else:
                flow[(v, u - n)] -= delta
        ra[src] -= delta
        rb[best] -= delta
    return sum((f * cost[i][j] for (i, j), f in flow.items()), zero)


def exact_w(p, wp, q, power):
    conv = Fraction
    zero = conv(0)
    tp = sum(conv(w) for w in wp)
    a = [conv(w) / tp for w in wp]
    b = [conv(1) / conv(len(q))] * len(q)
    cost = []
    for x in p:
        row = []
        for y in q:
            s = sum((conv(u) - conv(v)) ** 2 for u, v in zip(x, y))
            if power == 2:
                row.append(s)
            elif len(x) == 1:
                row.append(abs(conv(x[0]) - conv(y[0])))
            else:
                # 60-digit square root, then exact: the LP runs on rationals (no rounding cycles), 1e-60 off sqrt.
                row.append(Fraction(Decimal(s.numerator).sqrt() if s.denominator == 1 else (Decimal(s.numerator) / Decimal(s.denominator)).sqrt()))
        cost.append(row)
    c = ssp(a, b, cost, zero)
    if power == 1:
        return float(c)
    return float((Decimal(c.numerator) / Decimal(c.denominator)).sqrt())


def quantile_w(p, wp, q, power):
    """1-D: W_p^p = integral over t of |F^-1(t) - G^-1(t)|^p (Villani 2009, Remark 2.19), in Fractions."""
    tp = sum(Fraction(w) for w in wp)
    xs = sorted((Fraction(v[0]), Fraction(w) / tp) for v, w in zip(p, wp))
    ys = sorted((Fraction(v[0]), Fraction(1, len(q))) for v in q)
    i = j = 0
    rx, ry = xs[0][1], ys[0][1]
    total = Fraction(0)
    while i < len(xs) and j < len(ys):
        step = min(rx, ry)
        total += step * abs(xs[i][0] - ys[j][0]) ** power
        rx -= step
        ry -= step
        if rx == 0:
            i += 1
            rx = xs[i][1] if i < len(xs) else None
        if ry == 0:
            j += 1
            ry = ys[j][1] if j < len(ys) else None
    if power == 1:
        return float(total)
    return float((Decimal(total.numerator) / Decimal(total.denominator)).sqrt())


def main():
    out = {}
    p, wp, q = make(2, 1e12, 19)
    write('far-p.csv', p, wp)
    write('far-q.csv', q, [1.0] * len(q))
    out['far 2-D p=1'] = repr(exact_w(p, wp, q, 1))
    # The two exact routes agree (a check of this script): transport LP and quantile formula, 40 + 1 points in 1-D.
    p, wp, q = make(1, 1e12, 20)
    lp, qf = exact_w(p, wp, q, 1), quantile_w(p, wp, q, 1)
    assert lp == qf, (lp, qf)
    p, wp, q = make(1, 1e6, 20)
    lp, qf = exact_w(p, wp, q, 2), quantile_w(p, wp, q, 2)
    assert lp == qf, (lp, qf)
    # 1-D files: 200 + 1 points against 201 (enough steps for the old cumulative-mass residues to show).
    p, wp, q = make(1, 1e12, 22, 200)
    write('far1d-p.csv', p, wp)
    write('far1d-q.csv', q, [1.0] * len(q))
    out['far1d p=1'] = repr(quantile_w(p, wp, q, 1))
    p, wp, q = make(1, 1e6, 23, 200)
    write('far1d2-p.csv', p, wp)
    write('far1d2-q.csv', q, [1.0] * len(q))
    out['far1d2 p=2'] = repr(quantile_w(p, wp, q, 2))
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
