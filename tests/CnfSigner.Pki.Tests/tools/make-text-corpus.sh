#!/usr/bin/env bash
# Regenerates the text-dump golden corpus under ../testdata/text from the real OpenSSL 3.0.x.
#   certs/<n>.pem + certs/<n>.txt       (openssl x509 -text -noout)
#   certs/<n>.names.txt                 (subject= / issuer= lines for each -nameopt variant, "### <nameopt>" headers)
#   ca/<n>.crt                          (the file "openssl ca" writes: X509_print text + PEM)
#   reqs/<n>.csr + reqs/<n>.txt         (openssl req -text -noout)
#   crls/<n>.pem + crls/<n>.txt         (openssl crl -text -noout)
# The unknown-OID extensions avoid 1.2.3.4.5.x: openssl.cnf names those tsa_policy1-3 and "req" loads it.
# Keys and signatures are random, so a rerun changes every file; the tests only compare dumps of the committed inputs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../testdata/text"
configs="$(cd "$here/../../../configs" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$out"; mkdir -p "$out/certs" "$out/ca" "$out/reqs" "$out/crls"
cd "$work"
openssl version

dump_cert() { # name file
  cp "$2" "$out/certs/$1.pem"
  openssl x509 -in "$2" -text -noout > "$out/certs/$1.txt"
  : > "$out/certs/$1.names.txt"
  for opt in "" compat RFC2253 oneline multiline utf8 sep_comma_plus sep_comma_plus_space sep_semi_plus_space \
             sep_multiline "oneline,show_type" "RFC2253,dn_rev" "oneline,lname" "oneline,oid" "multiline,-esc_msb" \
             "oneline,-space_eq" "oneline,align,lname" "esc_2253" "esc_2254" "esc_ctrl,esc_msb" "utf8,-esc_msb" \
             "oneline,nofname" "RFC2253,-dump_der" "oneline,dump_all" "oneline,dump_der,dump_unknown" \
             "oneline,ignore_type" "oneline,-utf8" "use_quote,esc_2253"; do
    echo "### $opt" >> "$out/certs/$1.names.txt"
    if [ -z "$opt" ]; then openssl x509 -in "$2" -noout -subject -issuer >> "$out/certs/$1.names.txt"
    else openssl x509 -in "$2" -noout -subject -issuer -nameopt "$opt" >> "$out/certs/$1.names.txt"; fi
  done
}

