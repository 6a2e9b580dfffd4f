/*
 * syslog(2)'s actions (klogctl() in C libraries), with Linux's x86_64 values.
 */
#ifndef KERNEL_SYSLOG_H
#define KERNEL_SYSLOG_H

#define SYSLOG_ACTION_CLOSE	  0
#define SYSLOG_ACTION_OPEN	  1
#define SYSLOG_ACTION_READ	  2 /* read and consume (Corral: EINVAL) */
#define SYSLOG_ACTION_READ_ALL	  3 /* read the newest bytes, leaving the log as it is */
#define SYSLOG_ACTION_READ_CLEAR  4 /* read them, then clear the log */
#define SYSLOG_ACTION_CLEAR	  5
#define SYSLOG_ACTION_SIZE_BUFFER 10

#endif
