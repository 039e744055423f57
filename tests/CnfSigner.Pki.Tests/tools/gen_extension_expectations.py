#!/usr/bin/env python3
"""Regenerate testdata/extensions/expected.tsv from tools/extension-cases.txt with the real OpenSSL.

Each case is the body of an extension section [s] (plus optional extra sections). For each case this builds
a config, runs `openssl req -new -x509 -key testdata/extensions/test.key -config c.cnf -extensions s`,
and records either every extension of the resulting certificate (OID, critical, hex of extnValue contents;
this includes OpenSSL 3's automatic subjectKeyIdentifier/authorityKeyIdentifier) or, when openssl fails,
the reason and data of each error line on stderr ("reason: data").

TSV columns: name, config (section text, newlines as \\n), ok|error, expected.
  ok:    space-separated "oid/critical/hex" (critical is 0 or 1)
  error: lines joined with \\n
Usage (from tests/CnfSigner.Pki.Tests): python3 tools/gen_extension_expectations.py
"""
import os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KEY = os.path.join(ROOT, "testdata", "extensions", "test.key")
OUT = os.path.join(ROOT, "testdata", "extensions", "expected.tsv")

HEADER = """[req]
distinguished_name = dn
prompt = no
[dn]
CN = x
emailAddress = a@b.example
[s]
"""

def read_cases(path):
    cases, name, body = [], None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("== "):
            if name: cases.append((name, body))
            name, body = line[3:].strip(), []
        elif name is not None and line.strip() and not line.startswith("#"):
            body.append(line)
    if name: cases.append((name, body))
    return cases

def der(data, i):
    tag = data[i]; i += 1
    ln = data[i]; i += 1
    if ln & 0x80:
        n = ln & 0x7F; ln = int.from_bytes(data[i:i + n], "big"); i += n
    return tag, i, i + ln  # tag, content start, content end

def children(data, start, end):
    out = []
    while start < end:
        t, s, e = der(data, start); out.append((t, s, e)); start = e
    return out

def oid_text(b):
    arcs, v = [], 0
    for x in b:
        v = (v << 7) | (x & 0x7F)
        if not x & 0x80: arcs.append(v); v = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(str(a) for a in [first, arcs[0] - 40 * first] + arcs[1:])

def extensions(cert):
    _, s, e = der(cert, 0)
    tbs = children(cert, s, e)[0]
    result = []
    for t, s2, e2 in children(cert, tbs[1], tbs[2]):
        if t != 0xA3: continue
        _, s3, e3 = der(cert, s2)
        for _, s4, e4 in children(cert, s3, e3):
            parts = children(cert, s4, e4)
            oid = oid_text(cert[parts[0][1]:parts[0][2]])
            crit = len(parts) == 3 and cert[parts[1][1]] != 0
            val = cert[parts[-1][1]:parts[-1][2]]
            result.append(f"{oid}/{1 if crit else 0}/{val.hex().upper()}")
    return result

ERR = re.compile(r"^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]*):[^:]*:\d+:?(.*)$")

def run(body):
    with tempfile.TemporaryDirectory() as d:
        cnf = os.path.join(d, "c.cnf"); out = os.path.join(d, "c.der")
        open(cnf, "w").write(HEADER + "\n".join(body) + "\n")
        p = subprocess.run(["openssl", "req", "-new", "-x509", "-key", KEY, "-config", cnf, "-extensions", "s",
                            "-days", "1", "-outform", "DER", "-out", out], capture_output=True, text=True)
        if p.returncode == 0:
            return "ok", " ".join(extensions(open(out, "rb").read()))
        lines = []
        for l in p.stderr.splitlines():
            m = ERR.match(l)
            if m: lines.append(m.group(1) + (": " + m.group(2) if m.group(2) else ""))
        return "error", "\\n".join(lines)

def main():
    rows = []
    for name, body in read_cases(os.path.join(HERE, "extension-cases.txt")):
        kind, expected = run(body)
        rows.append("\t".join([name, "\\n".join(body), kind, expected]))
        print(name, kind, expected[:150], file=sys.stderr)
    open(OUT, "w").write("\n".join(rows) + "\n")

main()
