#!/usr/bin/env python3
"""Records what the real OpenSSL 3.0.x `verify` prints for the verify cases of testdata/wild-verify (chains from
public test suites that this project did not make; see testdata/wild-verify/SOURCES.md).

    record-wild-verify-goldens.py --import OPENSSL_SRC LIMBO_JSON   # rebuild the corpus and cases.txt, then record
    record-wild-verify-goldens.py                                   # record again from the committed cases.txt

--import copies the certificates that OpenSSL's test/recipes/25-test_verify.t names from OPENSSL_SRC/test/certs
into openssl/, writes one case per literal verify(...) call of that recipe (its -auth_level 1, purpose, options,
repeated -trusted/-untrusted; -attime 1767225600 added when the call has none, so the goldens do not age), and one
case per x509-limbo testcase that `openssl verify` can express (trusted, untrusted, leaf and CRL PEMs under
limbo/<id>/; -attime from validation_time, -purpose from the validation kind or EKU, -verify_hostname/-verify_ip/
-verify_email from the expected peer name, -verify_depth from max_chain_depth; testcases with several expected
peer names, key usages or signature algorithms are left out). cases.txt holds "<name> <args after openssl>".

Recording runs openssl inside testdata/wild-verify (arguments are relative paths, so goldens name no temporary
directory) and writes goldens/<source>.golden in the format of testdata/wild: per case a header line
    === <name> rc=<exit code> out=<stdout bytes> err=<stderr bytes> :: <command line after "openssl">
then the stdout bytes and the stderr bytes (OpenSSL's "<tid>:error:..." lines dropped), then a newline.
Cases of policy/cases.txt (chains made by make-policy-chains.py with openssl) are recorded too.
WildVerifyGoldenTests replays them."""
import concurrent.futures, datetime, json, os, re, shutil, subprocess, sys

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'testdata', 'wild-verify')
FIXED_TIME = '1767225600'  # 2026-01-01T00:00:00Z


def import_openssl(src):
    recipe = open(os.path.join(src, 'test', 'recipes', '25-test_verify.t')).read()
    cases, files = [], set()
    for n, m in enumerate(re.finditer(r'ok\((!?)verify\(((?:[^()]|\([^()]*\))*)\)', recipe)):
        args = m.group(2)
        # "cert", "purpose", [trusted], [untrusted], "opt"...: only literal calls (no @prov, no variables)
        lists = re.findall(r'\[(?:qw\(([^)]*)\)|([^\]]*))\]', args)
        head = re.match(r'\s*"([^"]+)"\s*,\s*"([^"]*)"\s*,', args)
        if not head or len(lists) != 2 or '@' in args or '$' in args:
            continue
        rest = args[args.rindex(']') + 1:]
        opts = re.findall(r'"([^"]*)"', rest)
        def names(group):
            qw, plain = group
            return qw.split() if qw else re.findall(r'"([^"]+)"', plain)
        trusted, untrusted = names(lists[0]), names(lists[1])
        cert, purpose = head.group(1), head.group(2)
        # some inputs are made while the recipe runs (not in test/certs): those cases are left out
        if not all(os.path.exists(os.path.join(src, 'test', 'certs', f + '.pem')) for f in trusted + untrusted + [cert]):
            continue
        cmd = ['verify', '-auth_level', '1'] + (['-purpose', purpose] if purpose else []) + opts
        if '-attime' not in opts:
            cmd += ['-attime', FIXED_TIME]
        cmd += [a for t in trusted for a in ('-trusted', f'openssl/{t}.pem')]
        cmd += [a for u in untrusted for a in ('-untrusted', f'openssl/{u}.pem')]
        cmd.append(f'openssl/{cert}.pem')
        files.update(trusted + untrusted + [cert])
        cases.append((f'openssl-{n:03d}-{"fail" if m.group(1) else "ok"}-{cert}', cmd))
    os.makedirs(os.path.join(CORPUS, 'openssl'))
    for f in sorted(files):
        shutil.copy(os.path.join(src, 'test', 'certs', f + '.pem'), os.path.join(CORPUS, 'openssl', f + '.pem'))
    return cases


