#!/usr/bin/env bash
# `huiwu find` beside `fzf --filter` on the same people and the same queries (issue 8):
# wall time of a whole process each, the median of RUNS runs.
#
#   cargo build --release --bin huiwu --example gen_agenda --example name_lines
#   scripts/find-vs-fzf.sh [AGENDA] [DATA_DIR]
#
# Without AGENDA, a 100-venue, 36,000-person agenda is generated (gen_agenda --venues 100
# --per-venue 360). huiwu reads the agenda (JSON, checked), the meeting's journal in
# DATA_DIR (default: an empty one, so no journal) and builds its name index; fzf reads one
# "name unit pinyin" line per person (from the name_lines example) and needs no index.
# Environment: RUNS (default 10), HUIWU (default target/release/huiwu), FZF (default fzf).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
HUIWU=${HUIWU:-target/release/huiwu}
FZF=${FZF:-fzf}
EXAMPLES=target/release/examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in "$HUIWU" "$EXAMPLES/name_lines"; do
    [[ -x $tool ]] || { echo "missing $tool: cargo build --release --bin huiwu --example gen_agenda --example name_lines" >&2; exit 2; }
done
command -v "$FZF" >/dev/null || { echo "fzf not found (apt-get install fzf)" >&2; exit 2; }

agenda=${1:-}
if [[ -z $agenda ]]; then
    agenda=$work/agenda.json
    "$EXAMPLES/gen_agenda" --venues 100 --per-venue 360 >"$agenda"
fi
data_dir=${2:-$work/data}
mkdir -p "$data_dir"
names=$work/names.txt
"$EXAMPLES/name_lines" "$agenda" >"$names"

# label, query: a surname in hanzi, full pinyin, initials, a typo (two letters swapped).
queries=(
    "surname|王"
    "pinyin|wangxiaohong"
    "initials|wxh"
    "typo|wnagxiaohong"
)

# Median wall time in ms of RUNS runs of the command, its stdin from $IN (default
# /dev/null); its output goes to $work/out.
median_ms() {
    local times=() t0 t1
    for ((i = 0; i < RUNS; i++)); do
        t0=$EPOCHREALTIME
        "$@" <"${IN:-/dev/null}" >"$work/out" 2>/dev/null || true
        t1=$EPOCHREALTIME
        times+=("$(echo "($t1 - $t0) * 1000" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m}'
}

echo "# $(date -Iseconds) $(uname -n), $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
echo "# $(wc -l <"$names") people; $("$FZF" --version | head -1 | sed 's/^/fzf /'); $RUNS runs each, median wall ms"
printf '%-9s %-14s %10s %8s %10s %8s  %s\n' kind query huiwu_ms hits fzf_ms hits "first found: huiwu / fzf"
for entry in "${queries[@]}"; do
    label=${entry%%|*}
    q=${entry#*|}
    h=$(median_ms "$HUIWU" --data-dir "$data_dir" --lang en find "$agenda" "$q")
    h_hits=$(wc -l <"$work/out")
    h_first=$(head -1 "$work/out" | cut -f2)
    f=$(IN=$names median_ms "$FZF" --filter "$q")
    f_hits=$(wc -l <"$work/out")
    f_first=$(head -1 "$work/out" | cut -d' ' -f1)
    printf '%-9s %-14s %10s %8s %10s %8s  %s / %s\n' "$label" "$q" "$h" "$h_hits" "$f" "$f_hits" "$h_first" "$f_first"
done
echo "# huiwu prints its best 20 (--limit); fzf --filter prints every match, sorted by score."
echo "# load after: $(uptime | sed 's/.*load average: //')"
