#!/usr/bin/env bash
# Regenerates the signing test vectors in this directory with the `openssl` command line only,
# independently of the SDK. The keys are TEST-ONLY: they sign nothing but these tests.
#
# Run from anywhere: tests/data/make_vectors.sh [--new-keys]
# Without --new-keys the committed keys are kept and only the expected signature is recomputed.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "--new-keys" ]]; then
    for who in merchant antom; do
        # PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`), as Antom Dashboard hands out.
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "${who}_private_key.pem"
        # SubjectPublicKeyInfo public key (`-----BEGIN PUBLIC KEY-----`).
        openssl pkey -in "${who}_private_key.pem" -pubout -out "${who}_public_key.pem"
        # The same keys as bare base64 of the DER, the dashboard's copy-paste form.
        openssl pkcs8 -topk8 -nocrypt -in "${who}_private_key.pem" -outform DER \
            | openssl base64 -A > "${who}_private_key.b64"
        openssl pkey -in "${who}_private_key.pem" -pubout -outform DER | openssl base64 -A > "${who}_public_key.b64"
    done
fi

# The fixed request: method, path, client ID, Request-Time, and body (vector_body.json, which has
# no trailing newline and includes non-ASCII text, so that byte-exactness is tested).
method=POST
path=/ams/api/v1/vaults/createVaultingSession
client_id=SANDBOX_5YEZ0000000000000
request_time=1700000000000

# Content to be signed: `<method> <path>\n<client-id>.<request-time>.<body>`.
printf '%s %s\n%s.%s.' "$method" "$path" "$client_id" "$request_time" > vector_content.bin
cat vector_body.json >> vector_content.bin

# RSA-SHA256 with PKCS#1 v1.5 padding (openssl dgst's default for RSA keys), then base64, then
# URL-encoding of the three base64 characters that are not URL-safe (+, /, =).
openssl dgst -sha256 -sign merchant_private_key.pem -out vector_signature.bin vector_content.bin
openssl base64 -A -in vector_signature.bin \
    | sed -e 's/+/%2B/g' -e 's#/#%2F#g' -e 's/=/%3D/g' > vector_signature.txt

# Check the vector verifies with the public key, as Antom would check it.
openssl dgst -sha256 -verify merchant_public_key.pem -signature vector_signature.bin vector_content.bin
rm vector_signature.bin
