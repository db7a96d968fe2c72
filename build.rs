//! Generates the SDK from `spec/` into `OUT_DIR` (feature `codegen`, on by default).
//!
//! Without the feature, `src/lib.rs` compiles the checked-in copy in `generated/` instead, and
//! the code generator is not built at all.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "codegen")]
    codegen::run();
}

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
