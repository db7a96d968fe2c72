//! The generator's cost: the whole pipeline over every page of `spec/` and each stage alone,
//! against the floor of pulldown-cmark's parse alone over the same bytes; then the pipeline over
//! synthetic corpora of 10, 100 and 400 pages, to show that the cost grows linearly.
//!
//! `cargo bench --bench generator`; the summary at the end gives every figure as a ratio to the
//! floor measured in the same run (see benches/README.md).

/// The allocator `build.rs` and `antom-codegen` run the generator on.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod corpus;
mod report;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, SystemTime};

use antom_codegen::generate::{self, Emitted, Generated, Options};
use antom_codegen::inputs::Policy;
use antom_codegen::page::parse_page;
use antom_codegen::pipeline;
use antom_codegen::spec::{ApiSpec, PageSpec};
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, Throughput, measurement::WallTime,
};
use pulldown_cmark::{Options as MdOptions, Parser};

use corpus::Page;
use report::{Results, Row, benchmarking, human, paired};

/// The sizes of the synthetic corpora.
const SIZES: [usize; 3] = [10, 100, 400];

/// The options `build.rs` generates with, the policy's model pins included.
fn options() -> &'static Options {
    static OPTIONS: std::sync::OnceLock<Options> = std::sync::OnceLock::new();
    OPTIONS.get_or_init(|| Options {
        models: policy().models.clone(),
        client_methods: true,
    })
}

/// The floor: pulldown-cmark's parse of every page, with the options and the offsets the
/// parser asks for, and nothing done with the events.
fn markdown_floor(pages: &[Page]) -> usize {
    let mut events = 0;
    for (_, text) in pages {
        for event in Parser::new_ext(text, MdOptions::ENABLE_TABLES).into_offset_iter() {
            black_box(&event);
            events += 1;
        }
    }
    events
}

/// The policies of `spec/policy.yaml`, read once.
fn policy() -> &'static Policy {
    static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| pipeline::load_policy(&corpus::spec_dir()).expect("spec/policy.yaml"))
}

/// Stage 1: the pages to schemas.
fn parse(pages: &[Page]) -> Vec<PageSpec> {
    pages
        .iter()
        .map(|(name, text)| match parse_page(text, name, policy()) {
            Ok(parsed) => PageSpec {
                file: name.clone(),
                spec: parsed.spec,
            },
            Err(diagnostics) => panic!("{name} does not parse: {diagnostics:?}"),
        })
        .collect()
}

/// Stage 2: the schemas to YAML (what `regen` writes to `spec/*.yaml`).
fn yaml_write(specs: &[PageSpec]) -> Vec<String> {
    specs.iter().map(|page| page.spec.to_yaml()).collect()
}

/// Stage 2, the other way: YAML to schemas (what `generate` reads).
fn yaml_read(yaml: &[String]) -> Vec<ApiSpec> {
    yaml.iter()
        .map(|text| ApiSpec::from_yaml(text, "spec.yaml").expect("YAML reads back"))
        .collect()
}

/// Stage 3: the schemas to tokens (plan and emit).
fn emit(specs: &[PageSpec]) -> Emitted {
    generate::emit(specs, options()).expect("the pages generate")
}

/// Stage 4: tokens to formatted Rust (syn and prettyplease).
fn format(emitted: &Emitted) -> Generated {
    generate::format(emitted).expect("the tokens format")
}

/// The whole pipeline in memory: parse → YAML → Rust → prettyplease.
fn whole(pages: &[Page]) -> Generated {
    let specs = parse(pages);
    black_box(yaml_write(&specs));
    format(&emit(&specs))
}

/// What `build.rs` does, files included: read and parse `spec/`, generate, and write the files
/// that changed into `out` (after the first run, none).
fn build_rs(spec: &Path, out: &Path) -> usize {
    let specs = pipeline::load_pages(spec).expect("spec/ loads");
    let generated = pipeline::generate(&specs).expect("spec/ generates");
    let files = pipeline::rust_files(&generated, out);
    pipeline::write_files(&files).expect("the files are written");
    pipeline::remove_leftovers(&files, out).expect("no leftovers");
    files.len()
}

fn bytes(pages: &[Page]) -> u64 {
    pages.iter().map(|(_, text)| text.len() as u64).sum()
}

fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
}

