/*
 * reboot(2)'s magic numbers and commands, with Linux's x86_64 values.  The two magic numbers
 * guard against a stray call: the first is fixed, the second one of four dates.
 */
#ifndef KERNEL_REBOOT_H
#define KERNEL_REBOOT_H

#define LINUX_REBOOT_MAGIC1  0xfee1dead
#define LINUX_REBOOT_MAGIC2  672274793 /* 0x28121969 */
#define LINUX_REBOOT_MAGIC2A 85072278  /* 0x05121996 */
#define LINUX_REBOOT_MAGIC2B 369367448 /* 0x16041998 */
#define LINUX_REBOOT_MAGIC2C 537993216 /* 0x20112000 */

#define LINUX_REBOOT_CMD_CAD_OFF   0x00000000 /* Ctrl-Alt-Del sends SIGINT to init */
#define LINUX_REBOOT_CMD_CAD_ON	   0x89abcdef /* Ctrl-Alt-Del restarts at once */
#define LINUX_REBOOT_CMD_HALT	   0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

#endif
