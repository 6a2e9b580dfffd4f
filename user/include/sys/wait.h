/*
 * <sys/wait.h> for Corral programs: newlib's (whose status macros already decode Linux's
 * encoding), plus wait4(), WCOREDUMP and the waitid() option bits of Linux.
 *
 * A wait status, as the kernel stores it: bits 0-6 the terminating signal (0: exited, 0x7f:
 * stopped), bit 7 set if a core was dumped, bits 8-15 the exit code or the stopping signal;
 * 0xffff means continued.
 */
#ifndef _CORRAL_SYS_WAIT_H
#define _CORRAL_SYS_WAIT_H

#include_next <sys/wait.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WSTOPPED   2	      /* waitid(): report stopped children */
#define WEXITED	   4	      /* waitid(): report exited children */
#define WCONTINUED 8	      /* Report continued children */
#define WNOWAIT	   0x01000000 /* Leave the child waitable */

#define WCOREDUMP(w)	     ((w)&0x80)
#define WIFCONTINUED(w)	     ((w) == 0xffff)
#define W_EXITCODE(ret, sig) ((ret) << 8 | (sig))
#define W_STOPCODE(sig)	     ((sig) << 8 | 0x7f)

struct rusage;
pid_t wait4(pid_t, int *, int, struct rusage *);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_SYS_WAIT_H */
