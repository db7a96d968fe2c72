//! Creates a card vaulting session: the first call most card integrations make.
//!
//! ```sh
//! cargo run --example create_vaulting_session
//! ```
//!
//! With no configuration it starts the embedded mock Antom (`antom-mock`, on 127.0.0.1, with the
//! TEST-ONLY keys of `tests/data/`) and calls it, printing what was sent and received.
//!
//! To call Antom (or any gateway) instead, set all three of:
//!
//! - `ANTOM_CLIENT_ID`: your client ID (`SANDBOX_…` calls the sandbox);
//! - `ANTOM_PRIVATE_KEY`: your RSA private key, as PEM, as the bare base64 that Antom's dashboard
//!   hands out, or as the path of a file holding either;
//! - `ANTOM_PUBLIC_KEY`: Antom's RSA public key, in any of the same forms;
//!
//! and optionally `ANTOM_BASE_URL` (default: the Asia gateway, `antom::gateway::ASIA`).

use std::error::Error;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use antom::{Client, PrivateKey, PublicKey, gateway, vaults::CreateVaultingSessionRequest};
use antom_mock::{MockAntom, keys};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    // The mock must outlive the call: keep it here.
    let (client, mock) = match Config::from_env()? {
        Some(config) => {
            println!("Calling {} as {}.", config.base_url, config.client_id);
            let client = Client::builder(
                config.base_url,
                config.client_id,
                config.private_key,
                config.public_key,
            )
            .build()?;
            (client, None)
        }
        None => {
            let mock = MockAntom::new().all_apis().start().await?;
            println!(
                "ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY and ANTOM_PUBLIC_KEY are not set: calling the \
                 embedded mock Antom at {} with TEST-ONLY keys.",
                mock.base_url()
            );
            let client = Client::builder(
                mock.base_url(),
                "SANDBOX_EXAMPLE_CLIENT",
                keys::MERCHANT_PRIVATE_KEY.parse()?,
                keys::ANTOM_PUBLIC_KEY.parse()?,
            )
            .build()?;
            (client, Some(mock))
        }
    };

    let millis = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis();
    let request = CreateVaultingSessionRequest::new(
        // Your own unique ID: resending the same ID is the same request to Antom.
        format!("vaulting-{millis}"),
        "https://merchant.example/antom/notify",
    )
    .redirect_url("https://merchant.example/cards/done")
    .is_3ds_authentication(false);

    println!(
        "\n>>> POST {}\n{}",
        client.path::<antom::vaults::CreateVaultingSession>(),
        serde_json::to_string_pretty(&request)?
    );
    let outcome = client.vaults().create_vaulting_session(&request).await;

    if let Some(mock) = &mock {
        // What arrived on the wire (several requests if the client had to resend).
        for sent in mock.requests() {
            println!("\n--- the mock received {} {}", sent.method, sent.path);
            for (name, value) in &sent.headers {
                println!("{name}: {value}");
            }
            println!("\n{}", String::from_utf8_lossy(&sent.body));
            if let Some(answer) = &sent.answer {
                println!(
                    "\n--- the mock answered HTTP {}, signed\n{}",
                    answer.http_status,
                    String::from_utf8_lossy(&answer.body)
                );
            }
        }
    }

    match outcome {
        Ok(response) => {
            println!(
                "\n<<< {} {}",
                response.result.result_status, response.result.result_code
            );
            println!("{response:#?}");
            println!(
                "\nPass vaultingSessionData to Antom's client-side SDK to let the buyer enter the \
                 card; the vaulting result arrives as a notifyVaulting notification."
            );
            Ok(())
        }
        Err(error) => {
            println!("\n<<< failed");
            Err(error.into())
        }
    }
}

/// A real gateway to call, from the environment.
struct Config {
    base_url: String,
    client_id: String,
    private_key: PrivateKey,
    public_key: PublicKey,
}

impl Config {
    /// `None` when none of the three required variables is set; an error when only some are, or
    /// a key does not parse.
    fn from_env() -> Result<Option<Config>, Box<dyn Error>> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let required = ["ANTOM_CLIENT_ID", "ANTOM_PRIVATE_KEY", "ANTOM_PUBLIC_KEY"];
        let values: Vec<Option<String>> = required.iter().map(|name| var(name)).collect();
        let [Some(client_id), Some(private_key), Some(public_key)] = values.as_slice() else {
            if values.iter().all(Option::is_none) {
                return Ok(None);
            }
            let missing: Vec<&str> = required
                .iter()
                .zip(&values)
                .filter(|(_, value)| value.is_none())
                .map(|(name, _)| *name)
                .collect();
            return Err(format!(
                "set all of ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY and ANTOM_PUBLIC_KEY (or none, to \
                 use the mock); missing: {}",
                missing.join(", ")
            )
            .into());
        };
        let private_key = key_text(private_key)?
            .parse()
            .map_err(|e| format!("ANTOM_PRIVATE_KEY: {e}"))?;
        let public_key = key_text(public_key)?
            .parse()
            .map_err(|e| format!("ANTOM_PUBLIC_KEY: {e}"))?;
        Ok(Some(Config {
            base_url: var("ANTOM_BASE_URL").unwrap_or_else(|| gateway::ASIA.to_owned()),
            client_id: client_id.clone(),
            private_key,
            public_key,
        }))
    }
}

/// The key itself, or the contents of the file it names.
fn key_text(value: &str) -> Result<String, Box<dyn Error>> {
    let path = std::path::Path::new(value.trim());
    if !value.contains("-----BEGIN") && path.is_file() {
        Ok(std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?)
    } else {
        Ok(value.to_owned())
    }
}
