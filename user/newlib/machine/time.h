/*
 * Corral's <machine/time.h> for newlib: the unit of clock().
 *
 * newlib's clock() returns the sum of the times(2) fields as they come from the kernel, so
 * CLOCKS_PER_SEC must be the unit times(2) counts in: Linux's USER_HZ, 100 ticks a second (also
 * what CLK_TCK and sysconf(_SC_CLK_TCK) say).  Copied into newlib's x86_64 machine directory
 * when newlib is built (scripts/newlib.sh).
 */
#ifndef _MACHTIME_H_
#define _MACHTIME_H_

#define _CLOCKS_PER_SEC_ 100

#endif /* _MACHTIME_H_ */
