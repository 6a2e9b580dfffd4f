/*
 * <unistd.h> for Corral programs: newlib's, plus the calls Linux's C library declares here:
 * syscall(), which makes any system call by number (the SYS_* names are in <sys/syscall.h>);
 * pipe2(), pipe() with flags (O_CLOEXEC, O_NONBLOCK); and setresuid(), setresgid(),
 * getresuid() and getresgid(), which set or read the real, effective and saved ids at once
 * (glibc shows them with _GNU_SOURCE; here they are always declared).
 */
#ifndef _CORRAL_UNISTD_H
#define _CORRAL_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

long syscall(long __number, ...);
int pipe2(int __fds[2], int __flags);
int setresuid(uid_t __ruid, uid_t __euid, uid_t __suid);
int setresgid(gid_t __rgid, gid_t __egid, gid_t __sgid);
int getresuid(uid_t *__ruid, uid_t *__euid, uid_t *__suid);
int getresgid(gid_t *__rgid, gid_t *__egid, gid_t *__sgid);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_UNISTD_H */
