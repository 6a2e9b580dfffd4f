/*
 * arch_prctl(2)'s codes, with Linux's x86_64 values (the call exists on x86_64 only).
 */
#ifndef ARCH_PRCTL_H
#define ARCH_PRCTL_H

#define ARCH_SET_FS 0x1002 /* set the FS base: the thread pointer of thread-local storage */
#define ARCH_GET_FS 0x1003 /* read it back */

#endif
