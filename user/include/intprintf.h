/*
 * <intprintf.h>: the printf family without floating point, for programs that print none.
 *
 * newlib's printf can print %f, which drags its floating-point conversion (dtoa and friends)
 * and a second full copy of the formatter into every program that calls printf, snprintf and
 * fprintf: some 35 KiB each, most of a small command.  newlib also has integer-only twins
 * (iprintf, sniprintf, fiprintf ...) that take the same formats except %f, %e and %g.  A
 * program that includes this header after <stdio.h> calls the twins under the usual names,
 * which makes the commands a third of the size and the initramfs, which GRUB must read at
 * every boot, a good deal smaller.  A program that prints floating point must not include it.
 */
#ifndef _CORRAL_INTPRINTF_H
#define _CORRAL_INTPRINTF_H

#include <stdio.h>

#define printf	  iprintf
#define fprintf	  fiprintf
#define sprintf	  siprintf
#define snprintf  sniprintf
#define vprintf	  viprintf
#define vfprintf  vfiprintf
#define vsnprintf vsniprintf
#define asprintf  asiprintf

#endif /* _CORRAL_INTPRINTF_H */
