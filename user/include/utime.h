/*
 * <utime.h> for Corral programs: newlib's struct utimbuf, and the utime() call it leaves out,
 * which sets a file's access and modification times in whole seconds (over utimensat(2)).
 */
#ifndef _CORRAL_UTIME_H
#define _CORRAL_UTIME_H

#include_next <utime.h>

#ifdef __cplusplus
extern "C" {
#endif

int utime(const char *__path, const struct utimbuf *__times);

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_UTIME_H */
