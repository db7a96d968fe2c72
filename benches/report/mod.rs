//! The summary printed after a bench run: every figure as a ratio to its floor, measured in the
//! same run, read back from the estimates criterion saved.
//!
//! Criterion writes `<id>/new/benchmark.json` (the benchmark's id) and `<id>/new/estimates.json`
//! (its statistics) under `$CRITERION_HOME`, `$CARGO_TARGET_DIR/criterion` or
//! `target/criterion`; only those written by this process are read, so that a filtered run never
//! reports stale figures.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::Value;

/// The median time of every benchmark this process measured, in nanoseconds, by full id
/// (`spec/pipeline`, `scale/pipeline/100`).
pub struct Results {
    medians: BTreeMap<String, f64>,
}

/// One line of a summary: a benchmark, its floor, and the largest ratio the issue allows.
pub struct Row<'a> {
    /// What is measured, for the reader.
    pub label: &'a str,
    /// The benchmark's full id.
    pub id: &'a str,
    /// The floor's full id.
    pub floor: &'a str,
    /// The target ratio, if there is one.
    pub target: Option<f64>,
}

fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("criterion")
}

fn walk(dir: &Path, since: SystemTime, medians: &mut BTreeMap<String, f64>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "new") {
            let fresh = std::fs::metadata(path.join("estimates.json"))
                .and_then(|m| m.modified())
                .is_ok_and(|m| m >= since);
            let read = |name: &str| -> Option<Value> {
                serde_json::from_slice(&std::fs::read(path.join(name)).ok()?).ok()
            };
            if let (true, Some(id), Some(estimates)) =
                (fresh, read("benchmark.json"), read("estimates.json"))
            {
                let full_id = id["full_id"].as_str().map(str::to_owned);
                let median = estimates["median"]["point_estimate"].as_f64();
                if let (Some(full_id), Some(median)) = (full_id, median) {
                    medians.insert(full_id, median);
                }
            }
        } else {
            walk(&path, since, medians);
        }
    }
}

impl Results {
    /// The estimates this process saved, started at `since`.
    pub fn read(since: SystemTime) -> Results {
        let mut medians = BTreeMap::new();
        walk(&criterion_home(), since, &mut medians);
        Results { medians }
    }

    /// The median of benchmark `id`, in nanoseconds, if it ran.
    pub fn median(&self, id: &str) -> Option<f64> {
        self.medians.get(id).copied()
    }

    /// Prints `rows` as a table under `title`; rows whose benchmark or floor did not run (a
    /// filtered run) are left out.
    pub fn print(&self, title: &str, rows: &[Row<'_>]) {
        let mut out = String::new();
        let _ = writeln!(out, "\n{title}");
        let _ = writeln!(
            out,
            "  {:<44} {:>12} {:>12} {:>8} {:>8}",
            "measured", "median", "floor", "ratio", "target"
        );
        for row in rows {
            let (Some(time), Some(floor)) = (self.median(row.id), self.median(row.floor)) else {
                continue;
            };
            let ratio = time / floor;
            let target = match row.target {
                Some(t) if ratio <= t => format!("<= {t} ok"),
                Some(t) => format!("<= {t} MISSED"),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "  {:<44} {:>12} {:>12} {:>7.2}x {target}",
                row.label,
                human(time),
                human(floor),
                ratio
            );
        }
        print!("{out}");
    }
}

/// A duration in nanoseconds, in the unit that suits it.
pub fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.3} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

/// The ratio of `case` to `floor` timed in alternation: rounds of a batch of each, in turns
/// (which goes first alternates), and the median of the rounds' ratios. Unlike two benchmarks
/// timed one after the other, a change of the machine's speed during the run (other work, a
/// shared host) affects both sides of a round alike.
#[allow(dead_code)] // Used by the runtime bench only.
pub fn paired(mut floor: impl FnMut(), mut case: impl FnMut(), rounds: usize) -> f64 {
    use std::time::{Duration, Instant};
    let time = |f: &mut dyn FnMut(), n: u32| {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        start.elapsed().as_secs_f64()
    };
    // A batch of about 5 ms.
    let one = time(&mut floor, 1).max(1e-9);
    let n = (Duration::from_millis(5).as_secs_f64() / one).clamp(1.0, 1e6) as u32;
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|round| {
            if round % 2 == 0 {
                let a = time(&mut floor, n);
                time(&mut case, n) / a
            } else {
                let b = time(&mut case, n);
                b / time(&mut floor, n)
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

/// Whether the bench runs as `cargo bench` (which passes `--bench`) rather than as
/// `cargo test --benches`, where criterion runs each case once to check that it works and the
/// summaries, whose figures would mean nothing, are skipped.
pub fn benchmarking() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}
