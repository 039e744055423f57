/* confdump: load a config file with OpenSSL's NCONF reader and dump what it stored, as golden data for
 * CnfSigner's config tests. Build: cc confdump.c -lcrypto -o confdump. Usage: confdump FILE.
 * Success: "[section]" then "name=value" lines in stored order (NCONF_get_section), sections sorted by
 * name (the library keeps them in a hash, so it has no order of its own). Failure: "error line=N",
 * "func=...", "reason=...", "data=..." from the last queued error, the trailing "line N" removed.
 * Bytes outside 0x20..0x7e, and '\' and '=', are written as \xHH so the dump stays line-based. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/conf.h>
#include <openssl/err.h>

static void put(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7e || *p == '\\' || *p == '=') printf("\\x%02x", *p);
        else putchar(*p);
}

static int by_name(const char *const *a, const char *const *b) { return strcmp(*a, *b); }

int main(int argc, char **argv)
{
    CONF *conf = NCONF_new(NULL);
    long eline = 0;
    if (argc != 2 || conf == NULL) return 2;
    if (NCONF_load(conf, argv[1], &eline) <= 0) {
        const char *func = "", *data = "";
        int flags = 0;
        unsigned long e = ERR_peek_last_error_all(NULL, NULL, &func, &data, &flags);
        char suffix[32], *copy = strdup(data);
        size_t n = strlen(copy), m = (size_t)snprintf(suffix, sizeof suffix, "line %ld", eline);
        printf("error line=%ld\nfunc=%s\nreason=%s\ndata=", eline, func, ERR_reason_error_string(e));
        if (n >= m && strcmp(copy + n - m, suffix) == 0) copy[n - m] = '\0';
        put(copy);
        free(copy);
        printf("\n");
        return 1;
    }
    STACK_OF(OPENSSL_CSTRING) *names = NCONF_get_section_names(conf);
    sk_OPENSSL_CSTRING_set_cmp_func(names, by_name);
    sk_OPENSSL_CSTRING_sort(names);
    for (int i = 0; i < sk_OPENSSL_CSTRING_num(names); i++) {
        const char *name = sk_OPENSSL_CSTRING_value(names, i);
        STACK_OF(CONF_VALUE) *values = NCONF_get_section(conf, name);
        printf("[");
        put(name);
        printf("]\n");
        for (int j = 0; j < sk_CONF_VALUE_num(values); j++) {
            CONF_VALUE *v = sk_CONF_VALUE_value(values, j);
            put(v->name);
            printf("=");
            put(v->value);
            printf("\n");
        }
    }
    sk_OPENSSL_CSTRING_free(names);
    NCONF_free(conf);
    return 0;
}
