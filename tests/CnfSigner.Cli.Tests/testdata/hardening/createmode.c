/* LD_PRELOAD shim for the secrets tests: logs every file creation (open/openat with O_CREAT) with the mode the
 * process asks for and its umask, and every chmod, to $CREATEMODE_LOG, one line each:
 *   create <mode octal> <umask octal> <path>      chmod <mode octal> <path or fd:N>
 * The kernel gives a created file (mode & ~umask) at creation, so these lines prove, without racing the process,
 * which permissions a file ever had. Built by the test with cc; tests skip where no C compiler is installed. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void note(const char *what, mode_t mode, int with_umask, const char *path, int fd)
{
    const char *log = getenv("CREATEMODE_LOG");
    if (!log) return;
    mode_t mask = umask(0); umask(mask);
    int out = ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(log, O_WRONLY | O_APPEND | O_CREAT, 0600);
    if (out < 0) return;
    char line[4200];
    int n = path ? snprintf(line, sizeof line, "%s %o %o %s\n", what, mode, with_umask ? mask : 0, path)
                 : snprintf(line, sizeof line, "%s %o %o fd:%d\n", what, mode, with_umask ? mask : 0, fd);
    if (n > 0) write(out, line, n > (int)sizeof line ? (int)sizeof line : n);
    close(out);
}

#define OPEN_WRAPPER(name, ...)                                                                   \
    int name(__VA_ARGS__, int flags, ...)                                                          \
    {                                                                                              \
        mode_t mode = 0;                                                                           \
        if (flags & (O_CREAT | O_TMPFILE)) { va_list ap; va_start(ap, flags); mode = va_arg(ap, mode_t); va_end(ap); }

OPEN_WRAPPER(open, const char *path)
    if (flags & O_CREAT) note("create", mode, 1, path, -1);
    return ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"))(path, flags, mode);
}
OPEN_WRAPPER(open64, const char *path)
    if (flags & O_CREAT) note("create", mode, 1, path, -1);
    return ((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open64"))(path, flags, mode);
}
OPEN_WRAPPER(openat, int dir, const char *path)
    if (flags & O_CREAT) note("create", mode, 1, path, -1);
    return ((int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat"))(dir, path, flags, mode);
}
OPEN_WRAPPER(openat64, int dir, const char *path)
    if (flags & O_CREAT) note("create", mode, 1, path, -1);
    return ((int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, "openat64"))(dir, path, flags, mode);
}

int chmod(const char *path, mode_t mode)
{
    note("chmod", mode, 0, path, -1);
    return ((int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "chmod"))(path, mode);
}

int fchmod(int fd, mode_t mode)
{
    note("chmod", mode, 0, NULL, fd);
    return ((int (*)(int, mode_t))dlsym(RTLD_NEXT, "fchmod"))(fd, mode);
}

int fchmodat(int dir, const char *path, mode_t mode, int flags)
{
    note("chmod", mode, 0, path, -1);
    return ((int (*)(int, const char *, mode_t, int))dlsym(RTLD_NEXT, "fchmodat"))(dir, path, mode, flags);
}
