/*
 * <sys/klog.h> for Corral programs: klogctl(), the C library's name for syslog(2), which
 * reads the kernel's log (dmesg).  The actions are the kernel's SYSLOG_ACTION_* numbers:
 * 3 reads all of the log, 5 clears it (root only), 10 gives its size.
 */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

#ifdef __cplusplus
extern "C" {
#endif

int klogctl(int __type, char *__bufp, int __len);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_KLOG_H */
