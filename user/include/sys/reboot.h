/*
 * <sys/reboot.h> for Corral programs: reboot(), as Linux's C library has it.
 *
 * The system call itself also takes two magic numbers, which reboot() supplies; the command
 * values are the kernel's LINUX_REBOOT_CMD_*.
 */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#ifdef __cplusplus
extern "C" {
#endif

#define RB_AUTOBOOT    0x01234567 /* Restart the machine */
#define RB_HALT_SYSTEM 0xcdef0123 /* Halt */
#define RB_ENABLE_CAD  0x89abcdef /* Ctrl-Alt-Del reboots */
#define RB_DISABLE_CAD 0	  /* Ctrl-Alt-Del sends SIGINT to init */
#define RB_POWER_OFF   0x4321fedc /* Power off */
#define RB_SW_SUSPEND  0xd000fce2 /* Suspend to disk */
#define RB_KEXEC       0x45584543 /* Start a loaded kernel */

int reboot(int __howto);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_REBOOT_H */
