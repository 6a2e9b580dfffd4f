/*
 * <unistd.h> for Corral programs: newlib's, plus two calls Linux's C library declares here:
 * syscall(), which makes any system call by number (the SYS_* names are in <sys/syscall.h>),
 * and pipe2(), pipe() with flags (O_CLOEXEC, O_NONBLOCK).
 */
#ifndef _CORRAL_UNISTD_H
#define _CORRAL_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

long syscall(long __number, ...);
int pipe2(int __fds[2], int __flags);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_UNISTD_H */
