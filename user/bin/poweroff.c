/*
 * poweroff: switch the machine off.
 *
 *   poweroff [STATUS]
 *
 * Calls reboot(2) with LINUX_REBOOT_CMD_POWER_OFF.  Corral takes the low byte of the call's
 * fourth argument as the status the machine powers off with (0 by default, 0..255), which
 * QEMU reports as its own exit status under tests/boot; Linux ignores it.  Only root may
 * power off ("poweroff: reboot: Operation not permitted" otherwise).
 */
#include <cmd.h>
#include <stdio.h>
#include <sys/syscall.h>

/* From Linux's <linux/reboot.h>: the call wants two magic numbers before the command. */
#define LINUX_REBOOT_MAGIC1	   0xfee1deadUL
#define LINUX_REBOOT_MAGIC2	   672274793UL
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcUL

int main(int argc, char **argv)
{
	long status = 0;

	cmd_init("poweroff", "poweroff [STATUS]");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (argc - optind > 1)
		cmd_usage();
	if (optind < argc && cmd_number(argv[optind], 0, 255, &status) < 0)
		cmd_usage();
	sync();
	fflush(NULL);
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF,
		status);
	return cmd_error("reboot");
}
