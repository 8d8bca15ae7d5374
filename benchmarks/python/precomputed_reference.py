#!/usr/bin/env python3
"""Orientation timings beside GowerBenchmark and PrecomputedSilhouetteBenchmark: the same work in NumPy and
scikit-learn, on one thread, for a table of the same shape (n rows, four numeric and two categorical columns of 3
and 5 codes, k = 8 labels). The time of both computations depends on the shape alone, not on the values, so the
table is drawn here with NumPy's seeded generator rather than rebuilt from the Java benchmark data.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 benchmarks/python/precomputed_reference.py [n]

Prints the median of 3 runs of
  gower       the Gower matrix, written row by row with each column vectorised over the rows after it (the
              formula of cluster::daisy; NumPy has no Gower function)
  silhouette  sklearn.metrics.silhouette_samples(squareform(y), labels, metric="precomputed") (the square form is
              built outside the timed region)
"""
import sys
import time

import numpy as np
import sklearn
from scipy.spatial.distance import squareform
from sklearn.metrics import silhouette_samples


def gower(x, categorical):
    lo = x.min(axis=0)
    rng = x.max(axis=0) - lo
    rng[rng == 0] = 1
    u = (x - lo) / rng
    n, d = x.shape
    out = np.empty(n * (n - 1) // 2)
    q = 0
    for i in range(n - 1):
        acc = np.zeros(n - i - 1)
        for f in range(d):
            if f in categorical:
                acc += u[i + 1:, f] != u[i, f]
            else:
                acc += np.abs(u[i + 1:, f] - u[i, f])
        out[q:q + n - i - 1] = acc / d
        q += n - i - 1
    return out


def median_time(f, repeats=3):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rng = np.random.default_rng(20240601)
    x = np.column_stack([rng.normal(size=(n, 4)), rng.integers(0, 3, n), rng.integers(0, 5, n)]).astype(float)
    labels = rng.integers(0, 8, n)
    y = gower(x, {4, 5})
    square = squareform(y)
    print("numpy %s, scikit-learn %s, n = %d" % (np.__version__, sklearn.__version__, n))
    print("gower       %.0f ms" % (1000 * median_time(lambda: gower(x, {4, 5}))))
    print("silhouette  %.0f ms" % (1000 * median_time(lambda: silhouette_samples(square, labels,
                                                                                  metric="precomputed"))))


if __name__ == "__main__":
    main()
