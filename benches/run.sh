#!/usr/bin/env bash
# Whole-process benchmark of `equinox build` on the demo generator's data,
# with the activity export in each of three row orders: by date (as HubSpot
# and Salesforce export it, the generator's default), contact by contact,
# and shuffled. Per size and order: the median wall time of RUNS runs after
# a warm-up, peak resident memory, MB/s, and the per-stage and ingest-step
# times of the median run (--verbose). At 1M leads also with the
# date-ordered activity export read twice (memory must not follow file
# length). Appends a dated table to benches/results.md.
#
# Usage: benches/run.sh [leads ...]          default: 100000 1000000
#   ORDERS="date shuffled" benches/run.sh    only these orders (default: date contact shuffled)
#   RUNS=1 benches/run.sh 10000000           one run after the warm-up (for the largest sizes)
#   EQUINOX_BENCH_DIR=/big/disk benches/run.sh   where the data goes (default $TMPDIR/equinox-bench)
# Data is generated once per size and order and kept, except above 5M
# leads (5 GB and more), where it is deleted after measuring. Delete the
# folder after changing the generator.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/equinox
work=${EQUINOX_BENCH_DIR:-${TMPDIR:-/tmp}/equinox-bench}
sizes=("${@:-100000 1000000}")
orders=(${ORDERS:-date contact shuffled})
runs=${RUNS:-5}
mkdir -p "$work"
{
  echo
  echo "## $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Median of $runs. Ingest steps: leads, deals, ads / merge / activities."
  echo
  echo "| leads | activities order | input MB | median wall s | MB/s | peak RSS MiB | ingest ms | ingest steps ms | activities MB/s | metrics ms | render ms | write ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
} >> benches/results.md
rows=0
# One table row: the median of $runs runs after a warm-up.
measure() {
  local leads=$1 order=$2 input=$3
  local mb activities_mb
  mb=$(du -smL --count-links "$input" | cut -f1)
  activities_mb=$(du -smL --count-links "$input"/hubspot/*calls-emails-meetings* | awk '{ s += $1 } END { print s }')
  "$bin" build -q --input "$input" --output "$work/site" # warm-up
  local all=()
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" build -v --input "$input" --output "$work/site" > "$work/verbose-$i"
    read -r wall rss < "$work/time"
    all+=("$wall $rss $i")
  done
  local median
  median=$(printf '%s\n' "${all[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  read -r wall rss run <<< "$median"
  stage() { awk -v s="$1" '$1 == s { print $2 }' "$work/verbose-$run"; }
  step() { awk -v s="$1" '$2 == s || ($2 " " $3 " " $4) == s { print $(NF - 4) }' "$work/verbose-$run"; }
  local ingest rate whole activities
  ingest=$(stage ingest)
  activities=$(step activities)
  rate=$(awk -v mb="$mb" -v ms="$ingest" 'BEGIN { printf "%.0f", mb / (ms / 1000) }')
  whole=$(awk -v mb="$mb" -v s="$wall" 'BEGIN { printf "%.0f", mb / s }')
  local act_rate
  act_rate=$(awk -v mb="$activities_mb" -v ms="$activities" 'BEGIN { printf "%.0f", mb / (ms / 1000) }')
  echo "| $leads | $order | $mb | $wall | $whole | $((rss / 1024)) | $ingest | $(step "leads, deals, ads") / $(step merge) / $activities | $act_rate | $(stage metrics) | $(stage render) | $(stage write) |" >> benches/results.md
  rows=$((rows + 1))
}
for leads in ${sizes[@]}; do
  for order in "${orders[@]}"; do
    input="$work/input-$leads-$order"
    [ -f "$input/equinox.toml" ] || "$bin" demo -q --leads "$leads" --activity-order "$order" --out "$input"
    measure "$leads" "$order" "$input"
    if [ "$leads" = 1000000 ] && [ "$order" = date ]; then
      # The same leads with the activity export read twice: memory must
      # not follow the file size. Hard links, so no copy is written.
      twice="$work/input-$leads-$order-twice"
      if [ ! -d "$twice" ]; then
        cp -al "$input" "$twice"
        for f in "$twice"/hubspot/*calls-emails-meetings*.csv; do ln "$f" "${f%.csv}-again.csv"; done
      fi
      measure "$leads" "$order, read twice" "$twice"
    fi
    if [ "$leads" -gt 5000000 ]; then
      rm -rf "$input"
    fi
  done
done
rm -rf "$work/site"
tail -n $((rows + 6)) benches/results.md
