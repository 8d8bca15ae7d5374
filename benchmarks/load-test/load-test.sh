#!/usr/bin/env bash
# Load test of the segment service with wrk on loopback: saturated, at fixed rates (paced by score.lua, latency
# from each request's scheduled time), with a model activation in the middle of a fixed-rate run, and batch
# scoring. Every answer is checked: status 200, a model version, and (one connection per wrk thread) the segment
# that version's model gives the record. Prints a markdown table and writes target/load-test/results.jsonl.
#
#   benchmarks/load-test/load-test.sh                 # the full run (about 3 minutes)
#   DURATION=10 benchmarks/load-test/load-test.sh     # shorter phases
#
# Needs the main job's model and the Operations example's re-fit (both are run if absent), Java 17+, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
duration="${DURATION:-30}"
port="${PORT:-18080}"
server_threads="${SERVER_THREADS:-4}"
out="$root/target/load-test"
rm -rf "$out"; mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
model1="target/segmentation-output/online_retail-model.json"
customers="target/segmentation-output/online_retail-customers.csv"
model2="target/segmentation-operations/models/versions/2/model.json"
[[ -f "$model1" ]] || mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample
[[ -f "$model2" ]] || mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample \
  -Dexample.main=dev.segmentation.examples.Operations
jar="segmentation-service/target/segmentation-service.jar"
[[ -f "$jar" ]] || mvn -B -q -pl segmentation-service -am package -DskipTests

token="load-test-$RANDOM$RANDOM"
echo "$token" > "$out/token"
java -Xms1g -Xmx1g -Dsun.net.httpserver.nodelay=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -jar "$jar" --model "$model1" --port "$port" --threads "$server_threads" --data-dir "$out/service" \
  --admin-token-file "$out/token" --max-batch-rows 20000 > "$out/service.log" 2>&1 &
service_pid=$!
trap 'kill $service_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
base="http://127.0.0.1:$port"
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

# Bodies from 1,000 real customers, the batch body from 10,000 records (the customers repeated), and each
# record's segment name under both versions (asked of the service itself, under each version in turn).
python3 - "$customers" "$out" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
out = sys.argv[2]
recs = [[float(r["recency_days"]), float(r["frequency"]), float(r["monetary"])] for r in rows]
with open(out + "/bodies.txt", "w") as f:
    for r in recs[:1000]:
        f.write(json.dumps({"features": {"recency_days": r[0], "frequency": r[1], "monetary": r[2]}},
                           separators=(",", ":")) + "\n")
batch = [recs[i % len(recs)] for i in range(10000)]
json.dump({"columns": ["recency_days", "frequency", "monetary"], "rows": batch}, open(out + "/batch.json", "w"),
          separators=(",", ":"))
