/*
 * uname: print what the system is.
 *
 *   uname [-asnrvm]
 *
 *   -s  the kernel's name ("Corral"; the default)   -n  the machine's network name
 *   -r  the kernel's release                         -v  the kernel's version (build)
 *   -m  the hardware ("x86_64")                      -a  all of these, in that order
 *
 * The fields asked for are printed in the order above, separated by spaces.
 */
#include <cmd.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct utsname u;
	const char *fields[5];
	int want[5] = {0}, any = 0, c, i, printed = 0;
	static const char letters[] = "snrvm";

	cmd_init("uname", "uname [-asnrvm]");
	while ((c = cmd_getopt(argc, argv, "asnrvm")) != -1) {
		for (i = 0; i < 5; i++)
			want[i] |= c == 'a' || c == letters[i];
		any = 1;
	}
	if (optind != argc)
		cmd_usage();
	if (!any)
		want[0] = 1;
	if (uname(&u) < 0)
		return cmd_error("uname");
	fields[0] = u.sysname;
	fields[1] = u.nodename;
	fields[2] = u.release;
	fields[3] = u.version;
	fields[4] = u.machine;
	for (i = 0; i < 5; i++)
		if (want[i])
			printf("%s%s", printed++ ? " " : "", fields[i]);
	putchar('\n');
	return 0;
}
