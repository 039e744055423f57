#!/usr/bin/env bash
# Regenerates the golden genrsa outputs with the real openssl.
set -euo pipefail
cd "$(dirname "$0")"
openssl genrsa -help 2> help.txt || true
