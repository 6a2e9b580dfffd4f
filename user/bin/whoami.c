/*
 * whoami: print the name of the effective user (its number if /etc/passwd has no name).
 *
 *   whoami
 */
#include <cmd.h>
#include <pwd.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	uid_t uid;
	struct passwd *pw;

	cmd_init("whoami", "whoami");
	if (cmd_getopt(argc, argv, "") != -1 || optind < argc)
		cmd_usage();
	uid = geteuid();
	pw = getpwuid(uid);
	if (pw)
		puts(pw->pw_name);
	else
		printf("%u\n", (unsigned int)uid);
	return 0;
}
