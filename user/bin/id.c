/*
 * id: print a user's ids and groups.
 *
 *   id [-u | -g | -G] [-n] [-r] [USER]
 *
 * Without options: "uid=1000(user) gid=1000(user) groups=1000(user)", and euid= and egid=
 * where the effective ids differ from the real ones.  -u, -g, -G print only the user id, the
 * group id, or every group id, as numbers or with -n as names; -r prints the real ids rather
 * than the effective ones.  With USER, that user's ids from /etc/passwd and /etc/group.
 */
#include <cmd.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>

#define MAX_GROUPS 64

static char only;  /* 'u', 'g', 'G', or 0 for all */
static int names;  /* -n */
static int real;   /* -r */

/* The ids to print: a process's or a user's. */
struct ids {
	uid_t ruid, euid;
	gid_t rgid, egid;
	gid_t groups[MAX_GROUPS];
	int ngroups;
};

/* The calling process's ids; its groups are the effective gid, then the supplementary ones. */
static void ids_of_process(struct ids *ids)
{
	gid_t supplementary[MAX_GROUPS];
	int n = getgroups(MAX_GROUPS, supplementary);

	ids->ruid = getuid();
	ids->euid = geteuid();
	ids->rgid = getgid();
	ids->egid = getegid();
	ids->groups[0] = ids->egid;
	ids->ngroups = 1;
	for (int i = 0; i < n; i++) {
		if (supplementary[i] != ids->egid)
			ids->groups[ids->ngroups++] = supplementary[i];
	}
}

static int ids_of_user(const char *name, struct ids *ids)
{
	struct passwd *pw = getpwnam(name);

	if (!pw) {
		cmd_message("'%s': no such user", name);
		return -1;
	}
	ids->ruid = ids->euid = pw->pw_uid;
	ids->rgid = ids->egid = pw->pw_gid;
	ids->ngroups = MAX_GROUPS;
	if (getgrouplist(pw->pw_name, pw->pw_gid, ids->groups, &ids->ngroups) < 0)
		ids->ngroups = MAX_GROUPS;
	return 0;
}

static const char *user_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return pw ? pw->pw_name : NULL;
}

static const char *group_name(gid_t gid)
{
	struct group *gr = getgrgid(gid);

	return gr ? gr->gr_name : NULL;
}

/* "uid=1000(user)", or the number alone where there is no name. */
static void print_id(const char *label, unsigned int id, const char *name)
{
	printf("%s%u", label, id);
	if (name)
		printf("(%s)", name);
}

static void print_all(const struct ids *ids)
{
	print_id("uid=", ids->ruid, user_name(ids->ruid));
	print_id(" gid=", ids->rgid, group_name(ids->rgid));
	if (ids->euid != ids->ruid)
		print_id(" euid=", ids->euid, user_name(ids->euid));
	if (ids->egid != ids->rgid)
		print_id(" egid=", ids->egid, group_name(ids->egid));
	for (int i = 0; i < ids->ngroups; i++)
		print_id(i ? "," : " groups=", ids->groups[i], group_name(ids->groups[i]));
	putchar('\n');
}

/* One id, as a number, or with -n its name (the number where it has none). */
static void print_one(unsigned int id, const char *name)
{
	if (names && name)
		fputs(name, stdout);
	else
		printf("%u", id);
}

int main(int argc, char **argv)
{
	struct ids ids;
	int c;

	cmd_init("id", "id [-u | -g | -G] [-n] [-r] [USER]");
	while ((c = cmd_getopt(argc, argv, "ugGnr")) != -1) {
		if (c == 'n')
			names = 1;
		else if (c == 'r')
			real = 1;
		else if (only && only != c)
			cmd_usage();
		else
			only = (char)c;
	}
	if (argc - optind > 1 || ((names || real) && !only))
		cmd_usage();
	if (optind < argc) {
		if (ids_of_user(argv[optind], &ids) < 0)
			return CMD_EXIT_FAILURE;
	} else {
		ids_of_process(&ids);
	}
	if (only == 'u')
		print_one(real ? ids.ruid : ids.euid, user_name(real ? ids.ruid : ids.euid));
	else if (only == 'g')
		print_one(real ? ids.rgid : ids.egid, group_name(real ? ids.rgid : ids.egid));
	else if (only == 'G')
		for (int i = 0; i < ids.ngroups; i++) {
			fputs(i ? " " : "", stdout);
			print_one(ids.groups[i], group_name(ids.groups[i]));
		}
	else {
		print_all(&ids);
		return 0;
	}
	putchar('\n');
	return 0;
}
