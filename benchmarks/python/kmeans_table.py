#!/usr/bin/python3
"""One markdown table of the JMH scoring and K-means results beside scikit-learn's, with ratios.

    /usr/bin/python3 benchmarks/python/kmeans_table.py <jmh.json> <sklearn.json>

JMH figures are the median over every measurement iteration of every fork (rawData); scikit-learn's are the
medians sklearn_kmeans.py recorded. Ratios are "how many times faster ours is" (> 1: we win).
"""
import json
import statistics
import sys


def median_raw(entry):
    raw = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
    return statistics.median(raw), len(entry["primaryMetric"]["rawData"]), len(raw)


def main():
    jmh = json.load(open(sys.argv[1]))
    sk = json.load(open(sys.argv[2]))
    ours = {}
    threads = {}
    settings = set()
    for e in jmh:
        name = e["benchmark"].rsplit(".", 2)
        cls, method = name[-2], name[-1]
        params = e.get("params", {})
        med, forks, samples = median_raw(e)
        if "threads" in params:
            threads[(method, params["threads"])] = med
        else:
            ours[(cls, method, params.get("data"), params.get("n"))] = (med, e["primaryMetric"]["scoreUnit"])
        settings.add("%s: %d forks, %d samples, warmup %s x %s, measurement %s x %s, JDK %s" % (
            cls, forks, samples, e["warmupIterations"], e["warmupTime"], e["measurementIterations"],
            e["measurementTime"], e["jdkVersion"]))
        jvm = "JDK %s, VM %s" % (e["jdkVersion"], e["vmVersion"])
    skr = sk["results"]

    print("Batch nearest-centroid scoring, 1,000,000 rows, d = 16, k = 8 (M points/s, higher is better)\n")
    print("| data | ours (scalar kernel) | ours, Vector API | naive loop | Smile "
          "| scikit-learn predict | ours / scikit-learn | ours Vector API / scikit-learn "
          "| read bound (one pass over the rows) | ours Vector API / read bound | ours Vector API, 4 KiB pages |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for data in ("separated", "overlapping"):
        o = ours.get(("ScoringBenchmark", "ours", data, None))
        if not o:
            continue
        ov = ours.get(("ScoringBenchmark", "oursVector", data, None))
        nv = ours.get(("ScoringBenchmark", "naive", data, None))
        sm = ours.get(("ScoringBenchmark", "smile", data, None))
        rb = ours.get(("ScoringBenchmark", "readBound", data, None))
        sp4 = ours.get(("ScoringBenchmark", "oursVectorSmallPages", data, None))
        s = next((r for r in skr if r["what"] == "predict" and r["data"] == data), None)
        sp = s["points_per_second"] if s else float("nan")
        print("| %s | %.1f | %s | %s | %s | %.1f | %.2fx | %s | %s | %s | %s |" % (
            data, o[0] / 1e6, "%.1f" % (ov[0] / 1e6) if ov else "-", "%.1f" % (nv[0] / 1e6) if nv else "-", "%.1f" % (sm[0] / 1e6) if sm else "-",
            sp / 1e6, o[0] / sp, "%.2fx" % (ov[0] / sp) if ov else "-",
            "%.1f" % (rb[0] / 1e6) if rb else "-", "%.0f%%" % (100 * ov[0] / rb[0]) if ov and rb else "-",
            "%.1f" % (sp4[0] / 1e6) if sp4 else "-"))

    print("\nK-means, d = 16, k = 8, 20 iterations from the same 8 rows, one thread (ms, lower is better)\n")
    print("| data | n | ours Hamerly (the default) | ours Lloyd | ELKI Hamerly | scikit-learn lloyd | scikit-learn elkan "
          "| default vs better of ours | ours best / scikit-learn best |")
    print("|---|---|---|---|---|---|---|---|---|")
    for data in ("separated", "overlapping"):
        for n in ("100000", "1000000"):
            h = ours.get(("KMeansFitBenchmark", "oursHamerly", data, n))
            lo = ours.get(("KMeansFitBenchmark", "oursLloyd", data, n))
            if not h or not lo:
                continue
            el = ours.get(("KMeansFitBenchmark", "elkiHamerly", data, n))
            skl = next((r["seconds"] * 1e3 for r in skr if r["what"] == "fit" and r["algorithm"] == "lloyd"
                        and r["data"] == data and r["n"] == int(n)), float("nan"))
            ske = next((r["seconds"] * 1e3 for r in skr if r["what"] == "fit" and r["algorithm"] == "elkan"
                        and r["data"] == data and r["n"] == int(n)), float("nan"))
            best = min(h[0], lo[0])
            print("| %s | %s | %.1f | %.1f | %s | %.1f | %.1f | %+.0f%% | %.2fx |" % (
                data, n, h[0], lo[0], "%.1f" % el[0] if el else "-", skl, ske, 100 * (h[0] / best - 1),
                min(skl, ske) / best))
    vec = [(data, n) for data in ("separated", "overlapping") for n in ("100000", "1000000")
           if ours.get(("KMeansFitBenchmark", "oursHamerlyVector", data, n))]
    if vec:
        print("\nThe same fits in a JVM started with --add-modules=jdk.incubator.vector (SIMD kernels; ms)\n")
        print("| data | n | ours Hamerly (the default) | ours Lloyd | default vs better of ours "
              "| ours best / scikit-learn best |")
        print("|---|---|---|---|---|---|")
        for data, n in vec:
            h = ours[("KMeansFitBenchmark", "oursHamerlyVector", data, n)]
            lo = ours.get(("KMeansFitBenchmark", "oursLloydVector", data, n))
            skl = next((r["seconds"] * 1e3 for r in skr if r["what"] == "fit" and r["algorithm"] == "lloyd"
                        and r["data"] == data and r["n"] == int(n)), float("nan"))
            ske = next((r["seconds"] * 1e3 for r in skr if r["what"] == "fit" and r["algorithm"] == "elkan"
                        and r["data"] == data and r["n"] == int(n)), float("nan"))
            best = min(h[0], lo[0]) if lo else h[0]
            print("| %s | %s | %.1f | %s | %+.0f%% | %.2fx |" % (
                data, n, h[0], "%.1f" % lo[0] if lo else "-", 100 * (h[0] / best - 1), min(skl, ske) / best))
    single = [("in cache (1,024 rows)", "ours", "oursVector", "naive", "smile"),
              ("streamed (12.8 MB)", "oursStreamed", "oursVectorStreamed", None, "smileStreamed")]
    if any(ours.get(("SingleAssignBenchmark", r[1], None, None)) for r in single):
        print("\nOne row, d = 16, k = 8 (ns per call, lower is better)\n")
        print("| rows | ours (scalar kernel) | ours, Vector API | naive loop | Smile predict(double[]) "
              "| Smile / ours | Smile / ours Vector API |")
        print("|---|---|---|---|---|---|---|")
        for label, o, ov, nv, sm in single:
            get = lambda m: ours.get(("SingleAssignBenchmark", m, None, None)) if m else None
            vo, vv, vn, vs = get(o), get(ov), get(nv), get(sm)
            if not vo:
                continue
            f = lambda v: "%.1f" % v[0] if v else "-"
            print("| %s | %s | %s | %s | %s | %s | %s |" % (
                label, f(vo), f(vv), f(vn), f(vs), "%.2fx" % (vs[0] / vo[0]) if vs else "-",
                "%.2fx" % (vs[0] / vv[0]) if vs and vv else "-"))
    if threads:
        print("\nOne against two workers, 1,000,000 x 16, k = 8, Vector API kernels (ms per call, lower is better; "
              "results bit-identical, checked in setup)\n")
        print("| call | 1 thread | 2 threads | speed-up |")
        print("|---|---|---|---|")
        for method, label in (("readBound", "read bound: one read pass over the rows, summed"),
                              ("score", "batch scoring"), ("fitLloyd", "K-means fit, Lloyd, 20 iterations"),
                              ("fitHamerly", "K-means fit, Hamerly, 20 iterations")):
            one, two = threads.get((method, "1")), threads.get((method, "2"))
            if one and two:
                print("| %s | %.1f | %.1f | %.2fx |" % (label, one, two, one / two))
    print()
    for s in sorted(settings):
        print("- " + s)
    print("- JVM: " + jvm)
    small = sorted(e["benchmark"].rsplit(".", 1)[-1] for e in jmh
                   if "-XX:+UseTransparentHugePages" not in e.get("jvmArgs", []))
    print("- JMH forks ask for transparent huge pages (-XX:+UseTransparentHugePages), except: %s"
          % (", ".join(sorted(set(small))) or "none"))
    print("- scikit-learn %s, NumPy %s, Python %s; thread pools: %s; NumPy madvises huge pages: %s" % (
        sk["sklearn"], sk["numpy"], sk["python"],
        ", ".join("%s %s (%s threads)" % (p.get("internal_api"), p.get("version"), p.get("num_threads"))
                  for p in sk["threadpools"]), sk.get("numpy_madvise_hugepage", "not recorded")))


if __name__ == "__main__":
    main()
