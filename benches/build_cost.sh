#!/usr/bin/env bash
# What the code generator costs at build time (benches/README.md):
#
#   1. a clean `cargo build` in the workspace (antom with feature `codegen`, which the default
#      member antom-regenerate turns on), with `--timings`;
#   2. a no-op `cargo build`: must rerun nothing (checked: no build script run, antom "Fresh");
#   3. a rebuild after touching one page (checked: the build script reruns);
#   4. a clean build of a crate that depends on antom with the default features, which compiles
#      the checked-in `generated/` instead (checked: the codegen is not in its tree);
#   5. the share of the codegen's own dependencies in the clean build (units that only the
#      codegen build compiles, from both builds' `--timings`);
#   6. lines of generated code, and compile time per API: the marginal cost of the antom crate
#      (non-incremental) when the spec grows from the real pages to twice as many (synthetic).
#
# Usage: benches/build_cost.sh [WORK_DIR]   (default /tmp/antom-build-cost; wiped first)
# Works on a copy of the workspace with its own target directories, so the developer's tree and
# target are never touched. Needs python3 (to read the --timings reports). Takes minutes: the
# clean builds compile every dependency, aws-lc-sys's C code included.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/antom-build-cost}
case "$work" in /tmp/*) ;; *) echo "WORK_DIR must be under /tmp (it is wiped)" >&2; exit 2 ;; esac
rm -rf "$work"
mkdir -p "$work/antom"
tar -C "$root" --exclude=./target --exclude=./.git -cf - . | tar -C "$work/antom" -xf -
# The developer's target directory: only to build the generator bench, which writes the corpus.
dev_target=${CARGO_TARGET_DIR:-$root/target}
unset CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_RUSTFLAGS
export CARGO_TERM_COLOR=never
log="$work/log"
mkdir -p "$log"

now() { date +%s.%N; }
# seconds NAME CMD...: runs CMD (output to $log/NAME), prints and records its wall time.
declare -A took
# logof NAME: the file of NAME's output.
logof() { echo "$log/${1//[^A-Za-z0-9.-]/_}"; }
seconds() {
    local name=$1
    shift
    local start end out
    out=$(logof "$name")
    start=$(now)
    if ! "$@" >"$out" 2>&1; then
        echo "FAILED: $* (see $out)" >&2
        tail -20 "$out" >&2
        exit 1
    fi
    end=$(now)
    took[$name]=$(python3 -c "print(f'{$end - $start:.2f}')")
    printf '  %-52s %8s s\n' "$name" "${took[$name]}"
}
fail() {
    echo "FAILED: $*" >&2
    exit 1
}

cd "$work/antom"
echo "antom build cost ($(nproc) cores; $(date -u +%FT%TZ))"

# 1. Clean build, codegen on.
export CARGO_TARGET_DIR="$work/target-codegen"
seconds "clean cargo build (codegen, in the workspace)" cargo build --locked --timings
cp "$CARGO_TARGET_DIR/cargo-timings/cargo-timing.html" "$log/timing-codegen.html"

# 2. No-op build: nothing reruns.
seconds "no-op cargo build" cargo build --locked -v
grep -q 'Fresh antom v' "$(logof "no-op cargo build")" || fail "no-op build: antom is not Fresh"
if grep -q 'Running `.*build-script-build' "$(logof "no-op cargo build")"; then
    fail "no-op build: the build script reran"
fi
echo "    checked: antom Fresh, no build script run"

# 3. Touch one page: the build script reruns, antom recompiles.
touch spec/refund.md
seconds "rebuild after touching spec/refund.md" cargo build --locked -v
grep -q 'Running `.*antom-.*/build-script-build' "$(logof "rebuild after touching spec/refund.md")" ||
    fail "touching a page did not rerun the build script"
echo "    checked: the build script reran"

# 4. A dependent with the default features: no codegen at all.
mkdir -p "$work/dependent/src"
cat >"$work/dependent/Cargo.toml" <<EOF
[package]
name = "dependent"
version = "0.1.0"
edition = "2024"

[dependencies]
antom = { path = "$work/antom" }

[workspace]
EOF
cat >"$work/dependent/src/main.rs" <<'EOF'
fn main() {
    println!("{}", <antom::payments::Pay as antom::Api>::PATH);
}
EOF
cp Cargo.lock "$work/dependent/Cargo.lock"
export CARGO_TARGET_DIR="$work/target-dependent"
(cd "$work/dependent" && cargo tree -e normal,build >"$log/dependent-tree")
if grep -Eq 'antom-codegen|pulldown-cmark|serde_yaml|prettyplease' "$log/dependent-tree"; then
    fail "the dependent's tree has the codegen: $(grep -E 'antom-codegen|pulldown-cmark|serde_yaml|prettyplease' "$log/dependent-tree" | head -3)"
