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
        let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
        let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
        let spec = manifest.join("spec");
        println!("cargo:rerun-if-changed={}", spec.display());

        let relative = |path: &str| {
            Path::new(path)
                .strip_prefix(&manifest)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| path.to_owned())
        };
        let result = pipeline::load_pages(&spec)
            .and_then(|specs| pipeline::generate(&specs))
            .and_then(|generated| {
                pipeline::write_generated(&generated, &out.join("generated"))?;
                Ok(generated)
            });
        match result {
            Ok(generated) => {
                for warning in &generated.warnings {
                    // Cargo shows one line per `cargo:warning`.
                    let text = warning
                        .to_string()
                        .replace(&format!("{}/", manifest.display()), "");
                    for line in text.lines() {
                        println!("cargo:warning={line}");
                    }
                }
            }
            Err(error) => {
                for e in &error.errors {
                    eprintln!(
                        "error: {}: {}",
                        relative(&e.file).to_string()
                            + &e.line.map(|l| format!(":{l}")).unwrap_or_default(),
                        e.message
                    );
                }
                eprintln!("error: could not generate the SDK from spec/ (see above)");
                exit(1);
            }
        }
    }
}
