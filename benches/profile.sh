#!/usr/bin/env bash
# Instruction counts of the benchmarked cases under `valgrind --tool=callgrind`: the same ratios
# as `cargo bench`, but repeatable on a busy machine (counts, not seconds). Each case runs from
# the bench binaries' profile modes; the fixtures alone are measured and subtracted.
#
# Usage: benches/profile.sh [OUT_DIR]   (callgrind files kept there; default /tmp/antom-profile)
# Then `callgrind_annotate OUT_DIR/<case>.out` shows where a case spends its instructions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/antom-profile}
mkdir -p "$out"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }

# The release bench binaries, built as `cargo bench` builds them.
binary() {
    (cd "$root" && cargo bench --bench "$1" --no-run --message-format=json 2>/dev/null) |
        python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == sys.argv[1] and m.get("executable"):
        print(m["executable"])' "$1"
}
runtime=$(binary runtime)
generator=$(binary generator)

# count NAME VAR=VALUE BINARY: instructions of one run.
count() {
    local name=$1 env=$2 bin=$3
    env "$env" valgrind --tool=callgrind --callgrind-out-file="$out/$name.out" "$bin" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

declare -A ir
for case in setup hand_to_vec validate_to_vec hand_from_slice from_slice decode_response \
    raw_sign_verify sign_verify; do
    ir[$case]=$(count "$case" "ANTOM_PROFILE_RUNTIME=$case" "$runtime")
done
for n in 10 100 400; do
    ir[pipeline_$n]=$(count "pipeline_$n" "ANTOM_PROFILE_PIPELINE=$n" "$generator")
done

python3 - <<EOF
setup = ${ir[setup]}
def per(case):  # instructions of one iteration (100 iterations per run)
    return (case - setup) / 100
rows = [
    ("pay request: validate + to_vec", ${ir[validate_to_vec]}, ${ir[hand_to_vec]}, 1.3),
    ("inquiry response: from_slice", ${ir[from_slice]}, ${ir[hand_from_slice]}, 1.2),
    ("inquiry response: decode_response", ${ir[decode_response]}, ${ir[hand_from_slice]}, 1.2),
    ("sign + verify", ${ir[sign_verify]}, ${ir[raw_sign_verify]}, 1.05),
]
print("Instructions per iteration (callgrind), ratio to the floor")
for label, case, floor, target in rows:
    ratio = per(case) / per(floor)
    verdict = "ok" if ratio <= target else "MISSED"
    print(f"  {label:<36} {per(case):>12,.0f} {per(floor):>12,.0f} {ratio:6.3f}x  <= {target} {verdict}")
print("Generator pipeline over synthetic corpora (whole run, instructions per page)")
base = ${ir[pipeline_10]} / 10
for n, total in ((10, ${ir[pipeline_10]}), (100, ${ir[pipeline_100]}), (400, ${ir[pipeline_400]})):
    print(f"  {n:>4} pages: {total / n:>14,.0f} per page, {total / n / base:.2f}x the per-page count at 10")
EOF
