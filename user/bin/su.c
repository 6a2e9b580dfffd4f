/*
 * su: run a shell, or one command, as another user.
 *
 *   su [- | -l] [USER] [-c COMMAND]
 *
 * USER (root when none is named) is looked up in /etc/passwd; su takes on its groups (its
 * login group and those /etc/group lists it in), then its group id, then its user id, in that
 * order: once the user id is given up, the others could no longer be changed.  It sets HOME
 * and SHELL, and USER and LOGNAME, then runs the user's shell, or "SHELL -c COMMAND".  With
 * "-" or -l it starts as a login would: a clean environment (TERM kept, a default PATH) in
 * the user's home directory.
 *
 * Corral keeps no passwords, so only root may use su; anyone else gets EPERM's message.
 */
#include <cmd.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 64
#define LOGIN_PATH "/sbin:/bin:/usr/sbin:/usr/bin"

static int login;	     /* - or -l */
static const char *command; /* -c */
static const char *user = "root";

/* The options may come before or after USER, as with util-linux's su. */
static void parse_arguments(int argc, char **argv)
{
	int have_user = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 || strcmp(argv[i], "-l") == 0) {
			login = 1;
		} else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			command = argv[++i];
		} else if (argv[i][0] == '-' || have_user) {
			cmd_usage();
		} else {
			user = argv[i];
			have_user = 1;
		}
	}
}

/* Give up root for pw's groups, group and user; 0, or -1 with a message. */
static int become(const struct passwd *pw)
{
	gid_t groups[MAX_GROUPS];
	int ngroups = MAX_GROUPS;

	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &ngroups) < 0)
		ngroups = MAX_GROUPS;
	if (setgroups(ngroups, groups) < 0)
		return cmd_error("setgroups"), -1;
	if (setgid(pw->pw_gid) < 0)
		return cmd_error("setgid"), -1;
	if (setuid(pw->pw_uid) < 0)
		return cmd_error("setuid"), -1;
	return 0;
}

extern char **environ;
static char *empty_environment[] = { NULL };

static void set_environment(const struct passwd *pw, const char *shell)
{
	if (login) {
		const char *term = getenv("TERM");
		char *kept = term ? strdup(term) : NULL;

		environ = empty_environment; /* newlib has no clearenv() */
		if (kept)
			setenv("TERM", kept, 1);
		setenv("PATH", LOGIN_PATH, 1);
		free(kept);
	}
	setenv("HOME", pw->pw_dir, 1);
	setenv("SHELL", shell, 1);
	setenv("USER", pw->pw_name, 1);
	setenv("LOGNAME", pw->pw_name, 1);
}

int main(int argc, char **argv)
{
	struct passwd *pw;
	const char *shell;

	cmd_init("su", "su [- | -l] [USER] [-c COMMAND]");
	parse_arguments(argc, argv);
	if (geteuid() != 0) {
		cmd_message("only root may use su (Corral keeps no passwords): %s", strerror(EPERM));
		return CMD_EXIT_FAILURE;
	}
	pw = getpwnam(user);
	if (!pw) {
		cmd_message("user '%s' does not exist", user);
		return CMD_EXIT_FAILURE;
	}
	shell = pw->pw_shell && pw->pw_shell[0] ? pw->pw_shell : "/bin/sh";
	if (become(pw) < 0)
		return CMD_EXIT_FAILURE;
	set_environment(pw, shell);
	if (login && chdir(pw->pw_dir) < 0)
		cmd_error(pw->pw_dir);
	if (command)
		execl(shell, login ? "-sh" : "sh", "-c", command, (char *)NULL);
	else
		execl(shell, login ? "-sh" : "sh", (char *)NULL);
	cmd_error(shell);
	return 126;
}