/// The pipeline and each stage over the real pages.
fn stages(c: &mut Criterion) {
    let pages = corpus::real_pages();
    let specs = parse(&pages);
    let yaml = yaml_write(&specs);
    let emitted = emit(&specs);

    let mut group = c.benchmark_group("spec");
    configure(&mut group);
    group.throughput(Throughput::Bytes(bytes(&pages)));
    group.bench_function("floor", |b| b.iter(|| markdown_floor(black_box(&pages))));
    group.bench_function("pipeline", |b| b.iter(|| whole(black_box(&pages))));
    let out = std::env::temp_dir().join(format!("antom-bench-generated-{}", std::process::id()));
    let spec = corpus::spec_dir();
    group.bench_function("build.rs (files)", |b| {
        b.iter(|| build_rs(black_box(&spec), &out))
    });
    let _ = std::fs::remove_dir_all(&out);
    group.bench_function("1 parse", |b| b.iter(|| parse(black_box(&pages))));
    group.bench_function("2 YAML write", |b| b.iter(|| yaml_write(black_box(&specs))));
    group.bench_function("2 YAML read", |b| b.iter(|| yaml_read(black_box(&yaml))));
    group.bench_function("3 plan + emit", |b| b.iter(|| emit(black_box(&specs))));
    group.bench_function("4 syn + prettyplease", |b| {
        b.iter(|| format(black_box(&emitted)))
    });
    group.finish();
}

/// The pipeline over synthetic corpora of growing size.
fn scaling(c: &mut Criterion) {
    let real = corpus::real_pages();
    let mut group = c.benchmark_group("scale");
    configure(&mut group);
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for n in SIZES {
        let pages = corpus::synthesize(&real, n);
        // Every API (an endpoint, or a notification by name) is a file, whatever number of pages
        // describe it, plus `mod.rs` and `models.rs`: no copy merged into another.
        let apis: std::collections::BTreeSet<String> = parse(&pages)
            .into_iter()
            .map(|page| match page.spec.endpoint {
                Some(endpoint) => endpoint.path,
                None => page.spec.api,
            })
            .collect();
        let generated = whole(&pages);
        assert_eq!(
            generated.files.len(),
            apis.len() + 2,
            "the corpus of {n} pages does not give one file per API"
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("floor", n), &pages, |b, pages| {
            b.iter(|| markdown_floor(black_box(pages)))
        });
        group.bench_with_input(BenchmarkId::new("pipeline", n), &pages, |b, pages| {
            b.iter(|| whole(black_box(pages)))
        });
    }
    group.finish();
}

fn main() {
    // `ANTOM_WRITE_CORPUS=DIR:N` writes the synthetic corpus of N pages into DIR and stops.
    if let Ok(target) = std::env::var("ANTOM_WRITE_CORPUS") {
        let (dir, n) = target
            .rsplit_once(':')
            .and_then(|(dir, n)| Some((dir, n.parse::<usize>().ok()?)))
            .expect("ANTOM_WRITE_CORPUS is DIR:N");
        std::fs::create_dir_all(dir).expect("the corpus directory can be made");
        for (name, text) in corpus::synthesize(&corpus::real_pages(), n) {
            let file = Path::new(dir).join(Path::new(&name).file_name().unwrap());
            std::fs::write(file, text).expect("a page can be written");
        }
        let policy = pipeline::POLICY_FILE;
        std::fs::copy(corpus::spec_dir().join(policy), Path::new(dir).join(policy))
            .expect("spec/policy.yaml can be copied");
        return;
    }
    // `ANTOM_PROFILE_PIPELINE=N` runs the pipeline once over the corpus of N pages and stops: for
    // `valgrind --tool=callgrind`, which counts instructions repeatably on a busy machine.
    if let Ok(n) = std::env::var("ANTOM_PROFILE_PIPELINE") {
        let n = n
            .parse()
            .expect("ANTOM_PROFILE_PIPELINE is a number of pages");
        let pages = corpus::synthesize(&corpus::real_pages(), n);
        black_box(whole(&pages));
        return;
    }
    let start = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    stages(&mut c);
    scaling(&mut c);
    c.final_summary();
    if !benchmarking() {
        // `cargo test --benches` ran each case once, to check it works: no figures.
        return;
    }
    summary(&Results::read(start));
    paired_summary();
}

