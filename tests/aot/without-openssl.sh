#!/usr/bin/env bash
# Run a command where OpenSSL cannot be used: inside a private mount namespace (unshare -m; needs root) every
# libssl.so* and libcrypto.so* the dynamic linker could find, and the openssl program itself, are covered by an
# empty file; the command runs only once `openssl version` has been shown to fail there.
#
#   tests/aot/without-openssl.sh COMMAND [ARGS...]
#
# Exit: the command's; 77 if this cannot be done here (not root, no unshare); 70 if openssl still works inside.
set -uo pipefail
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root for unshare --mount"; exit 77; }
command -v unshare >/dev/null || { echo "SKIP: unshare (util-linux) is missing"; exit 77; }

# Every file the loader could take libssl/libcrypto from: the ld.so cache and the usual directories, symlinks
# resolved (bind mounts follow them anyway, so the real files are what gets covered); and openssl itself.
hide=$( { ldconfig -p 2>/dev/null | awk '/lib(ssl|crypto)\.so/ {print $NF}';
          ls /usr/lib/*/libssl.so* /usr/lib/*/libcrypto.so* /lib/*/libssl.so* /lib/*/libcrypto.so* \
             /usr/lib/libssl.so* /usr/lib/libcrypto.so* /usr/local/lib/libssl.so* /usr/local/lib/libcrypto.so* 2>/dev/null;
          command -v openssl; } \
        | xargs -r -n1 readlink -f | sort -u)
empty=$(mktemp); trap 'rm -f "$empty"' EXIT

# The loop below is the namespace's own shell; `exec` hands it over to the command once OpenSSL is gone.
unshare --mount --propagation private bash -c '
  empty=$1 hide=$2; shift 2
  for f in $hide; do mount --bind "$empty" "$f" || exit 70; done
  for f in $hide; do [ ! -s "$f" ] || { echo "still readable: $f" >&2; exit 70; }; done
  if out=$(openssl version 2>&1); then echo "openssl still works inside: $out" >&2; exit 70; fi
  echo "inside: openssl version fails: $(head -1 <<<"$out")" >&2
  exec "$@"' without-openssl "$empty" "$hide" "$@"
