#!/usr/bin/env bash
# Runs the benchmark set behind the README table and prints it as markdown.
#
#   benchmarks/run-table.sh                  # full run with the settings in the annotations
#   benchmarks/run-table.sh -f 1 -wi 1 -i 1  # extra arguments go to JMH (here: a quick smoke run)
#   benchmarks/run-table.sh --table-only     # re-print the table of the last run
#
# Results are kept in benchmarks/target/jmh-results.json (override with RESULTS=path).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
results="${RESULTS:-$here/target/jmh-results.json}"
benchmarks='\.(ScoringBenchmark|SingleAssignBenchmark|KMeansFitBenchmark)\.'

if [[ ! -f "$jar" ]]; then
  echo "No $jar: build it first with" >&2
  echo "  mvn -B package -pl benchmarks -am -DskipTests" >&2
  exit 1
fi

if [[ "${1:-}" == "--table-only" ]]; then
  shift
else
  java -jar "$jar" "$benchmarks" -rf json -rff "$results" "$@"
fi

java -cp "$jar" dev.segmentation.bench.report.ResultTable "$results"