def import_limbo(path):
    cases = []
    for t in json.load(open(path))['testcases']:
        if t['expected_peer_names'] or t['key_usage'] or t['signature_algorithms']:
            continue
        ident = re.sub(r'[^A-Za-z0-9._-]', '_', t['id'].replace('::', '.'))
        folder = os.path.join(CORPUS, 'limbo', ident)
        os.makedirs(folder)
        def write(name, pems):
            with open(os.path.join(folder, name), 'w') as f:
                f.write(''.join(pems))
            return f'limbo/{ident}/{name}'
        cmd = ['verify']
        eku = t['extended_key_usage']
        purpose = ('sslserver' if 'serverAuth' in eku else 'sslclient' if 'clientAuth' in eku
                   else {'SERVER': 'sslserver', 'CLIENT': 'sslclient'}.get(t['validation_kind']))
        if purpose:
            cmd += ['-purpose', purpose]
        when = t['validation_time']
        cmd += ['-attime', str(int(datetime.datetime.fromisoformat(when).timestamp())) if when else FIXED_TIME]
        peer = t['expected_peer_name']
        if peer:
            cmd += [{'DNS': '-verify_hostname', 'IP': '-verify_ip', 'RFC822': '-verify_email'}[peer['kind']], peer['value']]
        if t['max_chain_depth'] is not None:
            cmd += ['-verify_depth', str(t['max_chain_depth'])]
        if t['crls']:
            cmd += ['-crl_check', '-CRLfile', write('crls.pem', t['crls'])]
        cmd += ['-trusted', write('trusted.pem', t['trusted_certs'])]
        if t['untrusted_intermediates']:
            cmd += ['-untrusted', write('untrusted.pem', t['untrusted_intermediates'])]
        cmd.append(write('leaf.pem', [t['peer_certificate']]))
        cases.append((f'limbo-{ident}', cmd))
    return cases


def record(name, cmd):
    p = subprocess.run(['openssl', *cmd], cwd=CORPUS, capture_output=True)
    err = b''.join(l for l in p.stderr.splitlines(keepends=True) if b':error:' not in l)
    return f'=== {name} rc={p.returncode} out={len(p.stdout)} err={len(err)} :: {" ".join(cmd)}\n'.encode() + p.stdout + err + b'\n'


def main():
    version = subprocess.run(['openssl', 'version'], capture_output=True, text=True).stdout
    if not version.startswith('OpenSSL 3.0.'):
        sys.exit('needs OpenSSL 3.0.x, found ' + version)
    cases_path = os.path.join(CORPUS, 'cases.txt')
    if sys.argv[1:2] == ['--import']:
        for d in ('openssl', 'limbo'):
            shutil.rmtree(os.path.join(CORPUS, d), ignore_errors=True)
        cases = import_openssl(sys.argv[2]) + import_limbo(sys.argv[3])
        with open(cases_path, 'w') as f:
            f.writelines(f'{name} {" ".join(cmd)}\n' for name, cmd in cases)
    # policy/cases.txt: chains made here by make-policy-chains.py
    cases = [line.split() for path in (cases_path, os.path.join(CORPUS, 'policy', 'cases.txt')) if os.path.exists(path)
             for line in open(path)]
    shutil.rmtree(os.path.join(CORPUS, 'goldens'), ignore_errors=True)
    os.makedirs(os.path.join(CORPUS, 'goldens'))
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        recorded = list(pool.map(lambda c: (c[0], record(c[0], c[1:])), cases))
    for source in sorted({name.split('-')[0] for name, _ in recorded}):
        with open(os.path.join(CORPUS, 'goldens', source + '.golden'), 'wb') as f:
            f.write(b''.join(g for name, g in recorded if name.split('-')[0] == source))
    print(f'wild-verify: {len(recorded)} cases recorded')


main()
