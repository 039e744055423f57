#!/usr/bin/env python3
"""Makes testdata/wild-verify/policy: certificate chains root -> ca1 -> ca2 -> leaf built with the real openssl to
exercise the RFC 5280 policy tree (certificatePolicies with qualifiers, policyMappings, policyConstraints,
inhibitAnyPolicy, invalid policy extensions), and policy/cases.txt: each chain under -policy_check, -explicit_policy,
-policy (repeated, named, anyPolicy), -inhibit_any, -inhibit_map, all with -policy_print; plus proxy certificate
cases over OpenSSL's test/certs (openssl/) with the untrusted certificates in one file. Keys are fresh EC P-256
keys each run, so the chains are the corpus; record-wild-verify-goldens.py records what openssl says of them."""
import os, shutil, subprocess, tempfile

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'testdata', 'wild-verify')
OUT = os.path.join(CORPUS, 'policy')
AT = '1798761600'  # 2027-01-01T00:00:00Z, inside the chains' validity
P1, P2, P3, P10, P11 = '1.2.3.1', '1.2.3.2', '1.2.3.3', '1.2.3.10', '1.2.3.11'
CA = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
QUALIFIERS = f'''certificatePolicies=critical,@pol1,{P2}
[pol1]
policyIdentifier={P1}
CPS.1="http://cps.example/one"
userNotice.1=@notice
[notice]
explicitText="Only for tests"
organization="Example Org"
noticeNumbers=1,2
'''
ANY_QUALIFIED = '''certificatePolicies=@anypol
[anypol]
policyIdentifier=anyPolicy
CPS.1="http://cps.example/any"
'''

