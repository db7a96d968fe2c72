//! The `antom-mock` binary: starts on 127.0.0.1, says where, serves every API, takes a fault
//! from the command line.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, ChildStdout, Command, Stdio};

/// Kills the child when the test ends, however it ends; keeps its output open until then.
struct Running(Child, #[allow(dead_code)] BufReader<ChildStdout>);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(args: &[&str]) -> (Running, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antom-mock"))
        .args(["--port", "0", "--quiet"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let running = Running(child, stdout);
    let url = first
        .trim()
        .strip_prefix("antom-mock listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {first:?}"));
    let addr: SocketAddr = url.parse().unwrap();
    assert!(addr.ip().is_loopback());
    (running, addr)
}

#[tokio::test]
async fn serves_the_generated_apis_on_loopback() {
    let (_running, addr) = start(&[]);
    let path = "/ams/api/v1/vaults/createVaultingSession";
    let body = br#"{"paymentMethodType":"CARD","vaultingRequestId":"bin-1","vaultingNotificationUrl":"https://m.example/n"}"#;
    let received = common::post_signed(addr, path, body).await;
    assert_eq!(
        received.result_status(),
        "S",
        "{}",
        received.result_message()
    );
    assert!(received.json()["vaultingSessionId"].is_string());
    assert!(received.signature_verifies(path, common::CLIENT_ID));
}

#[tokio::test]
async fn a_fault_from_the_command_line_applies_to_every_request() {
    let (_running, addr) = start(&["--fault", "fail:PROCESS_FAIL"]);
    let path = "/ams/api/v1/vaults/createVaultingSession";
    let body = br#"{"paymentMethodType":"CARD","vaultingRequestId":"bin-2","vaultingNotificationUrl":"https://m.example/n"}"#;
    for _ in 0..2 {
        let received = common::post_signed(addr, path, body).await;
        assert_eq!(received.result_code(), "PROCESS_FAIL");
    }
}

#[test]
fn bad_arguments_are_refused_with_a_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_antom-mock"))
        .args(["--fault", "crash"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("expected as-usual"), "{stderr}");

    let output = Command::new(env!("CARGO_BIN_EXE_antom-mock"))
        .args([
            "--port",
            "0",
            "--merchant-public-key",
            "/nonexistent/key.pem",
        ])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/key.pem"), "{stderr}");
}

#[test]
fn prints_the_test_keys() {
    let output = Command::new(env!("CARGO_BIN_EXE_antom-mock"))
        .arg("--print-test-keys")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(antom_mock::keys::MERCHANT_PRIVATE_KEY));
    assert!(stdout.contains(antom_mock::keys::ANTOM_PUBLIC_KEY));
}
