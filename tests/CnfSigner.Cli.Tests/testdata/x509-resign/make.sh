#!/bin/sh
# Made once with openssl 3.0.19 from ../ca/seed (run here):
set -e
S=../ca/seed
export OPENSSL_CONF=/dev/null
openssl req -x509 -new -key $S/leaf.key -subj /O=Cockroach/CN=self -days 3650 -addext subjectAltName=DNS:self.example -addext basicConstraints=critical,CA:FALSE -out self.crt
printf 'subjectAltName = DNS:node.example\nkeyUsage = critical, digitalSignature\n' > issued.ext
openssl x509 -req -in $S/node.csr -CA $S/ca.crt -CAkey $S/ca.key -set_serial 0x10 -days 3650 -extfile issued.ext -out issued.crt
rm issued.ext
openssl x509 -req -in $S/root.csr -signkey $S/leaf.key -set_serial 0x11 -days 3650 -out v1.crt
openssl genrsa 2048 | openssl pkey -pubout -out other.pub
printf 'subjectAltName = DNS:b.example\n[ other ]\nkeyUsage = critical, digitalSignature\nbasicConstraints = CA:FALSE\n[ nokeyid ]\nauthorityKeyIdentifier = none\nsubjectKeyIdentifier = none\n' > ext.cnf
