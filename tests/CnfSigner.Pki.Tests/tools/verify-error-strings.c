/* Prints X509_verify_cert_error_string(0..95) of the installed libcrypto: the source of VerifyErrors.Texts.
   gcc verify-error-strings.c -o errs -lcrypto && ./errs */
#include <stdio.h>
#include <openssl/x509.h>
int main(void){ for(int i=0;i<=95;i++) printf("%d\t%s\n", i, X509_verify_cert_error_string(i)); return 0; }
