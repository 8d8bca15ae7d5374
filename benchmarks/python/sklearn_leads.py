#!/usr/bin/python3
"""scikit-learn and SciPy on the data of the four leads' benchmarks, one thread, for run-table.sh leads.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/python/sklearn_leads.py <data dir> <out.json>

The data directory is the one LeadFiles wrote (manifest.json and the .f64/.i32 files); every file's SHA-256 is
checked against the manifest before use. Each time is the median of several calls (time.perf_counter), after
one warm-up call:

  gmm         GaussianMixture(n_components=8, covariance_type="full", tol=0, reg_covar=0) from the benchmark's
              start (weights_init, means_init, precisions_init from the files). The time per EM iteration is
              (T(max_iter=25) - T(max_iter=5)) / 20: the fixed costs of a fit (parameter checks, the
              init_params pass, whose result the given start replaces, the final labelling E-step) cancel. For
              the same accounting as our benchmark (20 iterations and everything else of one fit, divided by 20)
              T(max_iter=20) / 20 is recorded too. With tol=0 every fit runs max_iter iterations (checked). The
              20-iteration fit's lower_bound_ and means_ are compared with ours.
  dbscan      DBSCAN(eps, min_samples) with algorithm="ball_tree" and "kd_tree" (the neighbour index is built
              inside fit, as ours). Checked: the same noise rows, the same core rows, the same partition of the
              core rows; border rows next to cores of two clusters may go to another cluster (ours gives
              them the nearest core's, scikit-learn the first cluster that reaches them): counted, not failed.
  ward        scipy.cluster.hierarchy.linkage(x, method="ward") on the rows (its condensed distance matrix
              built inside, as our matrix variant), skipped where that matrix would exceed 4 GB. Checked: the
              sorted merge heights equal ours within 1e-9 relative; rows with other ids are counted.
  silhouette  sklearn.metrics.silhouette_score(x, labels) (exact, Euclidean). Checked: within 1e-12 of ours.

One thread is enforced with threadpoolctl (BLAS and OpenMP pools limited to 1) and checked: the script stops if
any pool reports more than one thread inside the limit, and records the process CPU time beside the wall time.
"""
import json
import os
import platform
import statistics
import sys
import time
import warnings

import numpy as np
import scipy
import scipy.cluster.hierarchy
import sklearn
import threadpoolctl
from sklearn.cluster import DBSCAN
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import silhouette_score
from sklearn.mixture import GaussianMixture

from benchfiles import load_matrix as load

GMM_SHORT, GMM_LONG = 5, 25
MATRIX_LIMIT_BYTES = 4e9


def timed(fn):
    """One call: its wall time, its process CPU time and its result."""
    c0 = time.process_time()
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, time.process_time() - c0, result


def median_time(fn, repeats):
    """One warm-up call, then the median wall time, the wall times, the median CPU time and the last result."""
    fn()
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        w, c, result = timed(fn)
        walls.append(w)
        cpus.append(c)
    return statistics.median(walls), walls, statistics.median(cpus), result


def check(ok, message):
    if not ok:
        sys.exit("check failed: " + message)


