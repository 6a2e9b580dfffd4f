/*
 * <sched.h> for Corral programs: newlib's, plus sched_yield(), which Linux declares
 * unconditionally and newlib only with the POSIX thread or priority-scheduling options.
 */
#ifndef _CORRAL_SCHED_H
#define _CORRAL_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

int sched_yield(void);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_SCHED_H */