# 1. The CockroachDB seed workflow with the repository's configs.
cp "$configs"/*.cnf .
openssl genrsa -out ca.key 2048 2>/dev/null
openssl req -new -x509 -config ca.cnf -key ca.key -out ca.crt -days 3650 -batch
openssl genrsa -out node.key 2048 2>/dev/null
openssl req -new -config node.cnf -key node.key -out node.csr -batch
openssl genrsa -out client.key 2048 2>/dev/null
openssl req -new -config client.cnf -key client.key -out client.root.csr -batch
touch index.txt; echo 01 > serial.txt; mkdir certs
openssl ca -config ca.cnf -keyfile ca.key -cert ca.crt -policy signing_policy -extensions signing_node_req \
  -out node.crt -outdir certs/ -in node.csr -batch 2>/dev/null
openssl ca -config ca.cnf -keyfile ca.key -cert ca.crt -policy signing_policy -extensions signing_client_req \
  -out client.root.crt -outdir certs/ -in client.root.csr -batch 2>/dev/null
cp node.crt client.root.crt "$out/ca/"
dump_cert ca ca.crt; dump_cert node node.crt; dump_cert client.root client.root.crt
for r in node client.root; do cp $r.csr "$out/reqs/"; openssl req -in $r.csr -text -noout > "$out/reqs/$r.txt"; done

# 2. Certificates with every extension kind and odd names, self-signed with req -x509.
cat > ext.cnf <<'EOF'
oid_section = oids
[ oids ]
[ req ]
distinguished_name = dn
[ dn ]
[ all ]
basicConstraints = critical,CA:FALSE
keyUsage = digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly,decipherOnly
extendedKeyUsage = serverAuth,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,1.2.3.4.5
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always,issuer:always
subjectAltName = @san
issuerAltName = email:ca@example.com,URI:http://ca.example.com/
crlDistributionPoints = URI:http://crl.example.com/a.crl,URI:ldap://ldap.example.com/cn=x
authorityInfoAccess = OCSP;URI:http://ocsp.example.com/,caIssuers;URI:http://ca.example.com/ca.crt
certificatePolicies = ia5org,1.2.3.4,@pol1,2.5.29.32.0
nsComment = "A comment with \"quotes\""
nsCertType = client,server,email,objsign,sslCA,emailCA,objCA
1.2.3.99.1 = ASN1:UTF8String:hello unknown
1.2.3.99.2 = critical,DER:01:02:03:ff:7e:41
[ san ]
DNS.1 = localhost
DNS.2 = *.example.io
IP.1 = 127.0.0.1
IP.2 = ::1
IP.3 = 2001:db8::8a2e:370:7334
email.1 = someone@example.com
URI.1 = https://example.com/path?q=1
RID.1 = 1.2.3.4
dirName.1 = dir_sect
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com
otherName.2 = 1.2.3.4.9;IA5STRING:other ia5
[ dir_sect ]
C = US
O = Example Org
CN = Dir Name
[ pol1 ]
policyIdentifier = 1.3.6.1.4.1.99999.1
CPS.1 = "http://cps.example.com/"
CPS.2 = "http://cps2.example.com/"
userNotice.1 = @notice1
userNotice.2 = @notice2
[ notice1 ]
explicitText = "Explicit notice text"
organization = "Example Org"
noticeNumbers = 1, 2, 3
[ notice2 ]
explicitText = "Only text"
[ nc ]
basicConstraints = critical,CA:TRUE
nameConstraints = critical,permitted;DNS:.example.com,permitted;IP:192.168.0.0/255.255.0.0,permitted;email:example.com,excluded;DNS:bad.example.com,excluded;IP:10.0.0.0/255.0.0.0,excluded;dirName:nc_dir
subjectKeyIdentifier = hash
[ nc_dir ]
O = Bad Org
[ pathlen ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ crldp_full ]
crlDistributionPoints = crldp1
[ crldp1 ]
fullname = URI:http://crl.example.com/full.crl
CRLissuer = dirName:nc_dir
reasons = keyCompromise,CACompromise
[ crldp_rel ]
crlDistributionPoints = crldp2
[ crldp2 ]
relativename = rel_dn
[ rel_dn ]
CN = relative
[ akid_dir ]
basicConstraints = CA:FALSE
authorityKeyIdentifier = keyid,issuer
[ empty_eku ]
extendedKeyUsage = 1.2.3.99
subjectAltName = DNS:only.example.com
EOF
openssl genrsa -out k.pem 2048 2>/dev/null
openssl genrsa -out k1024.pem 1024 2>/dev/null
openssl genrsa -out k4096.pem 4096 2>/dev/null
openssl genrsa -out k3.pem -3 1024 2>/dev/null
mk() { # name subject extsection extra-args...
  local n=$1 subj=$2 ext=$3; shift 3
  if [ -n "$ext" ]; then
    openssl req -new -x509 -config ext.cnf -key k.pem -utf8 -subj "$subj" -extensions "$ext" -days 30 -out "$n.pem" "$@"
  else
    openssl req -new -x509 -config ext.cnf -key k.pem -utf8 -subj "$subj" -days 30 -out "$n.pem" "$@"
  fi
  dump_cert "$n" "$n.pem"
}
mk allext "/C=US/ST=NY/L=New York/O=Cockroach, Inc./OU=a/emailAddress=x@y.z/DC=example/DC=com/UID=u1/CN=All Ext" all -set_serial 0x0102030405060708090a0b0c0d0e0f10111213
mk nc "/O=Constrained CA" nc -set_serial 1
mk pathlen "/O=Path Len/CN=CA 0" pathlen -set_serial 255
mk crldpfull "/CN=crldp full" crldp_full -set_serial 9223372036854775807
mk crldprel "/CN=crldp rel" crldp_rel -set_serial 9223372036854775808
mk neg "/CN=negative serial" empty_eku -set_serial -5
mk negbig "/CN=negative big serial" empty_eku -set_serial -0x123456789abcdef0123
mk zero "/CN=zero serial" empty_eku -set_serial 0
mk utf8 '/O=Jos\/é "q" <x>;=\\/CN=日本語 名前/OU= leading space/OU=#hash/L=trailing space /ST=a\+b,c' empty_eku -set_serial 2
mk multi "/CN=a+OU=b\/c\+x/O=Multi+L=Valued+C=DE" empty_eku -set_serial 3
mk k1024 "/CN=small key" empty_eku -set_serial 4 -key k1024.pem
mk k4096 "/CN=big key" empty_eku -set_serial 5 -key k4096.pem -sha512
mk e3 "/CN=exponent 3" empty_eku -set_serial 6 -key k3.pem -sha1
mk nsubj "/" empty_eku -set_serial 7
mk gentime "/CN=year 2050" empty_eku -set_serial 8 -days 10000
openssl req -new -x509 -config ext.cnf -key k.pem -subj "/CN=default exts" -days 30 -out defext.pem -set_serial 9
dump_cert defext defext.pem
# PrintableString / IA5String / T61String / BMPString values (string_mask and -multivalue-rdn).
openssl req -new -x509 -config ext.cnf -key k.pem -subj "/C=GB/CN=pstring/emailAddress=a@b.c" -days 30 \
  -out pstr.pem -set_serial 10 -extensions empty_eku -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 2>/dev/null \
  || openssl req -new -x509 -config ext.cnf -key k.pem -subj "/C=GB/CN=pstring/emailAddress=a@b.c" -days 30 -out pstr.pem -set_serial 10 -extensions empty_eku
dump_cert pstr pstr.pem
printf '[req]\ndistinguished_name=dn\nstring_mask=MASK:0x800\nutf8=yes\n[dn]\n' > bmp.cnf
openssl req -new -x509 -config bmp.cnf -key k.pem -subj "/CN=bmp é/O=plain" -days 30 -out bmp.pem -set_serial 11
dump_cert bmp bmp.pem
printf '[req]\ndistinguished_name=dn\nstring_mask=MASK:0x4\nutf8=yes\n[dn]\n' > t61.cnf
openssl req -new -x509 -config t61.cnf -key k.pem -subj "/CN=t61 é/O=plain" -days 30 -out t61.pem -set_serial 12
dump_cert t61 t61.pem
# EC keys.
openssl ecparam -name prime256v1 -genkey -noout -out ec.pem
openssl req -new -x509 -config ext.cnf -key ec.pem -subj "/CN=ec p256" -days 30 -out ecp256.pem -extensions pathlen -set_serial 13
dump_cert ecp256 ecp256.pem
openssl ecparam -name secp384r1 -genkey -noout -out ec384.pem
openssl req -new -x509 -config ext.cnf -key ec384.pem -subj "/CN=ec p384" -days 30 -out ecp384.pem -set_serial 14 -sha384
dump_cert ecp384 ecp384.pem
# v1 certificate: x509 -req without extensions.
openssl req -new -config ext.cnf -key k.pem -subj "/O=Cockroach/CN=V1 CA" -out v1.csr
openssl x509 -req -in v1.csr -signkey k.pem -days 30 -out v1.pem -set_serial 15 2>/dev/null
dump_cert v1 v1.pem
# A CA signing with a v1 CA: AKID with DirName + serial.
openssl x509 -req -in node.csr -CA v1.pem -CAkey k.pem -set_serial 16 -days 30 -out akiddir.pem \
  -extfile ext.cnf -extensions akid_dir 2>/dev/null
dump_cert akiddir akiddir.pem

# 3. Requests.
grep -v '^authorityKeyIdentifier = keyid:always' ext.cnf > reqext.cnf
printf '[ req ]\nprompt = no\ndistinguished_name = dn\nattributes = attrs\nreq_extensions = exts\n[ dn ]\nCN = attrs and exts\n' > reqattr.cnf
printf '[ attrs ]\nchallengePassword = secret123\nunstructuredName = An unstructured name\n' >> reqattr.cnf
printf '[ exts ]\nsubjectAltName = DNS:a.example.com\nbasicConstraints = CA:FALSE\n' >> reqattr.cnf
openssl req -new -config reqext.cnf -key k.pem -utf8 -subj "/C=US/O=Req Org/CN=req all" -reqexts all -out reqall.csr
openssl req -new -config ext.cnf -key ec.pem -subj "/CN=ec req" -out reqec.csr
openssl req -new -config reqattr.cnf -key k.pem -out reqattrs.csr
for r in reqall reqec reqattrs; do cp $r.csr "$out/reqs/"; openssl req -in $r.csr -text -noout > "$out/reqs/$r.txt"; done

# 4. CRLs from a small CA database.
mkdir crlca && cd crlca
cat > crl.cnf <<'EOF'
[ ca ]
default_ca = CA_default
[ CA_default ]
database = index.txt
serial = serial.txt
default_md = sha256
default_days = 30
default_crl_days = 7
policy = pol
unique_subject = no
[ pol ]
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ crl_ext ]
authorityKeyIdentifier = keyid:always
EOF
touch index.txt; echo 10 > serial.txt; mkdir certs
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -gencrl -out empty.crl 2>/dev/null
for i in 1 2 3 4 5; do
  openssl req -new -config crl.cnf -key ../k.pem -subj "/CN=leaf $i" -out l$i.csr
  openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -in l$i.csr -out l$i.crt -outdir certs -batch 2>/dev/null
done
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -revoke l1.crt 2>/dev/null
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -gencrl -out noreason.crl 2>/dev/null
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -revoke l2.crt -crl_reason keyCompromise 2>/dev/null
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -revoke l3.crt -crl_reason superseded 2>/dev/null
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -revoke l4.crt -crl_compromise 20200102030405Z 2>/dev/null
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -revoke l5.crt -crl_reason certificateHold 2>/dev/null \
  || openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -revoke l5.crt -crl_hold holdInstructionReject 2>/dev/null
openssl ca -config crl.cnf -keyfile ../ca.key -cert ../ca.crt -gencrl -out reasons.crl 2>/dev/null
echo 1000 > crlnumber.txt
printf 'crlnumber = crlnumber.txt\n' > num.cnf; cat crl.cnf >> num.cnf
sed -i 's/^\[ CA_default \]$/[ CA_default ]\ncrlnumber = crlnumber.txt\ncrl_extensions = crl_ext/' num.cnf
openssl ca -config num.cnf -keyfile ../ca.key -cert ../ca.crt -gencrl -crlhours 5 -out numbered.crl 2>/dev/null
for c in empty noreason reasons numbered; do
  cp $c.crl "$out/crls/$c.pem"; openssl crl -in $c.crl -text -noout > "$out/crls/$c.txt"
done
cd ..
ls -R "$out" | wc -l
