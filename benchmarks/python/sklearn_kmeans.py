#!/usr/bin/python3
"""scikit-learn on the K-means and scoring benchmark data, one thread, for the scikit-learn column of
run-table.sh.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/python/sklearn_kmeans.py <data dir> <out.json>

The data directory is the one BenchFiles wrote (manifest.json and the .f64/.i32 files); every file's SHA-256
is checked against the manifest before use. Measured, each the median of several calls (time.perf_counter):

  predict   KMeans.predict of the 1,000,000 rows against the data set's generating centres (the scoring
            benchmark's centres), set as cluster_centers_ of an estimator fitted for one iteration; labels are
            compared with the naive scan's labels that BenchFiles wrote
  fit       KMeans(n_clusters=8, init=<the benchmark's 8 starting rows>, n_init=1, max_iter=20, tol=0,
            algorithm="lloyd" and "elkan"), as KMeansFitBenchmark: 20 iterations from the same centres; the
            script checks n_iter_ == 20 and compares the inertia with ours from the manifest

One thread is enforced with threadpoolctl (BLAS and OpenMP pools limited to 1) and checked: the script
stops if any pool reports more than one thread inside the limit.
"""
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import sklearn
import threadpoolctl
from sklearn.cluster import KMeans

from benchfiles import load


def median_time(fn, repeats):
    """The median wall time of the calls, their wall times, and the median process CPU time."""
    times = []
    cpu = []
    result = None
    for _ in range(repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    median_time.cpu = statistics.median(cpu)
    return statistics.median(times), times, result


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: sklearn_kmeans.py <data dir> <out.json>")
    directory, out_path = sys.argv[1], sys.argv[2]
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    d, k, iterations = manifest["d"], manifest["k"], manifest["iterations"]
    files = manifest["files"]
    results = []
    with threadpoolctl.threadpool_limits(limits=1):
        pools = threadpoolctl.threadpool_info()
        for p in pools:
            if p.get("num_threads", 1) != 1:
                sys.exit("a thread pool still has %s threads: %s" % (p.get("num_threads"), p))
        for e in files:
            if e["role"] != "rows":
                continue
            data, n = e["data"], e["rows"]
            x = load(directory, e, "<f8").reshape(n, d)
            start = x[np.array(e["start"])]
            repeats = 7 if n <= 100_000 else 5
            for algorithm in ("lloyd", "elkan"):
                def fit():
                    return KMeans(n_clusters=k, init=start, n_init=1, max_iter=iterations, tol=0,
                                  algorithm=algorithm).fit(x)
                fit()  # warm-up: imports, first-touch of the buffers
                med, times, model = median_time(fit, repeats)
                if model.n_iter_ != iterations:
                    sys.exit("%s %s n=%d: %d iterations, not %d" % (algorithm, data, n, model.n_iter_, iterations))
                rel = abs(model.inertia_ - e["inertia"]) / e["inertia"]
                results.append({"what": "fit", "algorithm": algorithm, "data": data, "n": n, "seconds": med,
                                "times": times, "inertia": model.inertia_, "ours_inertia": e["inertia"],
                                "inertia_rel_diff": rel, "cpu_seconds": median_time.cpu})
                print("fit %-5s %-11s n=%7d  median %.4f s, CPU %.4f s  (inertia rel. diff to ours %.1e)"
                      % (algorithm, data, n, med, median_time.cpu, rel), flush=True)
            if n == max(f["rows"] for f in files if f["role"] == "rows" and f["data"] == data):
                centres_e = next(f for f in files if f["role"] == "centres" and f["data"] == data)
                labels_e = next(f for f in files if f["role"] == "labels" and f["data"] == data)
                centres = load(directory, centres_e, "<f8").reshape(k, d)
                expected = load(directory, labels_e, "<i4")
                model = KMeans(n_clusters=k, init=centres, n_init=1, max_iter=1).fit(x[:10_000])
                model.cluster_centers_ = centres.copy()
                model.predict(x)
                med, times, labels = median_time(lambda: model.predict(x), 7)
                differ = int(np.count_nonzero(labels != expected))
                results.append({"what": "predict", "data": data, "n": n, "seconds": med, "times": times,
                                "points_per_second": n / med, "labels_differ_from_naive": differ, "cpu_seconds": median_time.cpu})
                print("predict   %-11s n=%7d  median %.4f s = %.1f M points/s  (%d labels differ from the naive scan)"
                      % (data, n, med, n / med / 1e6, differ), flush=True)
    with open(out_path, "w") as f:
        json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "python": platform.python_version(),
                   "threadpools": pools, "numpy_madvise_hugepage": madvise_hugepage(), "results": results},
                  f, indent=1, default=str)


def madvise_hugepage():
    """Whether NumPy asks the kernel for transparent huge pages for its large arrays (its default on Linux)."""
    try:
        from numpy.core import multiarray
        return bool(multiarray._get_madvise_hugepage())
    except (ImportError, AttributeError):
        return None


if __name__ == "__main__":
    main()