def gmm(directory, g):
    x = load(directory, g["data"], "<f8")
    k, d = g["k"], g["d"]
    means = load(directory, g["means_init"], "<f8")
    precisions = load(directory, g["precisions_init"], "<f8").reshape(k, d, d)
    weights = np.array(g["weights_init"])

    def fit(max_iter):
        m = GaussianMixture(n_components=k, covariance_type="full", tol=0, reg_covar=0, max_iter=max_iter,
                            n_init=1, init_params="random_from_data", weights_init=weights, means_init=means,
                            precisions_init=precisions, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return m.fit(x)

    iters = g["iterations"]
    fit(GMM_SHORT)  # warm-up
    times = {GMM_SHORT: [], iters: [], GMM_LONG: []}
    cpu = {GMM_SHORT: [], iters: [], GMM_LONG: []}
    models = {}
    for _ in range(5):  # interleaved, so that a change of load hits every length alike
        for m in (GMM_SHORT, iters, GMM_LONG):
            w, c, models[m] = timed(lambda: fit(m))
            times[m].append(w)
            cpu[m].append(c)
    for m, model in models.items():
        check(model.n_iter_ == m and not model.converged_, "GaussianMixture ran %d iterations, not %d" % (model.n_iter_, m))
    med = {m: statistics.median(v) for m, v in times.items()}
    per_iter = (med[GMM_LONG] - med[GMM_SHORT]) / (GMM_LONG - GMM_SHORT)
    ref = models[iters]
    ours = g["ours"]
    lb_rel = abs(ref.lower_bound_ - ours["lower_bound"]) / abs(ours["lower_bound"])
    mean_diff = float(np.max(np.abs(ref.means_.ravel() - np.array(ours["means"]))))
    weight_diff = float(np.max(np.abs(ref.weights_ - np.array(ours["weights"]))))
    print("gmm n=%d: %.2f ms per EM iteration ((T(%d) - T(%d)) / %d), T(%d)/%d = %.2f ms; lower bound rel. diff "
          "%.1e, means max diff %.1e, weights max diff %.1e" % (g["n"], per_iter * 1e3, GMM_LONG, GMM_SHORT,
          GMM_LONG - GMM_SHORT, iters, iters, med[iters] / iters * 1e3, lb_rel, mean_diff, weight_diff), flush=True)
    check(lb_rel <= 1e-9, "lower bound %.17g, ours %.17g" % (ref.lower_bound_, ours["lower_bound"]))
    check(mean_diff <= 1e-6, "means differ from ours by %.3e" % mean_diff)
    return {"what": "gmm", "n": g["n"], "d": d, "k": k, "seconds_per_iteration": per_iter,
            "seconds_per_iteration_fit20": med[iters] / iters, "median_seconds": {str(m): v for m, v in med.items()},
            "times": {str(m): v for m, v in times.items()},
            "cpu_seconds": {str(m): statistics.median(v) for m, v in cpu.items()},
            "lower_bound": ref.lower_bound_, "ours_lower_bound": ours["lower_bound"], "lower_bound_rel_diff": lb_rel,
            "means_max_abs_diff": mean_diff, "weights_max_abs_diff": weight_diff}


def dbscan(directory, e):
    x = load(directory, e["data"], "<f8")
    ours = load(directory, e["labels"], "<i4")
    ours_core = np.sort(load(directory, e["core"], "<i4"))
    out = []
    for algorithm in ("ball_tree", "kd_tree"):
        model = DBSCAN(eps=e["eps"], min_samples=e["min_samples"], algorithm=algorithm)
        med, walls, cpu, m = median_time(lambda: model.fit(x), 5)
        labels = m.labels_
        noise_same = bool(np.array_equal(labels == -1, ours == -1))
        core = np.sort(m.core_sample_indices_)
        core_same = bool(np.array_equal(core, ours_core))
        clusters = int(len(set(labels.tolist()) - {-1}))
        # The partition of the core rows: each of our clusters is one of theirs and back.
        pairs = set(zip(ours[ours_core].tolist(), labels[ours_core].tolist())) if core_same else set()
        partition_same = core_same and len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})
        mapping = dict(pairs)
        border = np.flatnonzero(ours != -1)
        border_differ = int(sum(1 for i in border if mapping.get(int(ours[i])) != int(labels[i]))) if partition_same else -1
        print("dbscan %-9s n=%d: median %.1f ms, CPU %.1f ms; %d clusters (ours %d), %d noise (ours %d), same noise %s, "
              "same core rows %s, same core partition %s, border rows in another cluster %d" % (algorithm, e["n"],
              med * 1e3, cpu * 1e3, clusters, e["ours"]["clusters"], int(np.count_nonzero(labels == -1)),
              e["ours"]["noise"], noise_same, core_same, partition_same, border_differ), flush=True)
        check(noise_same and core_same and partition_same and clusters == e["ours"]["clusters"],
              "DBSCAN %s differs from ours" % algorithm)
        out.append({"what": "dbscan", "algorithm": algorithm, "n": e["n"], "seconds": med, "times": walls,
                    "cpu_seconds": cpu, "clusters": clusters, "noise": int(np.count_nonzero(labels == -1)),
                    "same_noise": noise_same, "same_core": core_same, "same_core_partition": partition_same,
                    "border_rows_in_other_cluster": border_differ})
    return out