/// The ratios again, each timed in alternation with its floor (see [`report::paired`]): what to
/// trust when the machine's speed drifts during the run.
fn paired_summary() {
    const ROUNDS: usize = 11;
    let pages = corpus::real_pages();
    let specs = parse(&pages);
    let yaml = yaml_write(&specs);
    let emitted = emit(&specs);
    let spec = corpus::spec_dir();
    let out = std::env::temp_dir().join(format!("antom-bench-paired-{}", std::process::id()));
    let floor = || {
        black_box(markdown_floor(black_box(&pages)));
    };
    println!(
        "\nPaired ratios to pulldown-cmark's parse of the same pages (timed in alternating rounds; median of {ROUNDS})"
    );
    type Case<'a> = (&'a str, Box<dyn FnMut() + 'a>);
    let rows: [Case<'_>; 7] = [
        (
            "whole pipeline",
            Box::new(|| drop(black_box(whole(&pages)))),
        ),
        (
            "build.rs (files)",
            Box::new(|| {
                black_box(build_rs(&spec, &out));
            }),
        ),
        ("1 parse", Box::new(|| drop(black_box(parse(&pages))))),
        (
            "2 YAML write",
            Box::new(|| drop(black_box(yaml_write(&specs)))),
        ),
        (
            "2 YAML read",
            Box::new(|| drop(black_box(yaml_read(&yaml)))),
        ),
        ("3 plan + emit", Box::new(|| drop(black_box(emit(&specs))))),
        (
            "4 syn + prettyplease",
            Box::new(|| drop(black_box(format(&emitted)))),
        ),
    ];
    for (label, case) in rows {
        println!("  {label:<44} {:>7.1}x", paired(floor, case, ROUNDS));
    }
    let _ = std::fs::remove_dir_all(&out);
    let real = corpus::real_pages();
    for n in SIZES {
        let pages = corpus::synthesize(&real, n);
        let ratio = paired(
            || {
                black_box(markdown_floor(black_box(&pages)));
            },
            || drop(black_box(whole(black_box(&pages)))),
            ROUNDS,
        );
        println!("  whole pipeline, {n:>3} pages                       {ratio:>7.1}x");
    }
}

/// Every figure as a ratio to pulldown-cmark's parse of the same pages, and the time per page as
/// the corpus grows.
fn summary(results: &Results) {
    let row = |label, id, target| Row {
        label,
        id,
        floor: "spec/floor",
        target,
    };
    results.print(
        "Generator over every page of spec/ (ratio to pulldown-cmark's parse of the same pages)",
        &[
            row(
                "whole pipeline (parse, YAML, Rust, prettyplease)",
                "spec/pipeline",
                None,
            ),
            row(
                "build.rs (files read and compared)",
                "spec/build.rs (files)",
                None,
            ),
            row("1 parse", "spec/1 parse", None),
            row("2 YAML write", "spec/2 YAML write", None),
            row("2 YAML read", "spec/2 YAML read", None),
            row("3 plan + emit", "spec/3 plan + emit", None),
            row("4 syn + prettyplease", "spec/4 syn + prettyplease", None),
        ],
    );
    if let Some(pipeline) = results.median("spec/pipeline") {
        // The target was set as under 100 ms for the 10 pages spec/ had then: 10 ms a page.
        let pages = corpus::real_pages().len();
        let per_page = pipeline / pages as f64;
        let verdict = if per_page < 10e6 { "ok" } else { "MISSED" };
        println!(
            "  whole pipeline: {} in release for {pages} pages, {} per page, target < 10 ms per page (100 ms for 10): {verdict}",
            human(pipeline),
            human(per_page)
        );
    }

    println!(
        "\nSynthetic corpora (time per page; ratio to pulldown-cmark's parse of the same pages)"
    );
    let per_page = |id: String, n: usize| results.median(&id).map(|t| t / n as f64);
    let base = per_page(format!("scale/pipeline/{}", SIZES[0]), SIZES[0]);
    for n in SIZES {
        let (Some(pipeline), Some(floor)) = (
            per_page(format!("scale/pipeline/{n}"), n),
            per_page(format!("scale/floor/{n}"), n),
        ) else {
            continue;
        };
        let growth = base.map_or(String::new(), |b| {
            format!(", {:.2}x the per-page time at {}", pipeline / b, SIZES[0])
        });
        println!(
            "  {n:>4} pages: pipeline {} per page, floor {} per page, ratio {:.1}x{growth}",
            human(pipeline),
            human(floor),
            pipeline / floor,
        );
    }
}
