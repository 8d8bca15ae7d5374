#!/usr/bin/python3
"""One markdown table of our four leads (JMH) beside scikit-learn and SciPy (sklearn_leads.py), with ratios.

    /usr/bin/python3 benchmarks/python/leads_table.py <jmh.json> <sklearn-leads.json> [<lead-data/manifest.json>]

JMH figures are the median over every measurement iteration of every fork (rawData), in ms per operation (for
the mixture: per EM iteration, the benchmark declares its 20 iterations as operations; "Vector" methods run in a
JVM started with --add-modules jdk.incubator.vector, the others without it); the reference figures
are the medians sklearn_leads.py recorded. "Speed-up" is reference time / our time (> 1: we are faster); the
claimed lead is the figure to keep.
"""
import json
import statistics
import sys

CLAIMED = {"gmm": 3.3, "dbscan": 2.1, "ward": (5.0, 8.0), "silhouette": 5.5}


def median_raw(entry):
    raw = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
    unit = entry["primaryMetric"]["scoreUnit"]
    scale = {"ms/op": 1.0, "s/op": 1e3, "us/op": 1e-3, "ns/op": 1e-6}[unit]
    return statistics.median(raw) * scale, min(raw) * scale, max(raw) * scale


def main():
    jmh = json.load(open(sys.argv[1]))
    ref = json.load(open(sys.argv[2]))
    manifest = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
    ours = {}
    settings = set()
    jvm = "?"
    jvm_args = {}
    for e in jmh:
        cls, method = e["benchmark"].rsplit(".", 2)[-2:]
        ours[(cls, method, e.get("params", {}).get("n"))] = median_raw(e)
        settings.add("%s: %d forks, warmup %s x %s, measurement %s x %s, %d samples" % (
            cls, e["forks"], e["warmupIterations"], e["warmupTime"], e["measurementIterations"],
            e["measurementTime"], sum(len(f) for f in e["primaryMetric"]["rawData"])))
        jvm = "JDK %s, VM %s" % (e["jdkVersion"], e["vmVersion"])
        jvm_args.setdefault(" ".join(e["jvmArgs"]), []).append("%s.%s" % (cls, method))
    r = ref["results"]

    def one(what, **kw):
        return next((x for x in r if x["what"] == what and all(x.get(a) == b for a, b in kw.items())), None)

    rows = []

    def row(lead, n, our_name, our, ref_name, ref_ms, claimed, check):
        if our is None or ref_ms is None:
            return
        rows.append("| %s | %s | %s | %.1f (%.1f-%.1f) | %s | %.1f | **%.2fx** | %s | %s |" % (
            lead, n, our_name, our[0], our[1], our[2], ref_name, ref_ms, ref_ms / our[0], claimed, check))

    g = one("gmm")
    if g:
        check = "lower bound rel. diff %.0e, means max diff %.0e" % (g["lower_bound_rel_diff"], g["means_max_abs_diff"])
        lo, hi = ref.get("gmm_iterations", [5, 25])
        for method in ("oursFull", "oursFullVector"):
            o = ours.get(("GaussianMixtureFitBenchmark", method, str(g["n"])))
            row("Gaussian mixture, full, d = 8, k = 8, per EM iteration", g["n"], method, o,
                "GaussianMixture, (T(%d) - T(%d)) / %d" % (hi, lo, hi - lo), g["seconds_per_iteration"] * 1e3,
                "%.1fx" % CLAIMED["gmm"], check)
            row("(same, fixed costs spread over 20 iterations as ours)", g["n"], method, o,
                "GaussianMixture, T(20) / 20", g["seconds_per_iteration_fit20"] * 1e3, "", "")
    for method, label in (("ours", "ours, grid"), ("oursKdTree", "ours, k-d tree")):
        for algorithm in ("ball_tree", "kd_tree"):
            d = one("dbscan", algorithm=algorithm)
            if not d:
                continue
            o = ours.get(("DbscanBenchmark", method, str(d["n"])))
            check = "same noise, core rows, core partition; %d border rows elsewhere" % d["border_rows_in_other_cluster"] \
                if d["same_noise"] and d["same_core"] and d["same_core_partition"] else "DIFFERS"
            row("DBSCAN, d = 2, eps 0.15, minPts 20", d["n"], label, o, "DBSCAN %s" % algorithm, d["seconds"] * 1e3,
                "%.1fx" % CLAIMED["dbscan"] if algorithm == "ball_tree" else "", check)
    for w in (x for x in r if x["what"] == "ward"):
        for method, label in (("oursWard", "ours, centroid chain"), ("oursWardMatrix", "ours, matrix")):
            o = ours.get(("WardBenchmark", method, str(w["n"])))
            check = "heights max rel. diff %.0e, %d rows with other ids" % (w["heights_max_rel_diff"], w["rows_with_other_ids"])
            row("Ward, d = 16, full dendrogram", w["n"], label, o, "SciPy linkage(ward)", w["seconds"] * 1e3,
                "%g-%gx" % CLAIMED["ward"] if method == "oursWard" else "", check)
    s = one("silhouette")
    if s:
        o = ours.get(("SilhouetteBenchmark", "oursExact", str(s["n"])))
        row("exact silhouette, d = 8, k = 8", s["n"], "oursExact", o, "silhouette_score", s["seconds"] * 1e3,
            "%.1fx" % CLAIMED["silhouette"], "abs. diff %.0e" % s["abs_diff"])

    print("The four leads, one thread (ms, lower is better; ours: JMH median (min-max) of all samples)\n")
    print("| lead | n | ours | ours ms | reference | reference ms | speed-up (reference / ours) | claimed | result check |")
    print("|---|---|---|---|---|---|---|---|---|")
    for line in rows:
        print(line)
    print()
    for x in sorted(settings):
        print("- " + x)
    print("- JVM: " + jvm)
    for args, methods in sorted(jvm_args.items()):
        print("- JVM arguments %s: %s" % (args, ", ".join(sorted(set(methods)))))
    print("- scikit-learn %s, SciPy %s, NumPy %s, Python %s; thread pools: %s" % (
        ref["sklearn"], ref["scipy"], ref["numpy"], ref["python"],
        ", ".join("%s %s (%s threads)" % (p.get("internal_api"), p.get("version"), p.get("num_threads"))
                  for p in ref["threadpools"])))
    if manifest:
        print("- data: seed %d; DBSCAN ours %d clusters, %d noise rows, k-d tree labels equal to the grid's: %s" % (
            manifest["seed"], manifest["dbscan"]["ours"]["clusters"], manifest["dbscan"]["ours"]["noise"],
            manifest["dbscan"]["ours"]["kd_tree_equal"]))


if __name__ == "__main__":
    main()
