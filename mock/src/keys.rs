//! TEST-ONLY RSA key pairs, published on purpose so that tests, the `antom-mock` server and the
//! examples run with no configuration. Anyone can sign with them: never register them with
//! Antom.
//!
//! They are the workspace's one set of test keys, `tests/data/*.pem` at the repository root
//! (made with the `openssl` command line by `tests/data/make_vectors.sh`), shared with the SDK's
//! own signing tests; `keys/` links to them, so that the packaged crate carries them.

/// TEST-ONLY. The merchant's private key (PKCS#8 PEM): the SDK signs requests with it.
pub const MERCHANT_PRIVATE_KEY: &str = include_str!("../keys/merchant_private_key.pem");

/// TEST-ONLY. The merchant's public key (SubjectPublicKeyInfo PEM): the mock verifies
/// requests with it, unless told another.
pub const MERCHANT_PUBLIC_KEY: &str = include_str!("../keys/merchant_public_key.pem");

/// TEST-ONLY. The mock's own ("Antom's") private key (PKCS#8 PEM): the mock signs responses
/// and notifications with it, unless told another.
pub const ANTOM_PRIVATE_KEY: &str = include_str!("../keys/antom_private_key.pem");

/// TEST-ONLY. The mock's own ("Antom's") public key (SubjectPublicKeyInfo PEM): give it to the
/// SDK as Antom's public key when it talks to the mock.
pub const ANTOM_PUBLIC_KEY: &str = include_str!("../keys/antom_public_key.pem");
