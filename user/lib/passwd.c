/*
 * The user and group databases: /etc/passwd and /etc/group, read line by line, in the formats
 * Linux uses:
 *
 *   /etc/passwd   name:password:uid:gid:gecos:home:shell       root:x:0:0:root:/root:/bin/sh
 *   /etc/group    name:password:gid:member,member,...         user:x:1000:
 *
 * getpwnam() and getpwuid() find a user, getgrnam() and getgrgid() a group, getpwent() and
 * getgrent() walk the files, getgrouplist() lists a user's groups.  A line is parsed in place,
 * in the buffer it was read into: the entry's strings point into it.  The _r functions use
 * the caller's buffer (ERANGE when a line does not fit) and return 0 or an errno value; the
 * others use one static buffer, which the next call overwrites, as POSIX allows.  A line that
 * is not an entry (too few fields, a number that is not one) is skipped, as by Linux's C
 * library; a missing file has no entries.
 */
#define _GNU_SOURCE /* getgrouplist() */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE  "/etc/group"
#define LINE_MAX_STATIC 1024 /* the static entries' buffer */
#define MEMBERS_MAX	64   /* group members the static entry has room for */
#define GROUP_BUF_SIZE	(LINE_MAX_STATIC + MEMBERS_MAX * sizeof(char *))

/* Split line at each ':' into at most max fields; the number of fields. */
static int split_fields(char *line, char **fields, int max)
{
	int n = 0;

	line[strcspn(line, "\n")] = '\0';
	fields[n++] = line;
	while (n < max && (line = strchr(line, ':')) != NULL) {
		*line++ = '\0';
		fields[n++] = line;
	}
	return n;
}

/* A whole decimal id, or -1. */
static long parse_id(const char *text)
{
	char *end;
	long id;

	if (*text < '0' || *text > '9')
		return -1;
	id = strtol(text, &end, 10);
	return *end == '\0' && id <= UINT32_MAX ? id : -1;
}

/* ---- users ---- */

/* Parse a line of /etc/passwd into pw, pointing into the line: 0, or -1 if it is no entry. */
static int parse_passwd(char *line, struct passwd *pw)
{
	char *f[7];
	long uid, gid;

	if (split_fields(line, f, 7) != 7 || (uid = parse_id(f[2])) < 0 ||
	    (gid = parse_id(f[3])) < 0)
		return -1;
	*pw = (struct passwd){
		.pw_name = f[0],
		.pw_passwd = f[1],
		.pw_uid = (uid_t)uid,
		.pw_gid = (gid_t)gid,
		.pw_comment = f[4],
		.pw_gecos = f[4],
		.pw_dir = f[5],
		.pw_shell = f[6],
	};
	return 0;
}

/*
 * Read the next line of file into buf: 1, 0 at the end, or -1 (errno ERANGE) if the line does
 * not fit.
 */
static int read_line(FILE *file, char *buf, size_t size)
{
	if (!fgets(buf, (int)size, file))
		return 0;
	if (!strchr(buf, '\n') && !feof(file)) {
		errno = ERANGE;
		return -1;
	}
	return 1;
}

static FILE *passwd_walk;

void setpwent(void)
{
	if (passwd_walk)
		rewind(passwd_walk);
}

void endpwent(void)
{
	if (passwd_walk)
		fclose(passwd_walk);
	passwd_walk = NULL;
}

/* The next entry of an open file into pw and buf: 0 with *result set, or an errno value. */
static int next_passwd(FILE *file, struct passwd *pw, char *buf, size_t size,
		       struct passwd **result)
{
	int got;

	*result = NULL;
	while ((got = read_line(file, buf, size)) > 0)
		if (parse_passwd(buf, pw) == 0) {
			*result = pw;
			return 0;
		}
	return got < 0 ? ERANGE : 0;
}

/* The first entry that matches name (or, name NULL, uid): 0 with *result set, or an errno. */
static int find_passwd(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t size,
		       struct passwd **result)
{
	FILE *file = fopen(PASSWD_FILE, "r");
	int err = 0;

	*result = NULL;
	if (!file)
		return 0;
	while ((err = next_passwd(file, pw, buf, size, result)) == 0 && *result)
		if (name ? strcmp(pw->pw_name, name) == 0 : pw->pw_uid == uid)
			break;
	fclose(file);
	return err;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size,
	       struct passwd **result)
{
	return find_passwd(name, 0, pw, buf, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	return find_passwd(NULL, uid, pw, buf, size, result);
}

static struct passwd static_passwd;
static char static_passwd_line[LINE_MAX_STATIC];

/* The static entry that an _r function filled, or NULL (errno set if there was an error). */
static struct passwd *static_passwd_result(int err, struct passwd *result)
{
	if (err)
		errno = err;
	return result;
}

struct passwd *getpwnam(const char *name)
{
	struct passwd *result;
	int err = getpwnam_r(name, &static_passwd, static_passwd_line, sizeof(static_passwd_line),
			     &result);

	return static_passwd_result(err, result);
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *result;
	int err = getpwuid_r(uid, &static_passwd, static_passwd_line, sizeof(static_passwd_line),
			     &result);

