/*
 * <unistd.h> for Corral programs: newlib's, plus syscall(), which Linux's C library declares
 * here: it makes any system call by number (the SYS_* names are in <sys/syscall.h>).
 */
#ifndef _CORRAL_UNISTD_H
#define _CORRAL_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

long syscall(long __number, ...);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_UNISTD_H */
