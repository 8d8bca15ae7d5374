#!/usr/bin/env bash
# Runs a set of benchmarks behind the README tables and prints them as markdown.
#
#   benchmarks/run-table.sh                    # the K-means set (scoring, single assign, fit) with the annotations' settings
#   benchmarks/run-table.sh clustering         # Gaussian mixtures, DBSCAN, Ward (Ward with -f 1 -wi 1 -i 3: Smile needs ~1 min per fit at n = 20k)
#   benchmarks/run-table.sh validation         # exact silhouette, Gower matrix, precomputed silhouette
#   benchmarks/run-table.sh features           # Online Retail CSV to scaled RFM, single-record transform (with -prof gc)
#   benchmarks/run-table.sh activation         # ten rules on one record, arms for a million customers (with -prof gc)
#   benchmarks/run-table.sh sklearn            # scoring and K-means fit on both data sets, then scikit-learn on the same files
#   benchmarks/run-table.sh leads              # ours only: mixture EM, DBSCAN, Ward, exact silhouette, then scikit-learn/SciPy on the same files
#   benchmarks/run-table.sh all                # every set, one after the other
#   benchmarks/run-table.sh kmeans -f 1 -wi 1 -i 1   # extra arguments go to JMH (here: a quick smoke run)
#   benchmarks/run-table.sh --table-only [set] # re-print the tables of the last run of a set
#
# The sklearn set writes the data once from Java (benchmarks/target/bench-data, with SHA-256 checksums in its
# manifest.json), runs ScoringBenchmark and KMeansFitBenchmark (ours with the scalar and the Vector API kernels,
# the naive loop, Smile's scoring, ELKI's Hamerly), SingleAssignBenchmark (one row, in cache and streamed, against
# Smile) and ThreadScalingBenchmark (one against two workers), then benchmarks/python/sklearn_kmeans.py with Debian's python3-sklearn on one thread
# (OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1, checked with threadpoolctl; the packages are installed with
# apt-get when absent and the script runs as root), and prints one table with ratios (kmeans_table.py).
#
# The leads set does the same for the Gaussian mixture, DBSCAN, Ward and silhouette benchmarks: LeadFiles writes
# their data (benchmarks/target/lead-data, with our results in manifest.json), JMH runs only our methods, then
# benchmarks/python/sklearn_leads.py times scikit-learn (GaussianMixture, DBSCAN ball and k-d tree, silhouette_score)
# and SciPy (Ward linkage) on one thread, checks their results against ours, and leads_table.py prints the table.
#
# Results are kept in benchmarks/target/jmh-<set>.json. The features set needs the data folder (see the
# project README); the others generate seeded data.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"

if [[ ! -f "$jar" ]]; then
  echo "No $jar: build it first with" >&2
  echo "  mvn -B package -Pbenchmarks -pl benchmarks -am -DskipTests" >&2
  exit 1
fi

table_only=false
if [[ "${1:-}" == "--table-only" ]]; then
  table_only=true
  shift
fi
set_name="kmeans"
if [[ $# -gt 0 && "$1" != -* ]]; then
  set_name="$1"
  shift
fi

# Debian's scikit-learn and threadpoolctl, for the system interpreter (not a virtualenv's).
ensure_sklearn() {
  if /usr/bin/python3 -c 'import sklearn, threadpoolctl' 2>/dev/null; then
    return
  fi
  if [[ "$(id -u)" != 0 ]]; then
    echo "python3-sklearn and python3-threadpoolctl are missing: apt-get install python3-sklearn python3-threadpoolctl" >&2
    exit 1
  fi
  apt-get install -y -q python3-sklearn python3-threadpoolctl >&2
}

run_sklearn() {
  local results="$1"
  shift
  ensure_sklearn
  local data="$here/target/bench-data"
  java -Xmx8g -cp "$jar" dev.segmentation.bench.BenchFiles "$data"
  java -jar "$jar" '\.ScoringBenchmark\.(ours|oursVector|oursVectorSmallPages|naive|smile|readBound)$' '\.KMeansFitBenchmark\.(oursHamerly|oursLloyd|oursHamerlyVector|oursLloydVector|elkiHamerly)$' \
    '\.SingleAssignBenchmark\.(ours|oursVector|naive|smile|oursStreamed|oursVectorStreamed|smileStreamed)$' '\.ThreadScalingBenchmark\.' \
    -rf json -rff "$results" "$@"
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    /usr/bin/python3 "$here/python/sklearn_kmeans.py" "$data" "$here/target/sklearn-kmeans.json"
}

run_leads() {
  local results="$1"
  shift
  ensure_sklearn
  local data="$here/target/lead-data"
  java -Xmx8g -cp "$jar" dev.segmentation.bench.LeadFiles "$data"
  java -jar "$jar" '\.GaussianMixtureFitBenchmark\.(oursFull|oursFullVector)$' '\.DbscanBenchmark\.(ours|oursKdTree)$' \
    '\.WardBenchmark\.(oursWard|oursWardMatrix)$' '\.SilhouetteBenchmark\.oursExact$' -rf json -rff "$results" "$@"
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    /usr/bin/python3 "$here/python/sklearn_leads.py" "$data" "$here/target/sklearn-leads.json"
}

run_set() {
  local name="$1"
  shift
  local results="$here/target/jmh-$name.json"
  if ! $table_only; then
    case "$name" in
      kmeans)     java -jar "$jar" '\.(ScoringBenchmark|SingleAssignBenchmark|KMeansFitBenchmark)\.' -rf json -rff "$results" "$@" ;;
      clustering) java -jar "$jar" '\.(GaussianMixtureFitBenchmark|DbscanBenchmark|DbscanCommonsMathBenchmark)\.' -rf json -rff "$results" "$@"
                  java -jar "$jar" '\.WardBenchmark\.' -f 1 -wi 1 -i 3 -rf json -rff "$here/target/jmh-ward.json" "$@" ;;
      validation) java -jar "$jar" '\.(SilhouetteBenchmark|GowerBenchmark|PrecomputedSilhouetteBenchmark)\.' -rf json -rff "$results" "$@" ;;
      features)   java -jar "$jar" 'features\.(RfmFromCsvBenchmark|FeatureTransformBenchmark)' -prof gc -rf json -rff "$results" "$@" ;;
      activation) java -jar "$jar" 'activation\.(RuleEvaluationBenchmark|ArmAssignmentBenchmark)' -prof gc -rf json -rff "$results" "$@" ;;
      sklearn)    run_sklearn "$results" "$@" ;;
      leads)      run_leads "$results" "$@" ;;
      *) echo "Unknown set '$name': use kmeans, sklearn, leads, clustering, validation, features, activation or all" >&2; exit 2 ;;
    esac
  fi
  if [[ "$name" == "sklearn" ]]; then
    /usr/bin/python3 "$here/python/kmeans_table.py" "$results" "$here/target/sklearn-kmeans.json"
    return
  fi
  if [[ "$name" == "leads" ]]; then
    /usr/bin/python3 "$here/python/leads_table.py" "$results" "$here/target/sklearn-leads.json" "$here/target/lead-data/manifest.json"
    return
  fi
  java -cp "$jar" dev.segmentation.bench.report.ResultTable "$results"
  if [[ "$name" == "clustering" ]]; then
    java -cp "$jar" dev.segmentation.bench.report.ResultTable "$here/target/jmh-ward.json"
  fi
}

if [[ "$set_name" == "all" ]]; then
  for s in kmeans clustering validation features activation; do
    run_set "$s" "$@"
  done
else
  run_set "$set_name" "$@"
fi
