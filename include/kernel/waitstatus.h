/*
 * wait4(2)'s options and the status word it reports, with Linux's x86_64 values and encoding:
 * a C library's WIFEXITED() and friends read the word as the kernel writes it.
 */
#ifndef KERNEL_WAITSTATUS_H
#define KERNEL_WAITSTATUS_H

/*
 * The status word: the exit code in bits 15..8, or the killing signal in bits 6..0; for a
 * stop (WUNTRACED) the stopping signal in bits 15..8 over 0x7f, for a continue (WCONTINUED)
 * 0xffff.
 */
#define W_EXITCODE(code, sig) (((code)&0xff) << 8 | (sig))
#define W_STOPCODE(sig)	      ((sig) << 8 | 0x7f)
#define W_CONTINUED	      0xffff
#define W_EXITED(status)      (((status)&0x7f) == 0)
#define W_EXITSTATUS(status)  (((status) >> 8) & 0xff)
#define W_TERMSIG(status)     ((status)&0x7f)

/* options */
#define WNOHANG	   0x00000001 /* return 0 at once if no child has changed state */
#define WUNTRACED  0x00000002 /* also report stopped children */
#define WCONTINUED 0x00000008 /* also report children continued by SIGCONT */
#define __WALL	   0x40000000 /* wait for every child, clone or not */

#endif