# name: (ca1 extensions, ca2 extensions, leaf extensions)
SCENARIOS = {
    'same': (f'certificatePolicies={P1}', f'certificatePolicies={P1}', f'certificatePolicies={P1}'),
    'leaf-other': (f'certificatePolicies={P1}', f'certificatePolicies={P1}', f'certificatePolicies={P2}'),
    'ca-any': ('certificatePolicies=anyPolicy', 'certificatePolicies=anyPolicy', f'certificatePolicies={P1}'),
    'any-then-two': ('certificatePolicies=anyPolicy', f'certificatePolicies={P1},{P2}', f'certificatePolicies={P2}'),
    'leaf-any': (f'certificatePolicies={P1},{P2}', f'certificatePolicies={P2},{P1}', 'certificatePolicies=anyPolicy'),
    'all-any': ('certificatePolicies=anyPolicy', 'certificatePolicies=anyPolicy', 'certificatePolicies=anyPolicy'),
    'order': (f'certificatePolicies={P10},{P3},{P1},anyPolicy,{P2}', f'certificatePolicies=anyPolicy,{P11},{P2},{P10}',
              f'certificatePolicies={P2},{P11},{P10},{P3}'),
    'map': (f'certificatePolicies={P1}\npolicyMappings={P1}:{P10}', f'certificatePolicies={P10}', f'certificatePolicies={P10}'),
    'map-any': (f'certificatePolicies=anyPolicy\npolicyMappings={P1}:{P10}', f'certificatePolicies={P10}',
                f'certificatePolicies={P10}'),
    'map-two': (f'certificatePolicies={P1}\npolicyMappings={P1}:{P10},{P1}:{P11}', f'certificatePolicies={P10},{P11}',
                f'certificatePolicies={P11}'),
    'map-unmatched': (f'certificatePolicies={P1},{P2}\npolicyMappings={P1}:{P10},{P1}:{P11}', 'certificatePolicies=anyPolicy',
                      f'certificatePolicies={P11},{P2}'),
    'map-inhibited': (f'certificatePolicies={P1}\npolicyConstraints=inhibitPolicyMapping:0',
                      f'certificatePolicies={P1}\npolicyMappings={P1}:{P10}', f'certificatePolicies={P10}'),
    'map-inhibited-later': (f'certificatePolicies={P1},{P10}\npolicyConstraints=inhibitPolicyMapping:1',
                            f'certificatePolicies={P1}\npolicyMappings={P1}:{P10}', f'certificatePolicies={P10}'),
    'require-0': (f'certificatePolicies={P1}\npolicyConstraints=requireExplicitPolicy:0', f'certificatePolicies={P1}', ''),
    'require-1': (f'certificatePolicies={P1}\npolicyConstraints=requireExplicitPolicy:1', '', f'certificatePolicies={P1}'),
    'require-2': ('policyConstraints=requireExplicitPolicy:2', f'certificatePolicies={P1}', ''),
    'inhibit-any-0': ('certificatePolicies=anyPolicy\ninhibitAnyPolicy=0', 'certificatePolicies=anyPolicy',
                      f'certificatePolicies={P1}'),
    'inhibit-any-1': ('certificatePolicies=anyPolicy\ninhibitAnyPolicy=1', 'certificatePolicies=anyPolicy',
                      f'certificatePolicies={P1}'),
    'no-ca-policies': ('', f'certificatePolicies={P1}', f'certificatePolicies={P1}'),
    'qualifiers': (QUALIFIERS, QUALIFIERS, f'certificatePolicies=critical,{P1}'),
    'any-qualifiers': (ANY_QUALIFIED, ANY_QUALIFIED, f'certificatePolicies={P1}'),
    'bad-duplicate': (f'certificatePolicies={P1}', f'certificatePolicies={P1},{P2},{P1}', f'certificatePolicies={P1}'),
    'bad-map-any': (f'certificatePolicies={P1}\npolicyMappings={P1}:anyPolicy', f'certificatePolicies={P1}',
                    f'certificatePolicies={P1}'),
    'bad-constraints-empty': (f'certificatePolicies={P1}\npolicyConstraints=DER:30:00', f'certificatePolicies={P1}',
                              f'certificatePolicies={P1}'),
    # every one of 40 policies mapped to each of 40 others: 1,600 nodes at the next level, over OpenSSL's 1,000
    'too-many-nodes': ('certificatePolicies=' + ','.join(f'1.2.4.{i}' for i in range(40)) + '\npolicyMappings='
                       + ','.join(f'1.2.4.{i}:1.2.5.{j}' for i in range(40) for j in range(40)),
                       'certificatePolicies=' + ','.join(f'1.2.5.{j}' for j in range(40)), 'certificatePolicies=1.2.5.1'),
    'bad-leaf-duplicate-any': (f'certificatePolicies={P1}', f'certificatePolicies={P1}',
                               'certificatePolicies=anyPolicy,anyPolicy'),
}

OPTIONS = {
    'check': ['-policy_check'],
    'explicit': ['-explicit_policy'],
    'p1': ['-policy', P1],
    'p2p1-explicit': ['-policy', P2, '-policy', P1, '-explicit_policy'],
    'p10-explicit': ['-policy', P10, '-explicit_policy'],
    'any-explicit': ['-policy', 'anyPolicy', '-explicit_policy'],
    'inhibit-any': ['-inhibit_any', '-explicit_policy'],
    'inhibit-map': ['-inhibit_map', '-explicit_policy'],
}


def run(*args, cwd):
    subprocess.run(['openssl', *args], cwd=cwd, check=True, capture_output=True)