json.dump({"rows": recs[:1000]}, open(out + "/first1000.json", "w"), separators=(",", ":"))
PY
curl -sf -X POST "$base/v1/score/batch" -H 'Content-Type: application/json' --data-binary @"$out/first1000.json" > "$out/v1.json"
v2=$(curl -sf -X POST "$base/v1/admin/models" "${auth[@]}" --data-binary @"$model2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
curl -sf -X POST "$base/v1/admin/activate" "${auth[@]}" -d "{\"version\": \"$v2\"}" >/dev/null
curl -sf -X POST "$base/v1/score/batch" -H 'Content-Type: application/json' --data-binary @"$out/first1000.json" > "$out/v2.json"
curl -sf -X POST "$base/v1/admin/rollback" "${auth[@]}" -d '{}' >/dev/null
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
a = json.load(open(out + "/v1.json")); b = json.load(open(out + "/v2.json"))
assert a["modelVersion"] == "1" and b["modelVersion"] == "2", (a["modelVersion"], b["modelVersion"])
with open(out + "/expected.txt", "w") as f:
    for x, y in zip(a["segmentNames"], b["segmentNames"]):
        f.write(x + "\t" + y + "\n")
PY
export BODIES="$out/bodies.txt" EXPECTED="$out/expected.txt" BATCH_BODY="$out/batch.json" BATCH_ROWS=10000

cpu_total() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }
cpu_idle() { awk '/^cpu /{print $5+$6}' /proc/stat; }
proc_cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
# run NAME THREADS CONNECTIONS RATE SCRIPT [ACTIVATE_AFTER]
run() {
  local name=$1 t=$2 c=$3 rate=$4 script=$5 activate=${6:-}
  local check=0; [[ "$t" == "$c" ]] && check=1
  local tot0 idle0 svc0; tot0=$(cpu_total); idle0=$(cpu_idle); svc0=$(proc_cpu $service_pid)
  RATE=$rate THREADS=$t CHECK_SEGMENTS=$check wrk -t"$t" -c"$c" -d"${duration}s" --timeout 5s -s "$here/$script" \
    "$base" > "$out/$name.txt" 2>&1 &
  local wrk_pid=$!
  if [[ -n "$activate" ]]; then
    sleep "$activate"
    curl -sf -X POST "$base/v1/admin/activate" "${auth[@]}" -d "{\"version\": \"$v2\", \"note\": \"load test\"}" \
      > "$out/$name.activation.json"
  fi
  wait $wrk_pid
  local tot1 idle1 svc1; tot1=$(cpu_total); idle1=$(cpu_idle); svc1=$(proc_cpu $service_pid)
  local line; line=$(grep '^RESULT ' "$out/$name.txt" | sed 's/^RESULT //')
  python3 - "$name" "$t" "$c" "$rate" "$line" "$tot0" "$tot1" "$idle0" "$idle1" "$svc0" "$svc1" "$(nproc)" \
    "${activate:-}" >> "$out/results.jsonl" <<'PY'
import json, os, sys
name, t, c, rate, line, tot0, tot1, idle0, idle1, svc0, svc1, cores, activate = sys.argv[1:]
r = json.loads(line)
ticks = int(tot1) - int(tot0)
r.update(name=name, threads=int(t), connections=int(c), rate=int(rate), activation_at_s=activate or None,
         cpu_machine_pct=round(100.0 * (ticks - (int(idle1) - int(idle0))) / ticks * int(cores), 1),
         cpu_service_pct=round(100.0 * (int(svc1) - int(svc0)) / ticks * int(cores), 1))
print(json.dumps(r))
PY
}

run warmup 2 16 0 score.lua
run saturated-16 2 16 0 score.lua
run saturated-4 4 4 0 score.lua
run fixed-4000-activation 4 4 4000 score.lua $((duration / 2))
curl -sf -X POST "$base/v1/admin/rollback" "${auth[@]}" -d '{}' >/dev/null
run fixed-4000 4 4 4000 score.lua
run fixed-8000 4 4 8000 score.lua
run batch-10k 2 2 0 batch.lua

python3 - "$out/results.jsonl" "$server_threads" <<'PY'
import json, platform, subprocess, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if not l.startswith('{"requests": 0')]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"\nCPU: {cpu}, {subprocess.check_output(['nproc']).decode().strip()} cores; {java}; service -Xmx1g, "
      f"{sys.argv[2]} HTTP threads, H2 store; wrk 4.1.0 on the same machine, loopback\n")
print("| run | wrk -t/-c | target rate | achieved req/s | records/s | p50 | p90 | p99 | p99.9 | failed | mixed-version | CPU machine / service |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
bad = False
for r in rows:
    if r["name"] == "warmup":
        continue
    ms = lambda us: f"{us / 1000:.2f} ms"
    recs = r.get("records_per_s", r["rps"])
    mixed = r.get("mixed", 0)
    failed = r["failed"] + r.get("socket_errors", 0)
    bad |= failed > 0 or mixed > 0
    vers = r.get("versions", {})
    note = f" (versions {', '.join(f'{k}: {v:,}' for k, v in vers.items() if k != '_')})" if r.get("activation_at_s") else ""
    print(f"| {r['name']}{note} | {r['threads']}/{r['connections']} | {r['rate'] or 'saturated'} | {r['rps']:,.0f} | "
          f"{recs:,.0f} | {ms(r['p50_us'])} | {ms(r['p90_us'])} | {ms(r['p99_us'])} | {ms(r['p999_us'])} | {failed} | "
          f"{mixed if r.get('unchecked', 0) == 0 else 'n/a'} | {r['cpu_machine_pct']:.0f}% / {r['cpu_service_pct']:.0f}% |")
print("\nFixed-rate latencies are measured from each request's scheduled send time (coordinated omission corrected);"
      " saturated ones are wrk's own. 'mixed-version' counts answers whose segment is not what their stated version's"
      " model gives the record (checked when each wrk thread has one connection).")
sys.exit(1 if bad else 0)
PY