def ward(directory, entries):
    out = []
    for e in entries:
        n = e["n"]
        if n * (n - 1) / 2 * 8 > MATRIX_LIMIT_BYTES:
            print("ward n=%d: skipped (SciPy's condensed matrix would exceed 4 GB)" % n, flush=True)
            continue
        x = load(directory, e["data"], "<f8")
        z_ours = load(directory, e["linkage"], "<f8")
        med, walls, cpu, z = median_time(lambda: scipy.cluster.hierarchy.linkage(x, method="ward"), 5 if n <= 10_000 else 3)
        a = np.sort(z[:, 2])
        b = np.sort(z_ours[:, 2])
        rel = float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))
        other_ids = int(np.count_nonzero((z[:, 0] != z_ours[:, 0]) | (z[:, 1] != z_ours[:, 1])))
        sizes_same = bool(np.array_equal(z[:, 3], z_ours[:, 3]))
        print("ward n=%d: SciPy linkage median %.1f ms, CPU %.1f ms; sorted heights max rel. diff %.1e, %d rows with "
              "other ids, sizes equal %s" % (n, med * 1e3, cpu * 1e3, rel, other_ids, sizes_same), flush=True)
        check(rel <= 1e-9, "Ward heights at n=%d differ from ours by %.3e relative" % (n, rel))
        out.append({"what": "ward", "n": n, "seconds": med, "times": walls, "cpu_seconds": cpu,
                    "heights_max_rel_diff": rel, "rows_with_other_ids": other_ids, "sizes_equal": sizes_same})
    return out


def silhouette(directory, e):
    x = load(directory, e["data"], "<f8")
    labels = load(directory, e["labels"], "<i4")
    med, walls, cpu, s = median_time(lambda: silhouette_score(x, labels), 3)
    diff = abs(s - e["ours"]["score"])
    print("silhouette n=%d: median %.1f ms, CPU %.1f ms; %.15f (ours %.15f, diff %.1e)" % (e["n"], med * 1e3, cpu * 1e3,
          s, e["ours"]["score"], diff), flush=True)
    check(diff <= 1e-12, "silhouette %.17g, ours %.17g" % (s, e["ours"]["score"]))
    return {"what": "silhouette", "n": e["n"], "seconds": med, "times": walls, "cpu_seconds": cpu, "score": s,
            "ours_score": e["ours"]["score"], "abs_diff": diff}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: sklearn_leads.py <data dir> <out.json>")
    directory, out_path = sys.argv[1], sys.argv[2]
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    results = []
    with threadpoolctl.threadpool_limits(limits=1):
        pools = threadpoolctl.threadpool_info()
        for p in pools:
            if p.get("num_threads", 1) != 1:
                sys.exit("a thread pool still has %s threads: %s" % (p.get("num_threads"), p))
        results.append(gmm(directory, manifest["gmm"]))
        results.extend(dbscan(directory, manifest["dbscan"]))
        results.extend(ward(directory, manifest["ward"]))
        results.append(silhouette(directory, manifest["silhouette"]))
    with open(out_path, "w") as f:
        json.dump({"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__,
                   "python": platform.python_version(), "threadpools": pools, "gmm_iterations": [GMM_SHORT, GMM_LONG],
                   "results": results}, f, indent=1, default=str)


if __name__ == "__main__":
    main()
