/*
 * <grp.h> for Corral programs: newlib's (struct group, getgrnam() ...), plus setgroups(),
 * which sets the caller's supplementary groups (root only) and which Linux's C library
 * declares here.  Its prototype is newlib's, as <unistd.h> declares it too.
 */
#ifndef _CORRAL_GRP_H
#define _CORRAL_GRP_H

#include_next <grp.h>

#ifdef __cplusplus
extern "C" {
#endif

int setgroups(int __size, const gid_t *__list);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_GRP_H */
