//! Generates the SDK from `spec/` into `OUT_DIR` (feature `codegen`, which this repository's
//! builds turn on through the `antom-regenerate` member).
//!
//! Without the feature, `src/lib.rs` compiles the checked-in copy in `generated/` instead, and
//! the code generator is not built at all.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "codegen")]
    codegen::run();
}

/// The generator allocates for nearly every token it parses and formats: mimalloc takes a fifth
/// off its instructions against glibc's malloc (benches/README.md).
#[cfg(feature = "codegen")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "codegen")]
mod codegen {
    use std::path::{Path, PathBuf};
    use std::process::exit;

    use antom_codegen::pipeline;

    pub fn run() {
        // Cargo runs build scripts in the package's directory: `spec` names `spec/`, and
        // diagnostics read `spec/refund.md:12: ...`.
        let spec = Path::new("spec");
        println!("cargo:rerun-if-changed=spec");
        if !spec.is_dir() {
            // The published crate ships `generated/`, not the pages.
            eprintln!(
                "error: feature `codegen` regenerates the SDK from spec/, and this copy of antom has no spec/ directory: turn the feature off to compile the checked-in generated/, or build from the repository"
            );
            exit(1);
        }
        let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
        let out = out.join("generated");

        let result = pipeline::load_pages(spec).and_then(|specs| {
            let generated = pipeline::generate(&specs)?;
            let files = pipeline::rust_files(&generated, &out);
            pipeline::write_files(&files)?;
            pipeline::remove_leftovers(&files, &out)?;
            Ok(specs.warnings.into_iter().chain(generated.warnings))
        });
        match result {
            Ok(warnings) => {
                for warning in warnings {
                    // Cargo shows one `cargo:warning` per line.
                    for line in warning.to_string().lines() {
                        println!("cargo:warning={line}");
                    }
                }
            }
            Err(error) => {
                eprintln!("{error}");
                eprintln!("error: could not generate the SDK from spec/ (see above)");
                exit(1);
            }
        }
    }
}
