/*
 * <grp.h> for Corral programs: newlib's, whose functions read /etc/group (user/lib/passwd.c),
 * plus what Linux's C library adds here: setgroups(), which sets the caller's supplementary
 * groups (root only; its prototype is newlib's, as <unistd.h> declares it too), and
 * getgrouplist(), the groups a user belongs to.
 */
#ifndef _CORRAL_GRP_H
#define _CORRAL_GRP_H

#include_next <grp.h>

#ifdef __cplusplus
extern "C" {
#endif

int setgroups(int __size, const gid_t *__list);
#if __MISC_VISIBLE
int getgrouplist(const char *__user, gid_t __group, gid_t *__groups, int *__ngroups);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_GRP_H */