	return static_passwd_result(err, result);
}

struct passwd *getpwent(void)
{
	struct passwd *result = NULL;
	int err;

	if (!passwd_walk && !(passwd_walk = fopen(PASSWD_FILE, "r")))
		return NULL;
	err = next_passwd(passwd_walk, &static_passwd, static_passwd_line,
			  sizeof(static_passwd_line), &result);
	return static_passwd_result(err, result);
}

/* ---- groups ---- */

/*
 * Parse a line of /etc/group into gr, pointing into the line; the member list goes into
 * members, room for max pointers (the last NULL).  0, -1 if it is no entry, or ERANGE.
 */
static int parse_group(char *line, struct group *gr, char **members, size_t max)
{
	char *f[4], *member, *next;
	size_t n = 0;
	long gid;

	if (split_fields(line, f, 4) != 4 || (gid = parse_id(f[2])) < 0)
		return -1;
	for (member = f[3]; *member; member = next) {
		next = member + strcspn(member, ",");
		if (*next)
			*next++ = '\0';
		if (n + 1 >= max)
			return ERANGE;
		if (*member)
			members[n++] = member;
	}
	members[n] = NULL;
	*gr = (struct group){ .gr_name = f[0], .gr_passwd = f[1], .gr_gid = (gid_t)gid,
			      .gr_mem = members };
	return 0;
}

/*
 * The next entry of an open file into gr: the line goes at the start of buf, the member
 * pointers after it.  0 with *result set, or an errno value.
 */
static int next_group(FILE *file, struct group *gr, char *buf, size_t size,
		      struct group **result)
{
	int got;

	*result = NULL;
	while ((got = read_line(file, buf, size)) > 0) {
		size_t used = (strlen(buf) + 1 + sizeof(char *) - 1) & ~(sizeof(char *) - 1);
		int err = used < size ? parse_group(buf, gr, (char **)(buf + used),
						    (size - used) / sizeof(char *))
				      : ERANGE;

		if (err > 0)
			return err;
		if (err == 0) {
			*result = gr;
			return 0;
		}
	}
	return got < 0 ? ERANGE : 0;
}

/* The first group called name (or, name NULL, with gid): 0 with *result set, or an errno. */
static int find_group(const char *name, gid_t gid, struct group *gr, char *buf, size_t size,
		      struct group **result)
{
	FILE *file = fopen(GROUP_FILE, "r");
	int err = 0;

	*result = NULL;
	if (!file)
		return 0;
	while ((err = next_group(file, gr, buf, size, result)) == 0 && *result)
		if (name ? strcmp(gr->gr_name, name) == 0 : gr->gr_gid == gid)
			break;
	fclose(file);
	return err;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size, struct group **result)
{
	return find_group(name, 0, gr, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result)
{
	return find_group(NULL, gid, gr, buf, size, result);
}

static struct group static_group;
static char *static_group_buf[GROUP_BUF_SIZE / sizeof(char *)]; /* char *: aligned for them */
static FILE *group_walk;

static struct group *static_group_result(int err, struct group *result)
{
	if (err)
		errno = err;
	return result;
}

struct group *getgrnam(const char *name)
{
	struct group *result;
	int err = getgrnam_r(name, &static_group, (char *)static_group_buf,
			     sizeof(static_group_buf), &result);

	return static_group_result(err, result);
}

struct group *getgrgid(gid_t gid)
{
	struct group *result;
	int err = getgrgid_r(gid, &static_group, (char *)static_group_buf,
			     sizeof(static_group_buf), &result);

	return static_group_result(err, result);
}

void setgrent(void)
{
	if (group_walk)
		rewind(group_walk);
}

void endgrent(void)
{
	if (group_walk)
		fclose(group_walk);
	group_walk = NULL;
}

struct group *getgrent(void)
{
	struct group *result = NULL;
	int err;

	if (!group_walk && !(group_walk = fopen(GROUP_FILE, "r")))
		return NULL;
	err = next_group(group_walk, &static_group, (char *)static_group_buf,
			 sizeof(static_group_buf), &result);
	return static_group_result(err, result);
}

/* Whether gr lists user among its members. */
static int is_member(const struct group *gr, const char *user)
{
	for (char **m = gr->gr_mem; *m; m++)
		if (strcmp(*m, user) == 0)
			return 1;
	return 0;
}

/*
 * The groups of user: group first, then every other group of /etc/group that lists user.  If
 * they are more than *ngroups, as many as fit, and -1 with *ngroups the number needed; else
 * their number, also in *ngroups.
 */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
	struct group gr, *found;
	char *buf = malloc(GROUP_BUF_SIZE);
	FILE *file = fopen(GROUP_FILE, "r");
	int n = 1, have = *ngroups;

	if (have > 0)
		groups[0] = group;
	while (buf && file && next_group(file, &gr, buf, GROUP_BUF_SIZE, &found) == 0 && found) {
		if (gr.gr_gid == group || !is_member(&gr, user))
			continue;
		if (n < have)
			groups[n] = gr.gr_gid;
		n++;
	}
	if (file)
		fclose(file);
	free(buf);
	*ngroups = n;
	return n > have ? -1 : n;
}
