/*
 * <sys/features.h> for Corral programs: newlib's, plus the POSIX option macros that say what
 * Corral provides, so the declarations they guard are visible by default, as on Linux.
 *
 * newlib declares clock_gettime(), nanosleep() and CLOCK_MONOTONIC only when _POSIX_TIMERS and
 * _POSIX_MONOTONIC_CLOCK are defined, and defines them for a few systems only.
 */
#ifndef _CORRAL_SYS_FEATURES_H
#define _CORRAL_SYS_FEATURES_H

#include_next <sys/features.h>

#define _POSIX_VERSION	       200809L
#define _POSIX_TIMERS	       200809L
#define _POSIX_MONOTONIC_CLOCK 200809L

#endif /* _CORRAL_SYS_FEATURES_H */
