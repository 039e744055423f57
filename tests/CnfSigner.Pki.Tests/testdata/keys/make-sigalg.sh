#!/usr/bin/env bash
# The keys of the other signature algorithms (issue #12), made with the real openssl (3.0). make.sh makes
# ec.pem (P-256) and ed25519.pem; this script adds the rest without touching the RSA samples.
set -euo pipefail
cd "$(dirname "$0")"
openssl genpkey -algorithm ED448 -out ed448.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out ec-p384.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out ec-p521.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out ec-secp256k1.pem
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:1024 -out rsa-pss.pem 2>/dev/null
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:1024 -pkeyopt rsa_pss_keygen_md:sha256 \
  -pkeyopt rsa_pss_keygen_mgf1_md:sha512 -pkeyopt rsa_pss_keygen_saltlen:32 -out rsa-pss-restricted.pem 2>/dev/null
# ec.pem with its curve OID (prime256v1, 1.2.840.10045.3.1.7) changed to an unassigned 1.2.840.10045.3.1.111
python3 - <<'PY'
import base64, textwrap
lines = open("ec.pem").read().split("\n")
der = base64.b64decode("".join(l for l in lines if l and not l.startswith("-----")))
old, new = bytes.fromhex("06082a8648ce3d030107"), bytes.fromhex("06082a8648ce3d03016f")
assert old in der
body = "\n".join(textwrap.wrap(base64.b64encode(der.replace(old, new)).decode(), 64))
open("ec-unknown-curve.pem", "w").write(f"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\n")
PY
