# Adversarial encrypted keys: the key-derivation parameters of openssl-made PKCS#8 files (pass phrase "test-pass")
# raised until deriving would take gigabytes (scrypt) or most of an hour (PBKDF2). Run from this folder.
import base64, re
def read(path):
    pem = open(path).read()
    return base64.b64decode(''.join(l for l in pem.splitlines() if not l.startswith('-----')))
def parse(b, i=0):
    tag, l, j = b[i], b[i + 1], i + 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[j:j + n], 'big'); j += n
    return tag, b[j:j + l], j + l
def tree(b):
    out, i = [], 0
    while i < len(b):
        t, c, i = parse(b, i)
        out.append([t, tree(c) if t in (0x30, 0x31) else c])
    return out
def enc(tag, content):
    l = len(content)
    h = bytes([l]) if l < 128 else bytes([0x80 | ((l.bit_length() + 7) // 8)]) + l.to_bytes((l.bit_length() + 7) // 8, 'big')
    return bytes([tag]) + h + content
def build(n):
    return b''.join(enc(t, build(c) if t in (0x30, 0x31) else c) for t, c in n)
def write(path, der):
    body = '\n'.join(re.findall('.{1,64}', base64.b64encode(der).decode()))
    open(path, 'w').write(f'-----BEGIN ENCRYPTED PRIVATE KEY-----\n{body}\n-----END ENCRYPTED PRIVATE KEY-----\n')
seeds = '../../CnfSigner.Fuzz/seeds/key/'
# EncryptedPrivateKeyInfo / AlgorithmIdentifier / PBES2-params / keyDerivationFunc / parameters
t = tree(read(seeds + 'ec-scrypt.pem'))
scrypt = t[0][1][0][1][1][1][0][1][1][1]
scrypt[1][1] = (1 << 24).to_bytes(4, 'big'); scrypt[2][1] = bytes([8])   # N = 2^24, r = 8: 16 GiB
write('hardening/scrypt-bomb.pem', build(t))
t = tree(read(seeds + 'ec-pbes2.pem'))
pbkdf2 = t[0][1][0][1][1][1][0][1][1][1]
pbkdf2[1][1] = (2**31 - 1).to_bytes(4, 'big')                             # 2^31 - 1 iterations
write('hardening/pbkdf2-bomb.pem', build(t))