fi
echo "  dependent with the default features: no antom-codegen, pulldown-cmark, serde_yaml, prettyplease in its tree"
seconds "clean build of a dependent (default features)" \
    bash -c "cd '$work/dependent' && cargo build --timings"
cp "$CARGO_TARGET_DIR/cargo-timings/cargo-timing.html" "$log/timing-nocodegen.html"
(cd "$work/dependent" && cargo run -q) | grep -q '/v1/payments/pay' || fail "the dependent does not run"

# 6. Compile time per API: the antom crate alone, with the real pages and with twice as many.
export CARGO_TARGET_DIR="$work/target-codegen"
apis=$(find spec -maxdepth 1 -name '*.md' ! -name README.md | wc -l)
bench=$(cd "$root" && CARGO_TARGET_DIR="$dev_target" cargo bench --bench generator --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "generator" and m.get("executable"):
        print(m["executable"])')
[ -x "$bench" ] || fail "could not build the generator bench (which writes the synthetic corpus)"
ANTOM_WRITE_CORPUS="$work/corpus:$((2 * apis))" "$bench"
# Without incremental compilation, so that the crate is compiled whole each time.
export CARGO_INCREMENTAL=0
cargo build --locked >"$(logof "non-incremental warm-up")" 2>&1
touch spec/refund.md
seconds "antom crate, $apis APIs (build script + rustc)" cargo build --locked
mv spec spec-real
mkdir spec
cp "$work/corpus/"*.md spec/
cp spec-real/policy.yaml spec/
seconds "antom crate, $((2 * apis)) APIs (build script + rustc)" cargo build --locked
rm -rf spec
mv spec-real spec

# 5. and 6.: the report.
python3 - "$log" "$apis" "${took[clean cargo build (codegen, in the workspace)]}" \
    "${took[clean build of a dependent (default features)]}" \
    "${took[antom crate, $apis APIs (build script + rustc)]}" \
    "${took[antom crate, $((2 * apis)) APIs (build script + rustc)]}" "$root" <<'EOF'
import json, re, sys, glob, os
log, apis, clean, dependent, real, double, root = sys.argv[1:]
apis = int(apis)
clean, dependent, real, double = map(float, (clean, dependent, real, double))

def units(path):
    text = open(path).read()
    data = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", text, re.S).group(1))
    return {(u["name"], u["version"], u["target"], u.get("mode", "")): u["duration"] for u in data}

codegen = units(f"{log}/timing-codegen.html")
plain = units(f"{log}/timing-nocodegen.html")
only = {k: v for k, v in codegen.items() if k not in plain and k[0] not in ("antom", "dependent")}
total = sum(v for k, v in codegen.items())
share = sum(only.values())
print("\nCodegen's own share of the clean build (units only the codegen build compiles):")
for (name, version, target, mode), d in sorted(only.items(), key=lambda kv: -kv[1])[:12]:
    print(f"  {name} {version}{target} {d:6.2f} s")
print(f"  compile time of those units: {share:.1f} s of {total:.1f} s summed over all units ({100 * share / total:.0f}%)")
print(f"  wall time: clean build with codegen {clean:.1f} s, dependent without it {dependent:.1f} s "
      f"({clean / dependent:.2f}x; the codegen adds {clean - dependent:.1f} s, {100 * (clean - dependent) / clean:.0f}% of the clean build)")
antom = {k: v for k, v in codegen.items() if k[0] == "antom"}
for (name, version, target, mode), d in sorted(antom.items()):
    what = "run" if mode == "run-custom-build" else "compile"
    print(f"  unit antom{target} ({what}): {d:.2f} s")

lines = 0
files = glob.glob(os.path.join(root, "generated", "*.rs"))
for f in files:
    lines += sum(1 for _ in open(f))
print(f"\nGenerated code: {lines} lines in {len(files)} files for {apis} APIs, {lines / apis:.0f} lines per API")
print(f"Compile time per API (antom crate, build script + rustc, after touching a page): "
      f"{real:.1f} s with {apis} APIs, {double:.1f} s with {2 * apis}: {(double - real) / apis:.2f} s per added API")
EOF
echo "logs and --timings reports: $log"
