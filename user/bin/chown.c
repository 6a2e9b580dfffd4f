/*
 * chown: change the owner and group of files.
 *
 *   chown [-R] [OWNER][:GROUP] FILE...
 *
 * OWNER and GROUP are names (from /etc/passwd and /etc/group) or numbers; "user:" is "user"
 * and its login group, ":GROUP" changes the group alone.  Only root changes the owner; a
 * file's owner may change its group to one of its own groups (EPERM otherwise).  A chown
 * takes the set-user-ID and set-group-ID bits off a file that is no directory, as on Linux.
 */
#include <cmd.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uid_t new_uid = (uid_t)-1; /* -1: leave as it is */
static gid_t new_gid = (gid_t)-1;
static int recursive; /* -R */

/* A user by name or number into *uid; its login group into *login_gid. */
static int parse_user(const char *text, uid_t *uid, gid_t *login_gid)
{
	struct passwd *pw = getpwnam(text);
	long n;

	if (pw) {
		*uid = pw->pw_uid;
		*login_gid = pw->pw_gid;
		return 0;
	}
	if (cmd_number(text, 0, 0x7fffffff, &n) < 0)
		return -1;
	*uid = (uid_t)n;
	pw = getpwuid(*uid);
	*login_gid = pw ? pw->pw_gid : (gid_t)-1;
	return 0;
}

static int parse_group(const char *text, gid_t *gid)
{
	struct group *gr = getgrnam(text);
	long n;

	if (gr) {
		*gid = gr->gr_gid;
		return 0;
	}
	if (cmd_number(text, 0, 0x7fffffff, &n) < 0)
		return -1;
	*gid = (gid_t)n;
	return 0;
}

/* OWNER, OWNER:, OWNER:GROUP or :GROUP. */
static void parse_spec(char *spec)
{
	char *colon = strchr(spec, ':');
	gid_t login_gid = (gid_t)-1;

	if (colon)
		*colon = '\0';
	if (*spec && parse_user(spec, &new_uid, &login_gid) < 0) {
		cmd_message("invalid user: '%s'", spec);
		exit(CMD_EXIT_FAILURE);
	}
	if (colon && colon[1] && parse_group(colon + 1, &new_gid) < 0) {
		cmd_message("invalid group: '%s'", colon + 1);
		exit(CMD_EXIT_FAILURE);
	}
	if (colon && !colon[1] && *spec)
		new_gid = login_gid;
	if (!*spec && !(colon && colon[1]))
		cmd_usage();
}

static int change(const char *path)
{
	struct stat st;
	int status = 0;

	if (lstat(path, &st) < 0)
		return cmd_error(path);
	if (chown(path, new_uid, new_gid) < 0)
		status = cmd_error(path);
	if (recursive && S_ISDIR(st.st_mode))
		status |= cmd_each_entry(path, change);
	return status;
}

int main(int argc, char **argv)
{
	cmd_init("chown", "chown [-R] [OWNER][:GROUP] FILE...");
	while (cmd_getopt(argc, argv, "R") != -1)
		recursive = 1;
	if (argc - optind < 2)
		cmd_usage();
	parse_spec(argv[optind++]);
	return cmd_each_operand(argc, argv, change);
}