def make_chain(name, exts, tmp):
    folder = os.path.join(OUT, name)
    os.makedirs(folder)
    for role in ('root', 'ca1', 'ca2', 'leaf'):
        run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', f'{role}.key', cwd=tmp)
    run('req', '-new', '-x509', '-key', 'root.key', '-subj', '/CN=Policy Root', '-days', '36500', '-set_serial', '1',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
        '-out', os.path.join(folder, 'root.pem'), cwd=tmp)
    issuer = 'root'
    for serial, (role, cn, ext) in enumerate(zip(('ca1', 'ca2', 'leaf'), ('Policy CA 1', 'Policy CA 2', 'leaf.example'),
                                                 exts), 2):
        with open(os.path.join(tmp, f'{role}.ext'), 'w') as f:
            f.write('[v3]\n' + (CA if role != 'leaf' else 'keyUsage=critical,digitalSignature\n')
                    + 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' + ext + '\n')
        run('req', '-new', '-key', f'{role}.key', '-subj', f'/CN={cn}', '-out', f'{role}.csr', cwd=tmp)
        run('x509', '-req', '-in', f'{role}.csr', '-CA', os.path.join(folder, f'{issuer}.pem'), '-CAkey', f'{issuer}.key',
            '-set_serial', str(serial), '-days', '36500', '-extfile', f'{role}.ext', '-extensions', 'v3',
            '-out', os.path.join(folder, f'{role}.pem'), cwd=tmp)
        issuer = role
    with open(os.path.join(folder, 'untrusted.pem'), 'w') as f:
        f.write(open(os.path.join(folder, 'ca2.pem')).read() + open(os.path.join(folder, 'ca1.pem')).read())


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    cases = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, exts in SCENARIOS.items():
            make_chain(name, exts, tmp)
            for option, args in OPTIONS.items():
                cases.append((f'policy-{name}.{option}', ['verify', *args, '-policy_print', '-attime', AT,
                              '-trusted', f'policy/{name}/root.pem', '-untrusted', f'policy/{name}/untrusted.pem',
                              f'policy/{name}/leaf.pem']))
    # the option parsing: OIDs by name, anyPolicy among others, -policy_print alone, names OBJ_txt2obj refuses
    chain = ['-attime', AT, '-trusted', 'policy/same/root.pem', '-untrusted', 'policy/same/untrusted.pem', 'policy/same/leaf.pem']
    for n, args in enumerate([['-policy_print'], ['-policy', 'foo'], ['-policy', '9.1'], ['-policy', 'X509v3_Any_Policy'],
                              ['-policy', P1, '-policy', 'anyPolicy', '-policy_print'],
                              ['-policy', P2, '-policy', P3, '-inhibit_any', '-inhibit_map', '-policy_print']]):
        cases.append((f'policy-options-{n:02d}', ['verify', *args, *chain]))
    # proxy certificates (RFC 3820) over OpenSSL's test/certs, the untrusted chain in one file
    o = os.path.join(CORPUS, 'openssl')
    for out, parts in (('proxy-untrusted1.pem', ['ee-client', 'ca-cert']),
                       ('proxy-untrusted2.pem', ['pc1-cert', 'ee-client', 'ca-cert'])):
        with open(os.path.join(OUT, out), 'w') as f:
            f.write(''.join(open(os.path.join(o, p + '.pem')).read() for p in parts))
    proxy = [('pc1-cert', 1, []), ('pc1-cert', 1, ['-allow_proxy_certs']), ('pc2-cert', 2, ['-allow_proxy_certs']),
             ('bad-pc3-cert', 2, ['-allow_proxy_certs']), ('bad-pc4-cert', 2, ['-allow_proxy_certs']),
             ('pc5-cert', 2, ['-allow_proxy_certs']), ('pc2-cert', 2, ['-allow_proxy_certs', '-show_chain']),
             ('pc2-cert', 2, ['-allow_proxy_certs', '-x509_strict']), ('pc2-cert', 2, ['-allow_proxy_certs', '-crl_check']),
             ('pc2-cert', 2, ['-allow_proxy_certs', '-policy_check', '-policy_print']),
             ('pc2-cert', 2, ['-allow_proxy_certs', '-purpose', 'sslserver']),
             ('pc2-cert', 1, ['-allow_proxy_certs'])]
    for n, (cert, untrusted, args) in enumerate(proxy):
        cases.append((f'policy-proxy-{n:02d}-{cert}', ['verify', *args, '-attime', '1767225600', '-trusted',
                      'openssl/root-cert.pem', '-untrusted', f'policy/proxy-untrusted{untrusted}.pem', f'openssl/{cert}.pem']))
    with open(os.path.join(OUT, 'cases.txt'), 'w') as f:
        f.writelines(f'{name} {" ".join(cmd)}\n' for name, cmd in cases)
    print(f'policy: {len(SCENARIOS)} chains, {len(cases)} cases')


main()
