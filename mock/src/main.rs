//! `antom-mock`: a mock Antom server for every API in `spec/`, for trying an SDK (in any
//! language) without Antom credentials.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use antom_mock::{Fault, LIVE_PREFIX, MockAntom, SANDBOX_PREFIX, keys};
use clap::Parser;

/// A mock Antom server: verifies request signatures, validates bodies against the spec, answers
/// each page's example response with the request's IDs echoed, and signs every response.
///
/// By default it uses the TEST-ONLY keys published with antom-rs (see --print-test-keys): sign
/// requests with the merchant private key, verify responses with the Antom public key.
#[derive(Debug, Parser)]
#[command(name = "antom-mock", version)]
struct Args {
    /// The address to listen on. Keep the default unless you know why: the mock accepts
    /// anything signed with keys that are public.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    addr: IpAddr,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 12111)]
    port: u16,
    /// A file holding the merchant's RSA public key (PEM or bare base64) that requests must be
    /// signed for. Default: the TEST-ONLY merchant key.
    #[arg(long, value_name = "FILE")]
    merchant_public_key: Option<PathBuf>,
    /// A file holding the RSA private key (PKCS#8, PEM or bare base64) the mock signs responses
    /// with. Default: the TEST-ONLY Antom key.
    #[arg(long, value_name = "FILE")]
    signing_key: Option<PathBuf>,
    /// The keyVersion put in response signatures.
    #[arg(long, default_value_t = 1)]
    key_version: u32,
    /// Misbehave on every request: unknown, fail:<RESULT_CODE>, delay:<MILLISECONDS>,
    /// corrupt-signature or omit-signature.
    #[arg(long, value_name = "FAULT")]
    fault: Option<Fault>,
    /// Do not log each request to standard error.
    #[arg(long)]
    quiet: bool,
    /// Print the TEST-ONLY keys (merchant private key, Antom public key) and exit.
    #[arg(long)]
    print_test_keys: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if args.print_test_keys {
        let mut out = std::io::stdout().lock();
        let printed = write!(
            out,
            "# TEST-ONLY merchant private key: sign requests to the mock with it\n{}\
             # TEST-ONLY Antom public key: verify the mock's responses with it\n{}",
            keys::MERCHANT_PRIVATE_KEY,
            keys::ANTOM_PUBLIC_KEY
        )
        .and_then(|()| out.flush());
        return if printed.is_ok() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "antom-mock: {message}");
            ExitCode::FAILURE
        }
    }
}

fn read_key(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

async fn run(args: Args) -> Result<(), String> {
    let mut mock = MockAntom::new()
        .key_version(args.key_version)
        .log_requests(!args.quiet);
    if let Some(path) = &args.merchant_public_key {
        mock = mock
            .merchant_public_key(&read_key(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = &args.signing_key {
        mock = mock
            .signing_key(&read_key(path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mock = mock.all_apis();
    let apis = mock.apis();
    let server = mock
        .start_on(SocketAddr::new(args.addr, args.port))
        .await
        .map_err(|e| e.to_string())?;
    server.set_fault(args.fault.clone());

    // Whoever started the mock may stop reading its output: that is no reason to stop serving.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "antom-mock listening on {}", server.base_url());
    let _ = writeln!(
        out,
        "serving {} APIs under {LIVE_PREFIX} and {SANDBOX_PREFIX}:",
        apis.len()
    );
    for (name, path) in apis {
        let _ = writeln!(out, "  POST {LIVE_PREFIX}{path}  ({name})");
    }
    if let Some(fault) = &args.fault {
        let _ = writeln!(out, "every request takes the fault {fault}");
    }
    if args.merchant_public_key.is_none() || args.signing_key.is_none() {
        let _ = writeln!(out, "using TEST-ONLY keys; see them with --print-test-keys");
    }
    let _ = out.flush();
    drop(out);
    if !args.addr.is_loopback() {
        let _ = writeln!(
            std::io::stderr(),
            "antom-mock: warning: listening on {} beyond this machine",
            args.addr
        );
    }
    std::future::pending::<()>().await;
    Ok(())
}
