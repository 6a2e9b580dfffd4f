/*
 * Corral's <machine/_types.h> for newlib: the widths of the system types, set to those of Linux
 * on x86_64, so that every structure the kernel reads or writes (struct stat, struct tms,
 * siginfo_t ...) has the kernel's layout.
 *
 * newlib's <sys/_types.h> gives each type a default unless this file defines
 * __machine_<type>_defined first; the defaults (16-bit dev_t, ino_t, uid_t ...) suit small
 * embedded boards.  The file is copied into newlib's x86_64 machine directory when newlib is
 * built (scripts/newlib.sh), so the library is compiled with these widths too.
 *
 * nlink_t has no such hook and stays 16 bits: struct stat declares st_nlink with Linux's width
 * itself.
 */
#ifndef _MACHINE__TYPES_H
#define _MACHINE__TYPES_H

#include <machine/_default_types.h>

#define __machine_dev_t_defined
typedef unsigned long __dev_t;

#define __machine_ino_t_defined
typedef unsigned long __ino_t;

#define __machine_uid_t_defined
typedef unsigned int __uid_t;

#define __machine_gid_t_defined
typedef unsigned int __gid_t;

#define __machine_clock_t_defined
#define _CLOCK_T_ long

#define __machine_clockid_t_defined
#define _CLOCKID_T_ int

#endif /* _MACHINE__TYPES_H */
