#!/usr/bin/env bash
# Whole-process figures for issue 18, side by side in one run: huiwu status / find / attend
# beside `fzf --filter` over the same names and `jq` parsing the same agenda; medians by
# hyperfine, peak memory by /usr/bin/time -v.
#
# huiwu keeps snapshots of a large agenda and a long record in DATA_DIR/cache/ (see
# docs/performance.md). The rows name which they measure: "first run" has the cache
# deleted before every run (the first command after the agenda or the record changed
# much: it parses, folds and writes the snapshots); every other row runs as a command
# does on any later day, the cache already written by the warm-up runs.
#
#   cargo build --release --bin huiwu --example gen_agenda --example gen_journal --example name_lines
#   scripts/bench-cli.sh AGENDA [RUNS]
#
# AGENDA: a 100-venue agenda, e.g. from the reference sample (scripts/reference-100.py >
# ref100.json) or generated (target/release/examples/gen_agenda --venues 100 --per-venue
# 360 > gen100.json). Journals of 10,000 and 100,000 events are generated for it in a
# temporary data dir (gen_journal). Needs hyperfine, fzf and jq (apt-get install
# hyperfine fzf jq). Environment: HUIWU (default target/release/huiwu).
set -euo pipefail

cd "$(dirname "$0")/.."
agenda=$(realpath "${1:?usage: scripts/bench-cli.sh AGENDA [RUNS]}")
RUNS=${2:-15}
HUIWU=$(realpath "${HUIWU:-target/release/huiwu}")
EXAMPLES=target/release/examples
for tool in hyperfine fzf jq; do
    command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install $tool)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$EXAMPLES/name_lines" "$agenda" >"$work/names.txt"
for n in 10000 100000; do
    "$EXAMPLES/gen_journal" --agenda "$agenda" --data-dir "$work/d$n" --events "$n" 2>/dev/null
done
mkdir -p "$work/empty"
who=$(jq -r '.participants[0].id' "$agenda")
h="$HUIWU --lang en"

echo "# $(date -Iseconds) $(uname -n), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# $(wc -l <"$work/names.txt") people, $(du -h "$agenda" | cut -f1) agenda; $(hyperfine --version); $(fzf --version | cut -d' ' -f1 | sed 's/^/fzf /'); $(jq --version)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"

hyperfine -w 3 -r "$RUNS" --style basic --export-json "$work/first.json" \
    --prepare "rm -rf $work/d10000/cache" \
    -n "huiwu status, 10k events, first run" "$h --data-dir $work/d10000 status $agenda" \
    --prepare "rm -rf $work/d100000/cache" \
    -n "huiwu status, 100k events, first run" "$h --data-dir $work/d100000 status $agenda" >/dev/null
hyperfine -w 3 -r "$RUNS" --style basic --export-json "$work/run.json" \
    -n "huiwu status, no journal" "$h --data-dir $work/empty status $agenda" \
    -n "jq: parse the agenda, count people" "jq '.participants | length' $agenda" \
    -n "huiwu status, 10k events" "$h --data-dir $work/d10000 status $agenda" \
    -n "huiwu status, 100k events" "$h --data-dir $work/d100000 status $agenda" \
    -n "huiwu find 王晓" "$h --data-dir $work/empty find $agenda 王晓" \
    -n "fzf --filter 王晓" "fzf --filter 王晓 < $work/names.txt" \
    -n "huiwu find wangxiaohong" "$h --data-dir $work/empty find $agenda wangxiaohong" \
    -n "fzf --filter wangxiaohong" "fzf --filter wangxiaohong < $work/names.txt" \
    -n "huiwu find wxh" "$h --data-dir $work/empty find $agenda wxh" \
    -n "fzf --filter wxh" "fzf --filter wxh < $work/names.txt" >/dev/null
# attend writes: each run gets a fresh copy of the 10k-event journal.
hyperfine -w 3 -r "$RUNS" --style basic --export-json "$work/attend.json" \
    --prepare "rm -rf $work/a && cp -r $work/d10000 $work/a && sync" \
    -n "huiwu attend $who, 10k events" "$h --data-dir $work/a --seat bench attend $agenda $who" >/dev/null

printf '%-38s %9s %9s %9s %9s\n' command median_ms min_ms user_ms sys_ms
jq -r '.results[] | [.command, (.median * 1000), (.min * 1000), (.user * 1000), (.system * 1000)] | @tsv' "$work/first.json" "$work/run.json" "$work/attend.json" |
    while IFS=$'\t' read -r name med min user sys; do
        printf '%-38s %9.1f %9.1f %9.1f %9.1f\n' "$name" "$med" "$min" "$user" "$sys"
    done

# Peak memory (maximum resident set), the median of 5 runs.
peak() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}'
    done | sort -n | sed -n 3p
}
echo "peak KB, huiwu status, 10k events:  $(peak $h --data-dir "$work/d10000" status "$agenda")"
echo "peak KB, huiwu status, 100k events: $(peak $h --data-dir "$work/d100000" status "$agenda")"
echo "peak KB, huiwu find wangxiaohong:   $(peak $h --data-dir "$work/empty" find "$agenda" wangxiaohong)"
echo "peak KB, jq on the agenda:          $(peak jq '.participants | length' "$agenda")"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
