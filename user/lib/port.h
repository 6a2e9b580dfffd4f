/*
 * Declarations shared by the files of the port in user/lib, and nothing a program needs.
 */
#ifndef CORRAL_USER_PORT_H
#define CORRAL_USER_PORT_H

/* sigreturn.S: the code a signal handler returns to */
void __restore_rt(void);

/* Linux's reboot(2) refuses a call without these two magic numbers. */
#define LINUX_REBOOT_MAGIC1 0xfee1deadUL
#define LINUX_REBOOT_MAGIC2 672274793UL

#endif /* CORRAL_USER_PORT_H */
