#!/usr/bin/env python3
"""Records what the real OpenSSL 3.0.x prints for every view of every file in testdata/wild (certificates, requests
and CRLs that this project did not make; see testdata/wild/SOURCES.md). One golden per input, goldens/<kind>/<file>
.golden, holding for each view a header line
    === <view> rc=<exit code> out=<stdout bytes> err=<stderr bytes> :: <command line after "openssl">
then the stdout bytes and the stderr bytes (OpenSSL's "<tid>:error:..." lines dropped), then a newline.
openssl runs inside testdata/wild, so messages name inputs by their relative path. WildGoldenTests replays them."""
import concurrent.futures, os, shutil, subprocess, sys

WILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'testdata', 'wild')
EXT = ('subjectAltName,basicConstraints,keyUsage,extendedKeyUsage,certificatePolicies,crlDistributionPoints,'
       'authorityInfoAccess,nameConstraints,subjectKeyIdentifier,authorityKeyIdentifier,issuerAltName,'
       'policyConstraints,inhibitAnyPolicy,policyMappings')
NAMES = ['-noout', '-subject', '-issuer', '-nameopt']
VIEWS = {
    'certs': [('text', ['x509', '-noout', '-text']),
              ('subject', ['x509', '-noout', '-subject', '-issuer']),
              ('dates', ['x509', '-noout', '-dates']),
              ('fingerprint', ['x509', '-noout', '-fingerprint']),
              ('rfc2253', ['x509', *NAMES, 'RFC2253']),
              ('oneline', ['x509', *NAMES, 'oneline']),
              ('multiline', ['x509', *NAMES, 'multiline']),
              ('utf8', ['x509', *NAMES, 'utf8']),
              ('ext', ['x509', '-noout', '-ext', EXT]),
              ('purpose', ['x509', '-noout', '-purpose']),
              ('ext_parse', ['x509', '-noout', '-text', '-certopt', 'ext_parse'])],
    'reqs': [('req_text', ['req', '-noout', '-text']),
             ('req_subject', ['req', '-noout', '-subject', '-nameopt', 'RFC2253']),
             ('req_subject_default', ['req', '-noout', '-subject']),
             ('req_oneline', ['req', '-noout', '-subject', '-nameopt', 'oneline']),
             ('req_multiline', ['req', '-noout', '-subject', '-nameopt', 'multiline']),
             ('req_utf8', ['req', '-noout', '-subject', '-nameopt', 'utf8'])],
    'crls': [('crl_text', ['crl', '-noout', '-text']),
             ('crl_issuer', ['crl', '-noout', '-issuer', '-lastupdate', '-nextupdate', '-fingerprint']),
             ('crl_hash', ['crl', '-noout', '-hash', '-hash_old']),
             ('crl_rfc2253', ['crl', '-noout', '-issuer', '-nameopt', 'RFC2253']),
             ('crl_multiline', ['crl', '-noout', '-issuer', '-nameopt', 'multiline']),
             ('crl_utf8', ['crl', '-noout', '-issuer', '-nameopt', 'utf8'])],
}

def record(kind, name):
    path = f'{kind}/{name}'
    golden = bytearray()
    for view, args in VIEWS[kind]:
        cmd = [args[0], '-in', path] + (['-inform', 'DER'] if name.endswith('.der') else []) + args[1:]
        p = subprocess.run(['openssl', *cmd], cwd=WILD, capture_output=True)
        err = b''.join(l for l in p.stderr.splitlines(keepends=True) if b':error:' not in l)
        golden += f'=== {view} rc={p.returncode} out={len(p.stdout)} err={len(err)} :: {" ".join(cmd)}\n'.encode()
        golden += p.stdout + err + b'\n'
    with open(os.path.join(WILD, 'goldens', kind, name + '.golden'), 'wb') as f:
        f.write(golden)

def main():
    version = subprocess.run(['openssl', 'version'], capture_output=True, text=True).stdout
    if not version.startswith('OpenSSL 3.0.'):
        sys.exit('needs OpenSSL 3.0.x, found ' + version)
    shutil.rmtree(os.path.join(WILD, 'goldens'), ignore_errors=True)
    jobs = []
    for kind in VIEWS:
        os.makedirs(os.path.join(WILD, 'goldens', kind))
        jobs += [(kind, name) for name in sorted(os.listdir(os.path.join(WILD, kind)))]
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda job: record(*job), jobs))
    print(f'wild: {len(jobs)} inputs recorded')

main()
