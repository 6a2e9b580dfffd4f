/*
 * permtests: users and permissions as a program sees them.  The ids of a process and the
 * calls that change them; the checks of the file system against a file's mode, owner and
 * group (search permission on every directory walked, read and write on open, write and
 * search on a directory to add or remove a name, the sticky bit); chmod, chown, umask and
 * access; exec permission; read-only mounts; who owns what in /dev and /proc, and the calls
 * only root may make.  Each rule is checked as root and as "user" (uid 1000, gid 1000,
 * groups {1000}), which a child becomes with setgroups(), setgid() and setuid().
 *
 * Like usertests it is an ordinary program, and it passes on Linux too, as root
 * (tests/permtests/host_test.py runs it there in a private mount namespace, since it
 * mounts): that is how its rules are known to be Linux's.  It works in a directory it makes
 * in the working directory, and removes it at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define USER_ID	 1000 /* "user": uid and gid */
#define OTHER_ID 1001 /* another user, who owns some of the files */
#define SOME_GID 5    /* a group "user" is not in */

/* What a check's child exits with, besides 0 (allowed) and an errno: */
#define RAN   253 /* an exec'd copy of this program ran */
#define WRONG 254 /* the call was allowed, but did not do what it should */
#define DIED  255 /* the child died, or could not become who it should */

#define SCRATCH_NAME_MAX 64
#define PATH_LEN	 256

static char self_path[PATH_LEN]; /* this program, for the exec checks */

static int on_corral(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Corral") == 0;
}

/* ---- results and their names ---- */

static const char *result_name(int result)
{
	static char other[32];

	switch (result) {
	case 0:
		return "allowed";
	case RAN:
		return "runs";
	case WRONG:
		return "allowed, with a wrong result";
	case DIED:
		return "the child died";
	case EPERM:
		return "EPERM";
	case ENOENT:
		return "ENOENT";
	case EACCES:
		return "EACCES";
	case EFAULT:
		return "EFAULT";
	case EBUSY:
		return "EBUSY";
	case EEXIST:
		return "EEXIST";
	case ENOTDIR:
		return "ENOTDIR";
	case EISDIR:
		return "EISDIR";
	case EINVAL:
		return "EINVAL";
	case EROFS:
		return "EROFS";
	default:
		snprintf(other, sizeof(other), "errno %d", result);
		return other;
	}
}

/* One check: "WHAT: WANT", with what it got on a "#" line when that differs. */
static void check_result(int got, int want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void check_result(int got, int want, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (len >= 0 && (size_t)len < sizeof(what))
		snprintf(what + len, sizeof(what) - (size_t)len, ": %s", result_name(want));
	tap_check(got == want, what);
	if (got != want) {
		printf("#   got: %s\n", result_name(got));
		fflush(stdout);
	}
}

/* 0 if ret says the call worked, else its errno. */
static int err_of(long ret)
{
	return ret < 0 ? errno : 0;
}

/* ---- who runs a check ---- */

struct who {
	const char *name;
	uid_t uid;
	gid_t gid;
};

static const struct who as_root = {"root", 0, 0};
static const struct who as_user = {"user", USER_ID, USER_ID};

/* Become who, for good: groups first, then the gid, then the uid, as su does. */
static void become(const struct who *who)
{
	gid_t groups[1] = {who->gid};

	if (who->uid == 0)
		return;
	if (setgroups(1, groups) != 0 || setgid(who->gid) != 0 || setuid(who->uid) != 0)
		_exit(DIED);
}

typedef int (*op_fn)(const char *arg);

/* Run op(arg) in a child that is who: its result (0, an errno, RAN, WRONG or DIED). */
static int run_as(const struct who *who, op_fn op, const char *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		become(who);
		_exit(op(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* ---- the scratch tree the file checks work in ---- */

struct node {
	const char *path;
	mode_t mode; /* S_IFDIR or S_IFREG, and the permission bits */
	uid_t uid;
	gid_t gid;
};

/* Parents before children; the modes are set last, so a 0000 directory can have a child. */
static const struct node tree[] = {
	{"root600", S_IFREG | 0600, 0, 0},
	{"root644", S_IFREG | 0644, 0, 0},
	{"root666", S_IFREG | 0666, 0, 0},
	{"root744", S_IFREG | 0744, 0, 0},
	{"user600", S_IFREG | 0600, USER_ID, USER_ID},
	{"user000", S_IFREG | 0000, USER_ID, USER_ID},
	{"user077", S_IFREG | 0077, USER_ID, USER_ID},
	{"usergrp5", S_IFREG | 0644, USER_ID, SOME_GID},
	{"group640", S_IFREG | 0640, 0, USER_ID},
	{"locked", S_IFDIR | 0755, 0, 0},
	{"locked/f", S_IFREG | 0666, 0, 0},
	{"locked/d", S_IFDIR | 0777, 0, 0},
	{"open", S_IFDIR | 0777, 0, 0},
	{"open/f", S_IFREG | 0644, 0, 0},
	{"open/d", S_IFDIR | 0755, 0, 0},
	{"open/d2", S_IFDIR | 0777, 0, 0},
	{"open/usub", S_IFDIR | 0555, USER_ID, USER_ID},
	{"noexec", S_IFDIR | 0644, 0, 0},
	{"noexec/f", S_IFREG | 0644, 0, 0},
	{"noread", S_IFDIR | 0711, 0, 0},
	{"noread/f", S_IFREG | 0644, 0, 0},
	{"none", S_IFDIR | 0000, 0, 0},
	{"none/f", S_IFREG | 0644, 0, 0},
	{"sticky", S_IFDIR | 01777, 0, 0},
	{"sticky/mine", S_IFREG | 0644, USER_ID, USER_ID},
	{"sticky/other", S_IFREG | 0644, OTHER_ID, OTHER_ID},
	{"sticky/rootf", S_IFREG | 0666, 0, 0},
	{"sticky/otherdir", S_IFDIR | 0777, OTHER_ID, OTHER_ID},
	{"stickyown", S_IFDIR | 01777, USER_ID, USER_ID},
	{"stickyown/other", S_IFREG | 0644, OTHER_ID, OTHER_ID},
};

#define TREE_SIZE (sizeof(tree) / sizeof(tree[0]))

static int make_node(const struct node *n)
{
	int fd;

	if (S_ISDIR(n->mode)) {
		if (mkdir(n->path, 0700) != 0)
			return -1;
	} else {
		fd = open(n->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || write(fd, "text\n", 5) != 5)
			return -1;
		close(fd);
	}
	return chown(n->path, n->uid, n->gid);
}

/* Make the tree afresh in the working directory: 0, or -1 if any of it failed. */
static int tree_make(void)
{
	int err = 0;

	for (size_t i = 0; i < TREE_SIZE; i++)
		err |= make_node(&tree[i]);
	for (size_t i = TREE_SIZE; i-- > 0;)
		err |= chmod(tree[i].path, tree[i].mode & 07777);
	return err;
}

/* Remove everything inside the directory path (root may, whatever the modes). */
static void empty_dir(const char *path)
{
	char child[PATH_LEN];
	struct dirent *d;
	struct stat st;
	DIR *dir = opendir(path);

	while (dir && (d = readdir(dir))) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(child, sizeof(child), "%s/%s", path, d->d_name) >=
		    sizeof(child))
			continue;
		if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
			empty_dir(child);
			rmdir(child);
		} else {
			unlink(child);
		}
	}
	if (dir)
		closedir(dir);
}

/* ---- the operations the rules try ---- */

static int open_close(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int op_read(const char *p)
{
	return open_close(p, O_RDONLY);
}

static int op_write(const char *p)
{
	return open_close(p, O_WRONLY);
}

static int op_rdwr(const char *p)
{
	return open_close(p, O_RDWR);
}

static int op_read_trunc(const char *p)
{
	return open_close(p, O_RDONLY | O_TRUNC);
}

static int op_read_creat(const char *p)
{
	return open_close(p, O_RDONLY | O_CREAT);
}

static int op_create(const char *p)
{
	return open_close(p, O_WRONLY | O_CREAT | O_EXCL);
}

static int op_truncate(const char *p)
{
	return err_of(truncate(p, 0));
}

static int op_mkdir(const char *p)
{
	return err_of(mkdir(p, 0755));
}

static int op_rmdir(const char *p)
{
	return err_of(rmdir(p));
}

static int op_unlink(const char *p)
{
	return err_of(unlink(p));
}

static int op_chdir(const char *p)
{
	return err_of(chdir(p));
}

static int op_mkfifo(const char *p)
{
	return err_of(mknod(p, S_IFIFO | 0644, 0));
}

static int op_mknod_null(const char *p)
{
	return err_of(mknod(p, S_IFCHR | 0666, 0x103));
}

static int op_chmod(const char *p)
{
	return err_of(chmod(p, 0640));
}

static int op_chown_user(const char *p)
{
	return err_of(chown(p, USER_ID, -1));
}

static int op_chown_other(const char *p)
{
	return err_of(chown(p, OTHER_ID, -1));
}

static int op_chgrp_user(const char *p)
{
	return err_of(chown(p, -1, USER_ID));
}

static int op_chgrp_some(const char *p)
{
	return err_of(chown(p, -1, SOME_GID));
}

static int op_chown_none(const char *p)
{
	return err_of(chown(p, -1, -1));
}

static int op_access_r(const char *p)
{
	return err_of(access(p, R_OK));
}

static int op_access_w(const char *p)
{
	return err_of(access(p, W_OK));
}

static int op_access_x(const char *p)
{
	return err_of(access(p, X_OK));
}

static int op_access_f(const char *p)
{
	return err_of(access(p, F_OK));
}

static int op_stat(const char *p)
{
	struct stat st;

	return err_of(stat(p, &st));
}

/* Open the directory and read every entry: at least "." and "..". */
static int op_list(const char *p)
{
	DIR *dir = opendir(p);
	int count = 0, err;

	if (!dir)
		return errno;
	errno = 0;
	while (readdir(dir))
		count++;
	err = errno;
	closedir(dir);
	return err ? err : count >= 2 ? 0 : WRONG;
}

/* "OLD NEW": rename OLD to NEW. */
static int op_rename(const char *p)
{
	char old[PATH_LEN], *new;

	snprintf(old, sizeof(old), "%s", p);
	new = strchr(old, ' ');
	if (!new)
		return WRONG;
	*new++ = '\0';
	return err_of(rename(old, new));
}

/* Run the program at p (a copy of this one), which exits with RAN. */
static int op_exec(const char *p)
{
	char *argv[] = {(char *)p, "exit-ran", NULL};
	char *envp[] = {NULL};

	execve(p, argv, envp);
	return errno;
}

/* ---- rules, each tried as root and as the user ---- */

struct rule {
	const char *what;
	op_fn op;
	const char *arg;
	int root, user; /* the result each must get */
};

/* Rules whose operation changes the tree: each run starts from a fresh one. */
static const struct rule changing_rules[] = {
	/* open */
	{"open O_WRONLY of root's 0644 file", op_write, "root644", 0, EACCES},
	{"open O_RDWR of a 0666 file", op_rdwr, "root666", 0, 0},
	{"open O_RDONLY|O_TRUNC of root's 0644 file (O_TRUNC needs write)", op_read_trunc,
	 "root644", 0, EACCES},
	{"open O_CREAT|O_EXCL in root's 0755 directory", op_create, "locked/new", 0, EACCES},
	{"open O_CREAT|O_EXCL of a name that exists, in root's 0755 directory", op_create,
	 "locked/f", EEXIST, EEXIST},
	{"open O_CREAT of a file that exists needs no write on its directory", op_read_creat,
	 "locked/f", 0, 0},
	{"open O_CREAT|O_EXCL in a 0777 directory", op_create, "open/new", 0, 0},
	{"open O_CREAT|O_EXCL in a 0644 directory (no search)", op_create, "noexec/new", 0,
	 EACCES},
	{"truncate of root's 0644 file", op_truncate, "root644", 0, EACCES},
	{"truncate of a 0666 file", op_truncate, "root666", 0, 0},
	/* directories */
	{"mkdir in root's 0755 directory", op_mkdir, "locked/new", 0, EACCES},
	{"mkdir in a 0777 directory", op_mkdir, "open/new", 0, 0},
	{"mkdir of a name that exists, in root's 0755 directory", op_mkdir, "locked/d", EEXIST,
	 EEXIST},
	{"rmdir of an empty directory in root's 0755 directory", op_rmdir, "locked/d", 0, EACCES},
	{"rmdir in a 0777 directory", op_rmdir, "open/d", 0, 0},
	{"unlink in root's 0755 directory", op_unlink, "locked/f", 0, EACCES},
	{"unlink of root's file in a 0777 directory", op_unlink, "open/f", 0, 0},
	{"unlink of a directory in root's 0755 directory (EACCES before EISDIR)", op_unlink,
	 "locked/d", EISDIR, EACCES},
	{"unlink of a missing name in root's 0755 directory", op_unlink, "locked/none", ENOENT,
	 ENOENT},
	{"rename within root's 0755 directory", op_rename, "locked/f locked/g", 0, EACCES},
	{"rename from a 0777 directory into root's 0755 one", op_rename, "open/f locked/g", 0,
	 EACCES},
	{"rename within a 0777 directory", op_rename, "open/f open/g", 0, 0},
	{"rename of a directory without w to a new parent (its .. changes)", op_rename,
	 "open/usub open/d2/usub", 0, EACCES},
	{"rename of a directory without w within its parent", op_rename, "open/usub open/usub2", 0,
	 0},
	{"mknod of a FIFO in a 0777 directory", op_mkfifo, "open/fifo", 0, 0},
	{"mknod of a character device (only root)", op_mknod_null, "open/null", 0, EPERM},
	{"mknod of a character device in root's 0755 directory (EACCES first)", op_mknod_null,
	 "locked/null", 0, EACCES},
	/* the sticky bit */
	{"unlink of the user's own file in a sticky 1777 directory", op_unlink, "sticky/mine", 0,
	 0},
	{"unlink of another user's file in a sticky directory", op_unlink, "sticky/other", 0,
	 EPERM},
	{"unlink of root's 0666 file in a sticky directory", op_unlink, "sticky/rootf", 0, EPERM},
	{"rename of another user's file in a sticky directory", op_rename,
	 "sticky/other sticky/taken", 0, EPERM},
	{"rename over another user's file in a sticky directory", op_rename,
	 "sticky/mine sticky/other", 0, EPERM},
	{"rename of the user's own file in a sticky directory", op_rename,
	 "sticky/mine sticky/renamed", 0, 0},
	{"rmdir of another user's directory in a sticky directory", op_rmdir, "sticky/otherdir", 0,
	 EPERM},
	{"unlink of another's file in a sticky directory the user owns", op_unlink,
	 "stickyown/other", 0, 0},
	{"open O_CREAT|O_EXCL in a sticky 1777 directory", op_create, "sticky/new", 0, 0},
	{"unlink of a missing name in a sticky directory", op_unlink, "sticky/none", ENOENT,
	 ENOENT},
	/* chmod and chown */
	{"chmod of root's file", op_chmod, "root644", 0, EPERM},
	{"chmod of the user's own 0000 file", op_chmod, "user000", 0, 0},
	{"chown of root's file to the user", op_chown_user, "root644", 0, EPERM},
	{"chown of the user's file to another user", op_chown_other, "user600", 0, EPERM},
	{"chown of the user's file to its own owner (no change)", op_chown_user, "user600", 0, 0},
	{"chgrp of the user's file to a group of the user's", op_chgrp_user, "usergrp5", 0, 0},
	{"chgrp of the user's file to a group the user is not in", op_chgrp_some, "user600", 0,
	 EPERM},
	{"chgrp of root's file to the user's group", op_chgrp_user, "root644", 0, EPERM},
	{"chown(-1, -1) of root's file (nothing to change)", op_chown_none, "root644", 0, 0},
};

/* Rules whose operation changes nothing: they share one tree. */
static const struct rule reading_rules[] = {
	{"open O_RDONLY of root's 0600 file", op_read, "root600", 0, EACCES},
	{"open O_RDONLY of root's 0644 file", op_read, "root644", 0, 0},
	{"open O_RDONLY of the user's own 0000 file", op_read, "user000", 0, EACCES},
	{"open O_RDONLY of the user's 0077 file (the owner's bits count, not the others')",
	 op_read, "user077", 0, EACCES},
	{"open O_RDONLY of a 0640 file of the user's group", op_read, "group640", 0, 0},
	{"open O_WRONLY of a 0640 file of the user's group", op_write, "group640", 0, EACCES},
	{"stat through a 0644 directory (no search)", op_stat, "noexec/f", 0, EACCES},
	{"stat of .. through a 0644 directory", op_stat, "noexec/..", 0, EACCES},
	{"stat through a 0000 directory", op_stat, "none/f", 0, EACCES},
	{"stat through a 0711 directory (search, no read)", op_stat, "noread/f", 0, 0},
	{"chdir into a 0644 directory", op_chdir, "noexec", 0, EACCES},
	{"chdir into a 0711 directory", op_chdir, "noread", 0, 0},
	{"listing a 0711 directory (no read)", op_list, "noread", 0, EACCES},
	{"listing a 0644 directory (read, no search)", op_list, "noexec", 0, 0},
	{"listing a 0000 directory", op_list, "none", 0, EACCES},
	{"access R_OK of root's 0600 file", op_access_r, "root600", 0, EACCES},
	{"access R_OK of root's 0644 file", op_access_r, "root644", 0, 0},
	{"access W_OK of root's 0644 file", op_access_w, "root644", 0, EACCES},
	{"access X_OK of a 0644 file (root too needs an x bit)", op_access_x, "root644", EACCES,
	 EACCES},
	{"access X_OK of a 0744 file", op_access_x, "root744", 0, EACCES},
	{"access X_OK of a 0000 directory", op_access_x, "none", 0, EACCES},
	{"access F_OK through a 0644 directory", op_access_f, "noexec/f", 0, EACCES},
	{"access F_OK of a missing file", op_access_f, "missing", ENOENT, ENOENT},
};

static void check_rule(const struct rule *rule, const struct who *who, int got)
{
	check_result(got, who->uid == 0 ? rule->root : rule->user, "%s, as %s", rule->what,
		     who->name);
}

static void run_changing_rules(void)
{
	static const struct who *const whos[] = {&as_root, &as_user};

	for (size_t i = 0; i < sizeof(changing_rules) / sizeof(changing_rules[0]); i++) {
		for (int w = 0; w < 2; w++) {
			int got = tree_make() == 0 ? run_as(whos[w], changing_rules[i].op,
							    changing_rules[i].arg)
						   : DIED;

			empty_dir(".");
			check_rule(&changing_rules[i], whos[w], got);
		}
	}
}

static void run_reading_rules(void)
{
	int ok = tree_make() == 0;

	for (size_t i = 0; i < sizeof(reading_rules) / sizeof(reading_rules[0]); i++) {
		const struct rule *rule = &reading_rules[i];

		check_rule(rule, &as_root, ok ? run_as(&as_root, rule->op, rule->arg) : DIED);
		check_rule(rule, &as_user, ok ? run_as(&as_user, rule->op, rule->arg) : DIED);
	}
	empty_dir(".");
}

/* ---- the ids of a process ---- */

static int uids_are(uid_t r, uid_t e, uid_t s)
{
	uid_t ruid, euid, suid;

	return getresuid(&ruid, &euid, &suid) == 0 && ruid == r && euid == e && suid == s &&
	       getuid() == r && geteuid() == e;
}

static int gids_are(gid_t r, gid_t e, gid_t s)
{
	gid_t rgid, egid, sgid;

	return getresgid(&rgid, &egid, &sgid) == 0 && rgid == r && egid == e && sgid == s &&
	       getgid() == r && getegid() == e;
}

/* The result of a sequence: the first call's errno, else WRONG unless the ids end as said. */
#define EXPECT_OK(call)                                                                            \
	do {                                                                                       \
		if ((call) != 0)                                                                   \
			return errno;                                                              \
	} while (0)

static int cred_root_ids(const char *unused)
{
	return uids_are(0, 0, 0) && gids_are(0, 0, 0) ? 0 : WRONG;
}

static int cred_root_setuid(const char *unused)
{
	EXPECT_OK(setuid(USER_ID));
	if (!uids_are(USER_ID, USER_ID, USER_ID))
		return WRONG;
	return err_of(setuid(0));
}

static int cred_setuid_own(const char *unused)
{
	EXPECT_OK(setuid(USER_ID));
	return uids_are(USER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

static int cred_setuid_other(const char *unused)
{
	return err_of(setuid(OTHER_ID));
}

static int cred_setuid_minus_one(const char *unused)
{
	return err_of(setuid(-1));
}

/* Saved uid 0: setuid(0) by a process whose effective uid is not 0 sets the effective only. */
static int cred_saved_root(const char *unused)
{
	EXPECT_OK(setresuid(USER_ID, USER_ID, 0));
	if (!uids_are(USER_ID, USER_ID, 0))
		return WRONG;
	EXPECT_OK(setuid(0));
	return uids_are(USER_ID, 0, 0) ? 0 : WRONG;
}

static int cred_seteuid(const char *unused)
{
	EXPECT_OK(seteuid(USER_ID));
	if (!uids_are(0, USER_ID, 0))
		return WRONG;
	EXPECT_OK(seteuid(0));
	return uids_are(0, 0, 0) ? 0 : WRONG;
}

/* setreuid: the real and effective ids swap; the saved id follows the new effective one. */
static int cred_setreuid_swap(const char *unused)
{
	EXPECT_OK(setreuid(USER_ID, OTHER_ID));
	if (!uids_are(USER_ID, OTHER_ID, OTHER_ID))
		return WRONG;
	EXPECT_OK(setreuid(OTHER_ID, USER_ID));
	return uids_are(OTHER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

/* setreuid(-1, the real uid) leaves the saved one, which can be taken back. */
static int cred_setreuid_effective(const char *unused)
{
	EXPECT_OK(setreuid(USER_ID, OTHER_ID));
	EXPECT_OK(setreuid(-1, USER_ID));
	if (!uids_are(USER_ID, USER_ID, OTHER_ID))
		return WRONG;
	EXPECT_OK(setreuid(-1, OTHER_ID));
	return uids_are(USER_ID, OTHER_ID, OTHER_ID) ? 0 : WRONG;
}

static int cred_setreuid_real_other(const char *unused)
{
	return err_of(setreuid(OTHER_ID, -1));
}

static int cred_setreuid_eff_other(const char *unused)
{
	return err_of(setreuid(-1, OTHER_ID));
}

static int cred_setresuid_same(const char *unused)
{
	EXPECT_OK(setresuid(USER_ID, USER_ID, USER_ID));
	EXPECT_OK(setresuid(-1, -1, -1));
	return uids_are(USER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

static int cred_setresuid_saved_other(const char *unused)
{
	return err_of(setresuid(-1, -1, OTHER_ID));
}

/* Any of the three ids may be set to any of the three old ones. */
static int cred_setresuid_shuffle(const char *unused)
{
	EXPECT_OK(setresuid(USER_ID, OTHER_ID, 0));
	EXPECT_OK(setresuid(0, USER_ID, OTHER_ID));
	return uids_are(0, USER_ID, OTHER_ID) ? 0 : WRONG;
}

static int cred_root_setgid(const char *unused)
{
	EXPECT_OK(setgid(USER_ID));
	return gids_are(USER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

static int cred_setgid_other(const char *unused)
{
	return err_of(setgid(OTHER_ID));
}

static int cred_setgid_own(const char *unused)
{
	return err_of(setgid(USER_ID));
}

static int cred_setresgid(const char *unused)
{
	EXPECT_OK(setresgid(USER_ID, OTHER_ID, SOME_GID));
	return gids_are(USER_ID, OTHER_ID, SOME_GID) ? 0 : WRONG;
}

static int cred_setresgid_other(const char *unused)
{
	return err_of(setresgid(-1, SOME_GID, -1));
}

static int cred_setregid(const char *unused)
{
	EXPECT_OK(setregid(SOME_GID, OTHER_ID));
	return gids_are(SOME_GID, OTHER_ID, OTHER_ID) ? 0 : WRONG;
}

static int cred_setregid_other(const char *unused)
{
	return err_of(setregid(-1, SOME_GID));
}

static int cred_setegid(const char *unused)
{
	EXPECT_OK(setegid(SOME_GID));
	return gids_are(0, SOME_GID, 0) ? 0 : WRONG;
}

static void check_ids(void)
{
	check_result(run_as(&as_root, cred_root_ids, NULL), 0,
		     "getresuid, getresgid: root's real, effective and saved ids are 0");
	check_result(run_as(&as_root, cred_root_setuid, NULL), EPERM,
		     "setuid(1000) as root sets all three uids, and there is no way back");
	check_result(run_as(&as_user, cred_setuid_own, NULL), 0, "setuid to its own uid, as user");
	check_result(run_as(&as_user, cred_setuid_other, NULL), EPERM,
		     "setuid to another uid, as user");
	check_result(run_as(&as_root, cred_setuid_minus_one, NULL), EINVAL,
		     "setuid(-1), as root");
	check_result(run_as(&as_root, cred_saved_root, NULL), 0,
		     "setuid(0) with saved uid 0 and effective 1000 sets the effective uid only");
	check_result(run_as(&as_root, cred_seteuid, NULL), 0,
		     "seteuid(1000) then seteuid(0): the saved uid 0 lets root back");
	check_result(run_as(&as_root, cred_setreuid_swap, NULL), 0,
		     "setreuid: real and effective swap, the saved uid follows the effective");
	check_result(run_as(&as_root, cred_setreuid_effective, NULL), 0,
		     "setreuid(-1, real) keeps the saved uid; setreuid(-1, saved) takes it back");
	check_result(run_as(&as_user, cred_setreuid_real_other, NULL), EPERM,
		     "setreuid(1001, -1), as user");
	check_result(run_as(&as_user, cred_setreuid_eff_other, NULL), EPERM,
		     "setreuid(-1, 1001), as user");
	check_result(run_as(&as_user, cred_setresuid_same, NULL), 0,
		     "setresuid to the same ids, or -1 for each, as user");
	check_result(run_as(&as_user, cred_setresuid_saved_other, NULL), EPERM,
		     "setresuid(-1, -1, 1001), as user");
	check_result(run_as(&as_root, cred_setresuid_shuffle, NULL), 0,
		     "setresuid: with ids 1000, 1001, 0, any of them may go in any place");
	check_result(run_as(&as_root, cred_root_setgid, NULL), 0,
		     "setgid(1000) as root sets all three gids");
	check_result(run_as(&as_user, cred_setgid_own, NULL), 0, "setgid to its own gid, as user");
	check_result(run_as(&as_user, cred_setgid_other, NULL), EPERM,
		     "setgid to another gid, as user");
	check_result(run_as(&as_root, cred_setresgid, NULL), 0,
		     "setresgid sets the real, effective and saved gids, as root");
	check_result(run_as(&as_user, cred_setresgid_other, NULL), EPERM,
		     "setresgid(-1, 5, -1), as user");
	check_result(run_as(&as_root, cred_setregid, NULL), 0,
		     "setregid sets real and effective, the saved gid follows, as root");
	check_result(run_as(&as_user, cred_setregid_other, NULL), EPERM,
		     "setregid(-1, 5), as user");
	check_result(run_as(&as_root, cred_setegid, NULL), 0,
		     "setegid changes the effective gid alone");
}

/* ---- supplementary groups ---- */

static int groups_are(const gid_t *want, int count)
{
	gid_t got[32];
	int n = getgroups(32, got);

	if (n != count)
		return 0;
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			return 0;
	return 1;
}

static int groups_set(const char *unused)
{
	gid_t list[3] = {USER_ID, SOME_GID, 300}, sorted[3] = {SOME_GID, 300, USER_ID};

	EXPECT_OK(setgroups(3, list));
	return getgroups(0, NULL) == 3 && groups_are(sorted, 3) ? 0 : WRONG;
}

static int groups_too_small(const char *unused)
{
	gid_t list[3] = {1, 2, 3}, got[2];

	EXPECT_OK(setgroups(3, list));
	return err_of(getgroups(2, got));
}

static int groups_negative(const char *unused)
{
	gid_t got[1];

	return err_of(getgroups(-1, got));
}

static int groups_as_user(const char *unused)
{
	gid_t list[1] = {SOME_GID};

	return err_of(setgroups(1, list));
}

static int groups_empty(const char *unused)
{
	EXPECT_OK(setgroups(0, NULL));
	return getgroups(0, NULL) == 0 ? 0 : WRONG;
}

/* Each of count groups a distinct gid; count may be past any limit. */
static int groups_of_count(const char *count_text)
{
	int count = atoi(count_text), err;
	gid_t *list = malloc(sizeof(gid_t) * (size_t)count);

	if (!list)
		return DIED;
	for (int i = 0; i < count; i++)
		list[i] = 2000 + i;
	err = err_of(setgroups(count, list));
	free(list);
	if (!err && getgroups(0, NULL) != count)
		return WRONG;
	return err;
}

static int groups_bad_pointer(const char *unused)
{
	return err_of(setgroups(1, (gid_t *)16));
}

static int groups_minus_one(const char *unused)
{
	gid_t list[2] = {SOME_GID, (gid_t)-1};

	return err_of(setgroups(2, list));
}

static int groups_stay_after_setuid(const char *unused)
{
	gid_t list[1] = {SOME_GID};

	EXPECT_OK(setgroups(1, list));
	EXPECT_OK(setgid(USER_ID));
	EXPECT_OK(setuid(USER_ID));
	return groups_are(list, 1) ? 0 : WRONG;
}

static int getresuid_bad_pointer(const char *unused)
{
	uid_t ruid, suid;

	return err_of(getresuid(&ruid, (uid_t *)16, &suid));
}

/* The group list's limit: Linux's is 65536, Corral's NGROUPS_MAX of <limits.h>. */
static void check_group_limit(void)
{
	char text[16];
	int limit = on_corral() ? NGROUPS_MAX : 65536;

	snprintf(text, sizeof(text), "%d", limit);
	check_result(run_as(&as_root, groups_of_count, text), 0,
		     "setgroups of as many groups as the limit, and getgroups counts them");
	snprintf(text, sizeof(text), "%d", limit + 1);
	check_result(run_as(&as_root, groups_of_count, text), EINVAL,
		     "setgroups of one group more than the limit");
	check_result((int)sysconf(_SC_NGROUPS_MAX) == NGROUPS_MAX ? 0 : WRONG, 0,
		     "sysconf(_SC_NGROUPS_MAX) is NGROUPS_MAX");
}

static void check_groups(void)
{
	check_result(run_as(&as_root, groups_set, NULL), 0,
		     "setgroups, then getgroups gives them back in increasing order");
	check_result(run_as(&as_root, groups_too_small, NULL), EINVAL,
		     "getgroups into an array too small");
	check_result(run_as(&as_root, groups_negative, NULL), EINVAL, "getgroups(-1)");
	check_result(run_as(&as_user, groups_as_user, NULL), EPERM, "setgroups, as user");
	check_result(run_as(&as_root, groups_empty, NULL), 0,
		     "setgroups(0, NULL) empties the list");
	check_group_limit();
	check_result(run_as(&as_root, groups_bad_pointer, NULL), EFAULT,
		     "setgroups from a bad address");
	check_result(run_as(&as_root, groups_minus_one, NULL), EINVAL, "setgroups of gid -1");
	check_result(run_as(&as_root, getresuid_bad_pointer, NULL), EFAULT,
		     "getresuid into a bad address");
	check_result(run_as(&as_root, groups_stay_after_setuid, NULL), 0,
		     "setgid and setuid leave the supplementary groups as they were");
}

/* ---- what a child inherits, and what /proc shows ---- */

/* Wait for a child that checks its ids, groups and umask: 0 if they are the parent's. */
static int inherit_child(const char *unused)
{
	gid_t list[2] = {SOME_GID, 300};
	int status;
	pid_t pid;

	EXPECT_OK(setgroups(2, list));
	EXPECT_OK(setresgid(USER_ID, OTHER_ID, SOME_GID));
	EXPECT_OK(setresuid(USER_ID, OTHER_ID, 0));
	umask(027);
	pid = fork();
	if (pid == 0)
		_exit(uids_are(USER_ID, OTHER_ID, 0) && gids_are(USER_ID, OTHER_ID, SOME_GID) &&
			      groups_are(list, 2) && umask(0) == 027
			  ? 0
			  : WRONG);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* The line of /proc/self/status that starts with key, in line. */
static int status_line(const char *key, char *line, size_t size)
{
	FILE *f = fopen("/proc/self/status", "r");
	int found = 0;

	while (f && !found && fgets(line, (int)size, f))
		found = strncmp(line, key, strlen(key)) == 0;
	if (f)
		fclose(f);
	return found;
}

static int status_shows_ids(const char *unused)
{
	gid_t list[2] = {300, SOME_GID};
	char line[128];

	EXPECT_OK(setgroups(2, list));
	EXPECT_OK(setresgid(USER_ID, OTHER_ID, SOME_GID));
	EXPECT_OK(setresuid(USER_ID, OTHER_ID, 0));
	umask(027);
	if (!status_line("Uid:", line, sizeof(line)) || strcmp(line, "Uid:\t1000\t1001\t0\t1001\n"))
		return WRONG;
	if (!status_line("Gid:", line, sizeof(line)) || strcmp(line, "Gid:\t1000\t1001\t5\t1001\n"))
		return WRONG;
	if (!status_line("Groups:", line, sizeof(line)) || strcmp(line, "Groups:\t5 300 \n"))
		return WRONG;
	if (!status_line("Umask:", line, sizeof(line)) || strcmp(line, "Umask:\t0027\n"))
		return WRONG;
	return 0;
}

static void check_inheritance(void)
{
	check_result(run_as(&as_root, inherit_child, NULL), 0,
		     "fork: the child has the parent's three uids, three gids, groups and umask");
	check_result(run_as(&as_root, status_shows_ids, NULL), 0,
		     "/proc/self/status: Uid and Gid give real, effective, saved and file-system "
		     "ids, with Groups and Umask lines, as on Linux");
}

/* ---- signals: whose processes a user may signal ---- */

static pid_t kill_target_pid;
static int kill_signal;

static int op_kill_target(const char *unused)
{
	return err_of(kill(kill_target_pid, kill_signal));
}

/* The other end of start_waiter(), in a program it executes: "PROGRAM wait READY WAIT". */
static int wait_for_release(int ready_fd, int wait_fd)
{
	char byte = 0;

	write(ready_fd, &byte, 1);
	read(wait_fd, &byte, 1);
	return 0;
}

/*
 * A child that becomes who (or takes the ids uids[3], if given), and, if program is given,
 * executes it; then says so through a pipe and waits until released.  *pid is its pid.
 * Returns the fd that releases it (close it), or -1.
 */
static int start_waiter(const struct who *who, const uid_t *uids, const char *program,
			pid_t *pid)
{
	int ready[2], wait[2];
	char byte = 0, ready_fd[16], wait_fd[16];

	if (pipe(ready) != 0 || pipe(wait) != 0)
		return -1;
	fflush(stdout);
	*pid = fork();
	if (*pid == 0) {
		close(ready[0]);
		close(wait[1]);
		become(who);
		if (uids && setresuid(uids[0], uids[1], uids[2]) != 0)
			_exit(DIED);
		snprintf(ready_fd, sizeof(ready_fd), "%d", ready[1]);
		snprintf(wait_fd, sizeof(wait_fd), "%d", wait[0]);
		if (program)
			execl(program, program, "wait", ready_fd, wait_fd, (char *)NULL);
		_exit(wait_for_release(ready[1], wait[0]));
	}
	close(ready[1]);
	close(wait[0]);
	if (*pid < 0 || read(ready[0], &byte, 1) != 1) {
		close(ready[0]);
		close(wait[1]);
		return -1;
	}
	close(ready[0]);
	return wait[1];
}

static void stop_waiter(int release, pid_t pid)
{
	close(release);
	waitpid(pid, NULL, 0);
}

/* A process with the uids r, e, s waits; the user tries to send it sig. */
static int kill_result(uid_t r, uid_t e, uid_t s, int sig)
{
	uid_t uids[3] = {r, e, s};
	int release = start_waiter(&as_root, uids, NULL, &kill_target_pid), result;

	if (release < 0)
		return DIED;
	kill_signal = sig;
	result = run_as(&as_user, op_kill_target, NULL);
	stop_waiter(release, kill_target_pid);
	return result;
}

static void check_kill(void)
{
	check_result(kill_result(0, 0, 0, 0), EPERM, "kill(pid, 0) of root's process, as user");
	check_result(kill_result(USER_ID, 0, 0, 0), 0,
		     "kill of a process whose real uid is the user's, effective 0, as user");
	check_result(kill_result(0, USER_ID, 0, 0), EPERM,
		     "kill of a process whose effective uid is the user's, real and saved 0, as "
		     "user (the real and saved ids count)");
	check_result(kill_result(0, 0, 0, SIGTERM), EPERM,
		     "kill(pid, SIGTERM) of root's process in the same session, as user");
	check_result(kill_result(0, 0, 0, SIGCONT), 0,
		     "kill(pid, SIGCONT) of root's process in the same session, as user");
}

/* ---- umask, and who owns a new file ---- */

static int mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static int umask_calls(const char *unused)
{
	umask(022);
	if (umask(027) != 022 || umask(07777) != 027 || umask(0) != 0777)
		return WRONG;
	return umask(022) == 0 ? 0 : WRONG;
}

static int umask_applies(const char *unused)
{
	int fd;

	umask(027);
	fd = open("open/file", O_WRONLY | O_CREAT, 0666);
	if (fd < 0)
		return errno;
	close(fd);
	EXPECT_OK(mkdir("open/dir", 0777));
	EXPECT_OK(mknod("open/fifo", S_IFIFO | 0666, 0));
	return mode_of("open/file") == 0640 && mode_of("open/dir") == 0750 &&
		       mode_of("open/fifo") == 0640
		   ? 0
		   : WRONG;
}

/* O_TRUNC empties a regular file even opened O_RDONLY (it needs write permission). */
static int read_trunc_empties(const char *unused)
{
	struct stat st;

	EXPECT_OK(open_close("root666", O_RDONLY | O_TRUNC));
	if (stat("root666", &st) != 0)
		return errno;
	return st.st_size == 0 ? 0 : WRONG;
}

/* mkdir keeps the sticky bit of its mode, but neither set-id bit. */
static int mkdir_mode_bits(const char *unused)
{
	umask(0);
	EXPECT_OK(mkdir("open/dir", 07777));
	return mode_of("open/dir") == 01777 ? 0 : WRONG;
}

/* A file this open creates may be written through it, whatever mode it gets. */
static int create_read_only(const char *unused)
{
	int fd = open("open/ro", O_WRONLY | O_CREAT | O_EXCL, 0444);
	int wrote;

	if (fd < 0)
		return errno;
	wrote = write(fd, "x", 1) == 1;
	close(fd);
	if (!wrote || mode_of("open/ro") != 0444)
		return WRONG;
	return open_close("open/ro", O_WRONLY);
}

static int owner_of_new(const char *unused)
{
	struct stat f, d;

	EXPECT_OK(open_close("open/new", O_WRONLY | O_CREAT));
	EXPECT_OK(mkdir("open/newdir", 0755));
	if (stat("open/new", &f) != 0 || stat("open/newdir", &d) != 0)
		return errno;
	return f.st_uid == USER_ID && f.st_gid == USER_ID && d.st_uid == USER_ID &&
		       d.st_gid == USER_ID
		   ? 0
		   : WRONG;
}

/* In a set-group-id directory a new file takes the directory's group; a new directory, the
 * bit too. */
static int owner_in_setgid_dir(const char *unused)
{
	struct stat f, d;

	EXPECT_OK(open_close("setgid/new", O_WRONLY | O_CREAT));
	EXPECT_OK(mkdir("setgid/newdir", 0755));
	if (stat("setgid/new", &f) != 0 || stat("setgid/newdir", &d) != 0)
		return errno;
	return f.st_uid == USER_ID && f.st_gid == SOME_GID && d.st_gid == SOME_GID &&
		       (d.st_mode & S_ISGID)
		   ? 0
		   : WRONG;
}

/* Run op as who in a fresh tree, which has a set-group-id directory "setgid" (group 5) too. */
static int in_fresh_tree(const struct who *who, op_fn op)
{
	int made = tree_make() == 0 && mkdir("setgid", 0777) == 0 &&
		   chown("setgid", 0, SOME_GID) == 0 && chmod("setgid", 02777) == 0;
	int result = made ? run_as(who, op, NULL) : DIED;

	empty_dir(".");
	return result;
}

static void check_umask_and_owners(int initial_umask)
{
	if (on_corral() && getpid() == 1)
		check_result(initial_umask == 022 ? 0 : WRONG, 0, "init starts with umask 022");
	else
		tap_skip("init starts with umask 022", "not init on Corral");
	check_result(run_as(&as_root, umask_calls, NULL), 0,
		     "umask returns the old mask and keeps only 0777");
	check_result(in_fresh_tree(&as_user, umask_applies), 0,
		     "umask 027: open O_CREAT 0666, mkdir 0777, mknod 0666 make 0640, 0750, 0640");
	check_result(in_fresh_tree(&as_user, mkdir_mode_bits), 0,
		     "mkdir 07777 with umask 0 makes 01777: no set-id bits");
	check_result(in_fresh_tree(&as_user, read_trunc_empties), 0,
		     "open O_RDONLY|O_TRUNC of a 0666 file empties it, as user");
	check_result(in_fresh_tree(&as_user, create_read_only), EACCES,
		     "open O_CREAT 0444 gives a descriptor that writes; opened again for writing, "
		     "as user");
	check_result(in_fresh_tree(&as_user, owner_of_new), 0,
		     "a new file and directory belong to the user's uid and gid");
	check_result(in_fresh_tree(&as_user, owner_in_setgid_dir), 0,
		     "in a set-group-id directory: the directory's group, and the bit on a new "
		     "directory");
}

/* ---- chmod and chown: what changes ---- */

/* Make name as the user's, mode, group gid: the test's own fixture. */
static int make_file(const char *name, mode_t mode, uid_t uid, gid_t gid)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -1;
	close(fd);
	if (chown(name, uid, gid) != 0)
		return -1;
	return chmod(name, mode);
}

static int chmod_setgid_not_member(const char *unused)
{
	EXPECT_OK(chmod("f", 02755));
	return mode_of("f") == 0755 ? 0 : WRONG;
}

static int chmod_setgid_member(const char *unused)
{
	EXPECT_OK(chmod("f", 02755));
	return mode_of("f") == 02755 ? 0 : WRONG;
}

static int chmod_type_bits(const char *unused)
{
	struct stat st;

	EXPECT_OK(chmod("f", 0170751));
	return stat("f", &st) == 0 && st.st_mode == (S_IFREG | 0751) ? 0 : WRONG;
}

static int chgrp_clears_setid(const char *unused)
{
	EXPECT_OK(chown("f", -1, USER_ID));
	return mode_of("f") == 0755 ? 0 : WRONG;
}

static int root_chown_clears_setid(const char *unused)
{
	EXPECT_OK(chown("f", OTHER_ID, OTHER_ID));
	if (mode_of("f") != 0755)
		return WRONG;
	EXPECT_OK(chmod("f", 02745));
	EXPECT_OK(chown("f", USER_ID, -1));
	return mode_of("f") == 02745 ? 0 : WRONG; /* no group x: root keeps set-group-id */
}

static int chown_dir_keeps_setid(const char *unused)
{
	EXPECT_OK(mkdir("d", 0700));
	EXPECT_OK(chmod("d", 06755));
	EXPECT_OK(chown("d", USER_ID, USER_ID));
	return mode_of("d") == 06755 ? 0 : WRONG;
}

static int fchmod_read_only_fd(const char *unused)
{
	int fd = open("f", O_RDONLY);
	int err;

	if (fd < 0)
		return errno;
	err = err_of(fchmod(fd, 0600));
	close(fd);
	return err ? err : mode_of("f") == 0600 ? 0 : WRONG;
}

static int fchown_as_user(const char *unused)
{
	int fd = open("f", O_RDONLY);
	int err;

	if (fd < 0)
		return errno;
	err = err_of(fchown(fd, OTHER_ID, -1));
	close(fd);
	return err;
}

/* fchownat, lchown and fchmodat with no flags are chown and chmod. */
static int at_calls(const char *unused)
{
	struct stat st;

	EXPECT_OK(fchownat(AT_FDCWD, "f", OTHER_ID, SOME_GID, 0));
	EXPECT_OK(lchown("f", USER_ID, -1));
	EXPECT_OK(fchmodat(AT_FDCWD, "f", 0604, 0));
	if (stat("f", &st) != 0)
		return errno;
	return st.st_uid == USER_ID && st.st_gid == SOME_GID && (st.st_mode & 07777) == 0604
		   ? 0
		   : WRONG;
}

static int fchownat_bad_flag(const char *unused)
{
	return err_of(fchownat(AT_FDCWD, "f", 0, 0, 0x4));
}

struct owner_check {
	const char *what;
	const struct who *who;
	op_fn op;
	mode_t mode; /* of the file "f" the check starts with */
	uid_t uid;
	gid_t gid;
	int want;
};

static const struct owner_check owner_checks[] = {
	{"chmod g+s of the user's file of a group not the user's drops the bit, as user",
	 &as_user, chmod_setgid_not_member, 0755, USER_ID, SOME_GID, 0},
	{"chmod g+s of the user's file of the user's group keeps it, as user", &as_user,
	 chmod_setgid_member, 0755, USER_ID, USER_ID, 0},
	{"chmod keeps the file's type and takes only the 07777 bits", &as_root, chmod_type_bits,
	 0644, 0, 0, 0},
	{"chgrp of the user's 06755 file clears both set-id bits, as user", &as_user,
	 chgrp_clears_setid, 06755, USER_ID, SOME_GID, 0},
	{"chown by root clears set-user-id, and set-group-id with group x", &as_root,
	 root_chown_clears_setid, 06755, 0, 0, 0},
	{"chown of a directory keeps its set-id bits", &as_root, chown_dir_keeps_setid, 0644, 0, 0,
	 0},
	{"fchmod through an O_RDONLY descriptor, by the owner", &as_user, fchmod_read_only_fd,
	 0400, USER_ID, USER_ID, 0},
	{"fchown of the user's file to another user, as user", &as_user, fchown_as_user, 0644,
	 USER_ID, USER_ID, EPERM},
	{"fchownat, lchown and fchmodat change owner, group and mode", &as_root, at_calls, 0644, 0,
	 0, 0},
	{"fchownat with an unknown flag", &as_root, fchownat_bad_flag, 0644, 0, 0, EINVAL},
};

static void check_chmod_chown(void)
{
	for (size_t i = 0; i < sizeof(owner_checks) / sizeof(owner_checks[0]); i++) {
		const struct owner_check *c = &owner_checks[i];
		int made = make_file("f", c->mode, c->uid, c->gid) == 0;

		check_result(made ? run_as(c->who, c->op, NULL) : DIED, c->want, "%s", c->what);
		empty_dir(".");
	}
}

/* ---- access: the real ids, or the effective ones with AT_EACCESS ---- */

/* "R E": become real uid R, effective E (saved 0), then access and open root600. */
static int access_split_ids(const char *ids)
{
	uid_t r = (uid_t)atoi(ids), e = (uid_t)atoi(strchr(ids, ' ') + 1);
	int access_err, open_err, eaccess_err;

	EXPECT_OK(setresuid(r, e, 0));
	access_err = err_of(access("root600", R_OK));
	open_err = open_close("root600", O_RDONLY);
	eaccess_err = err_of(faccessat(AT_FDCWD, "root600", R_OK, AT_EACCESS));
	if (open_err != eaccess_err || (access_err == 0) == (open_err == 0))
		return WRONG;
	return access_err;
}

static int access_walk_real_ids(const char *unused)
{
	struct stat st;

	EXPECT_OK(setresuid(USER_ID, 0, 0));
	if (stat("noexec/f", &st) != 0)
		return WRONG;
	return err_of(access("noexec/f", F_OK));
}

static int access_bad_mode(const char *unused)
{
	return err_of(access("root644", 8));
}

static int faccessat_bad_flag(const char *unused)
{
	return err_of(faccessat(AT_FDCWD, "root644", R_OK, 0x1));
}

static int faccessat_plain(const char *unused)
{
	return err_of(faccessat(AT_FDCWD, "root644", R_OK | W_OK, 0));
}

static void check_access(void)
{
	int made = tree_make() == 0;

	check_result(made ? run_as(&as_root, access_split_ids, "1000 0") : DIED, EACCES,
		     "access with real uid 1000, effective 0: EACCES where open and AT_EACCESS "
		     "are allowed");
	check_result(made ? run_as(&as_root, access_split_ids, "0 1000") : DIED, 0,
		     "access with real uid 0, effective 1000: allowed where open and AT_EACCESS "
		     "are EACCES");
	check_result(made ? run_as(&as_root, access_walk_real_ids, NULL) : DIED, EACCES,
		     "access searches the directories with the real ids too");
	check_result(made ? run_as(&as_root, access_bad_mode, NULL) : DIED, EINVAL,
		     "access with a mode other than R_OK, W_OK, X_OK bits");
	check_result(made ? run_as(&as_root, faccessat_bad_flag, NULL) : DIED, EINVAL,
		     "faccessat with an unknown flag");
	check_result(made ? run_as(&as_root, faccessat_plain, NULL) : DIED, 0,
		     "faccessat(AT_FDCWD, name, R_OK | W_OK, 0) as root");
	empty_dir(".");
}

/* ---- exec ---- */

/* Copy this program to name, then give it mode, uid and gid. */
static int copy_self(const char *name, mode_t mode, uid_t uid, gid_t gid)
{
	char buf[4096];
	int in = open(self_path, O_RDONLY), out = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	ssize_t n = -1;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (n != 0 || chown(name, uid, gid) != 0)
		return -1;
	return chmod(name, mode);
}

static const struct node programs[] = {
	{"prog755", S_IFREG | 0755, 0, 0}, {"prog700", S_IFREG | 0700, 0, 0},
	{"prog644", S_IFREG | 0644, 0, 0}, {"prog111", S_IFREG | 0111, 0, 0},
	{"prog010", S_IFREG | 0010, 0, USER_ID}, {"prog010r", S_IFREG | 0010, 0, 0},
	{"noexec/prog", S_IFREG | 0755, 0, 0},
};

static const struct rule exec_rules[] = {
	{"execve of root's 0755 program", op_exec, "prog755", RAN, RAN},
	{"execve of root's 0700 program", op_exec, "prog700", RAN, EACCES},
	{"execve of a 0644 program (root too needs an x bit)", op_exec, "prog644", EACCES, EACCES},
	{"execve of a 0111 program (no read permission needed)", op_exec, "prog111", RAN, RAN},
	{"execve of a 0010 program of the user's group", op_exec, "prog010", RAN, RAN},
	{"execve of a 0010 program of root's group", op_exec, "prog010r", RAN, EACCES},
	{"execve of a directory", op_exec, "open", EACCES, EACCES},
	{"execve of a program in a 0644 directory", op_exec, "noexec/prog", RAN, EACCES},
};

static void check_exec(void)
{
	int made = tree_make() == 0;

	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		made &= copy_self(programs[i].path, programs[i].mode & 07777, programs[i].uid,
				  programs[i].gid) == 0;
	for (size_t i = 0; i < sizeof(exec_rules) / sizeof(exec_rules[0]); i++) {
		const struct rule *rule = &exec_rules[i];

		check_rule(rule, &as_root, made ? run_as(&as_root, rule->op, rule->arg) : DIED);
		check_rule(rule, &as_user, made ? run_as(&as_user, rule->op, rule->arg) : DIED);
	}
	empty_dir(".");
}

/* ---- read-only mounts ---- */

static int remount(const char *target, unsigned long flags)
{
	return err_of(mount("none", target, "ramfs", MS_REMOUNT | flags, NULL));
}

/* Whether /proc/mounts shows a mount ending in "/name" with options starting "opts". */
static int mounts_show(const char *name, const char *opts)
{
	char line[512], want[128];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	snprintf(want, sizeof(want), "/%s ramfs %s", name, opts);
	while (f && fgets(line, sizeof(line), f))
		found |= strstr(line, want) != NULL;
	if (f)
		fclose(f);
	return found;
}

static int op_remount_ro(const char *p)
{
	return remount(p, MS_RDONLY);
}

static int op_chown_root(const char *p)
{
	return err_of(chown(p, 0, 0));
}

static const struct rule read_only_rules[] = {
	{"open O_RDONLY of a file on a read-only mount", op_read, "ro/f", 0, 0},
	{"open O_WRONLY of a 0666 file on a read-only mount", op_write, "ro/f", EROFS, EROFS},
	{"open O_RDWR on a read-only mount", op_rdwr, "ro/f", EROFS, EROFS},
	{"open O_RDONLY|O_TRUNC on a read-only mount", op_read_trunc, "ro/f", EROFS, EROFS},
	{"open O_CREAT|O_EXCL on a read-only mount", op_create, "ro/new", EROFS, EROFS},
	{"mkdir on a read-only mount (EROFS before EACCES)", op_mkdir, "ro/new", EROFS, EROFS},
	{"mkdir of a name that exists on a read-only mount", op_mkdir, "ro/d", EEXIST, EEXIST},
	{"rmdir on a read-only mount", op_rmdir, "ro/d", EROFS, EROFS},
	{"unlink on a read-only mount", op_unlink, "ro/f", EROFS, EROFS},
	{"unlink of a missing name on a read-only mount", op_unlink, "ro/none", EROFS, EROFS},
	{"rename on a read-only mount", op_rename, "ro/f ro/g", EROFS, EROFS},
	{"mknod of a FIFO on a read-only mount", op_mkfifo, "ro/fifo", EROFS, EROFS},
	{"chmod on a read-only mount", op_chmod, "ro/f", EROFS, EROFS},
	{"chown on a read-only mount", op_chown_root, "ro/f", EROFS, EROFS},
	{"truncate on a read-only mount", op_truncate, "ro/f", EROFS, EROFS},
	{"access W_OK of a 0666 file on a read-only mount", op_access_w, "ro/f", EROFS, EROFS},
	{"access R_OK on a read-only mount", op_access_r, "ro/f", 0, 0},
	{"open O_WRONLY of /dev/null's node on a read-only mount (devices may be written)",
	 op_write, "ro/null", 0, 0},
	{"remount of a mount read-only", op_remount_ro, "ro", 0, EPERM},
};

/* Mount a ramfs on "ro" with a file, a directory and a device node, then make it read-only. */
static int read_only_setup(void)
{
	if (mkdir("ro", 0755) != 0 || mount("none", "ro", "ramfs", 0, NULL) != 0)
		return -1;
	if (make_file("ro/f", 0666, 0, 0) != 0 || mkdir("ro/d", 0777) != 0 ||
	    mknod("ro/null", S_IFCHR | 0666, 0x103) != 0 || chmod("ro/null", 0666) != 0)
		return -1;
	return remount("ro", MS_RDONLY);
}

static void check_read_only_busy(void)
{
	int fd;

	check_result(remount("ro", 0), 0, "remount read-write");
	fd = open("ro/f", O_WRONLY);
	check_result(fd >= 0 ? remount("ro", MS_RDONLY) : DIED, EBUSY,
		     "remount read-only while a file is open for writing");
	if (fd >= 0)
		close(fd);
	check_result(remount("ro", MS_RDONLY), 0, "remount read-only once it is closed");
	check_result(remount("ro/d", MS_RDONLY), EINVAL,
		     "remount of a directory that is no mount's root");
	check_result(remount("ro", 0) == 0 && mkdir("ro/new", 0755) == 0 && rmdir("ro/new") == 0
			 ? 0
			 : WRONG,
		     0, "remount read-write, and mkdir works again");
}

static void check_read_only_fresh(void)
{
	int err;

	if (mkdir("fresh", 0755) != 0) {
		check_result(errno, 0, "mkdir of a mount point");
		return;
	}
	err = err_of(mount("none", "fresh", "ramfs", MS_RDONLY, NULL));
	check_result(err, 0, "mount(MS_RDONLY) of a new ramfs");
	if (err == 0) {
		check_result(mounts_show("fresh", "ro") ? 0 : WRONG, 0,
			     "/proc/mounts shows the new mount as ro");
		check_result(err_of(mkdir("fresh/d", 0755)), EROFS,
			     "mkdir in a file system mounted read-only");
		umount("fresh");
	}
	rmdir("fresh");
}

static void check_read_only(void)
{
	int made;

	if (geteuid() != 0) {
		tap_skip("read-only mounts", "not root");
		return;
	}
	made = tree_make() == 0 && read_only_setup() == 0;
	check_result(made ? 0 : DIED, 0, "mount a ramfs, fill it, remount it read-only");
	check_result(made && mounts_show("ro", "ro") ? 0 : WRONG, 0,
		     "/proc/mounts shows the read-only mount as ro");
	for (size_t i = 0; i < sizeof(read_only_rules) / sizeof(read_only_rules[0]); i++) {
		const struct rule *rule = &read_only_rules[i];

		check_rule(rule, &as_root, made ? run_as(&as_root, rule->op, rule->arg) : DIED);
		check_rule(rule, &as_user, made ? run_as(&as_user, rule->op, rule->arg) : DIED);
	}
	if (made)
		check_read_only_busy();
	umount("ro");
	check_read_only_fresh();
	empty_dir(".");
}

/* A ramfs mounted noexec: no program on it runs, not even root's. */
static void check_noexec(void)
{
	int made;

	if (geteuid() != 0) {
		tap_skip("execve on a noexec mount", "not root");
		return;
	}
	made = mkdir("nx", 0755) == 0 && mount("none", "nx", "ramfs", MS_NOEXEC, NULL) == 0;
	made = made && copy_self("nx/prog", 0755, 0, 0) == 0;
	check_result(made ? run_as(&as_root, op_exec, "nx/prog") : DIED, EACCES,
		     "execve of a 0755 program on a noexec mount, as root");
	umount("nx");
	empty_dir(".");
}

/* A ramfs mounted nodev: no device node on it opens, not even for root. */
static void check_nodev(void)
{
	int made;

	if (geteuid() != 0) {
		tap_skip("open of a device node on a nodev mount", "not root");
		return;
	}
	made = mkdir("nd", 0755) == 0 && mount("none", "nd", "ramfs", MS_NODEV, NULL) == 0 &&
	       mknod("nd/null", S_IFCHR | 0666, 0x103) == 0;
	check_result(made ? run_as(&as_root, op_rdwr, "nd/null") : DIED, EACCES,
		     "open of /dev/null's node on a nodev mount, as root");
	umount("nd");
	empty_dir(".");
}

/* ---- devices, /proc, and what only root may do ---- */

static int stat_is(const char *path, mode_t mode, uid_t uid)
{
	struct stat st;

	return stat(path, &st) == 0 && st.st_mode == mode && st.st_uid == uid;
}

static int op_user_proc(const char *ppid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%s/status", ppid);
	return open_close(path, O_RDONLY);
}

/*
 * A program the user runs: its /proc directory and files are the user's.  (It runs a program,
 * since on Linux a process that changed its ids without executing since shows root's.)
 */
static int proc_of_user_child(void)
{
	struct stat dir, status;
	char path[64];
	pid_t pid;
	int release, ok;

	if (copy_self("waiter", 0755, 0, 0) != 0)
		return DIED;
	release = start_waiter(&as_user, NULL, "./waiter", &pid);
	unlink("waiter");
	if (release < 0)
		return DIED;
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	ok = stat(path, &dir) == 0 && dir.st_uid == USER_ID && dir.st_gid == USER_ID &&
	     dir.st_mode == (S_IFDIR | 0555);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	ok = ok && stat(path, &status) == 0 && status.st_uid == USER_ID &&
	     status.st_gid == USER_ID && status.st_mode == (S_IFREG | 0444);
	stop_waiter(release, pid);
	return ok ? 0 : WRONG;
}

static int op_mount(const char *p)
{
	return err_of(mount("none", p, "ramfs", 0, NULL));
}

static int op_umount(const char *p)
{
	return err_of(umount2(p, 0));
}

static int op_reboot(const char *p)
{
	return err_of(syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0));
}

static int op_syslog(const char *type)
{
	return err_of(syscall(SYS_syslog, atoi(type), NULL, 0));
}

static const struct rule root_only_rules[] = {
	{"mount", op_mount, ".", 0, EPERM},
	{"umount2 of /proc", op_umount, "/proc", 0, EPERM},
	{"reboot (power off)", op_reboot, NULL, 0, EPERM},
	{"syslog SYSLOG_ACTION_CLEAR", op_syslog, "5", 0, EPERM},
	{"syslog SYSLOG_ACTION_READ_CLEAR", op_syslog, "4", 0, EPERM},
};

static void check_devices_and_proc(void)
{
	char ppid[16];

	check_result(stat_is("/dev/console", S_IFCHR | 0600, 0) ? 0 : WRONG, 0,
		     "/dev/console is root's, mode 0600");
	check_result(stat_is("/dev/null", S_IFCHR | 0666, 0) &&
			     stat_is("/dev/zero", S_IFCHR | 0666, 0)
			 ? 0
			 : WRONG,
		     0, "/dev/null and /dev/zero are root's, mode 0666");
	check_result(run_as(&as_user, op_rdwr, "/dev/null"), 0,
		     "open O_RDWR of /dev/null, as user");
	check_result(run_as(&as_user, op_rdwr, "/dev/console"), EACCES,
		     "open O_RDWR of /dev/console, as user");
	check_result(proc_of_user_child(), 0,
		     "/proc/<pid> of the user's process: a 0555 directory, 0444 files, the user's");
	snprintf(ppid, sizeof(ppid), "%d", (int)getpid());
	check_result(run_as(&as_user, op_user_proc, ppid), 0,
		     "/proc/<pid>/status of root's process, read as user");
	for (size_t i = 0; i < sizeof(root_only_rules) / sizeof(root_only_rules[0]); i++) {
		/* As root only on Corral: a host must not be powered off or its log cleared. */
		check_result(run_as(&as_user, root_only_rules[i].op, root_only_rules[i].arg), EPERM,
			     "%s, as user", root_only_rules[i].what);
	}
	if (on_corral())
		check_result(op_syslog("5"), 0, "syslog SYSLOG_ACTION_CLEAR, as root");
	else
		tap_skip("syslog SYSLOG_ACTION_CLEAR, as root", "not on a host's own log");
}

/* ---- the run ---- */

/* This program's path, made absolute, for the exec checks (run from the scratch directory). */
static void find_self(const char *argv0)
{
	char cwd[PATH_LEN];

	if (argv0[0] == '/')
		snprintf(self_path, sizeof(self_path), "%s", argv0);
	else if (strchr(argv0, '/') && getcwd(cwd, sizeof(cwd)) &&
		 strlen(cwd) + strlen(argv0) + 2 <= sizeof(self_path))
		strcat(strcat(strcpy(self_path, cwd), "/"), argv0);
	else
		snprintf(self_path, sizeof(self_path), "/bin/%s", argv0);
}

static void run_all(int initial_umask)
{
	check_ids();
	check_groups();
	check_inheritance();
	check_kill();
	check_umask_and_owners(initial_umask);
	run_changing_rules();
	run_reading_rules();
	check_chmod_chown();
	check_access();
	check_exec();
	check_read_only();
	check_noexec();
	check_nodev();
	check_devices_and_proc();
}

int main(int argc, char **argv)
{
	char scratch[SCRATCH_NAME_MAX];
	int initial_umask;

	if (argc > 1 && strcmp(argv[1], "exit-ran") == 0)
		return RAN;
	if (argc > 3 && strcmp(argv[1], "wait") == 0)
		return wait_for_release(atoi(argv[2]), atoi(argv[3]));
	find_self(argv[0]);
	printf("# permtests, pid %d, %s\n", (int)getpid(), self_path);
	if (geteuid() != 0) {
		tap_skip("permtests", "needs root, to become other users");
		return tap_done();
	}
	initial_umask = umask(022);
	snprintf(scratch, sizeof(scratch), "permtests-%d", (int)getpid());
	if (mkdir(scratch, 0755) != 0 || chmod(scratch, 0755) != 0 || chdir(scratch) != 0) {
		tap_check(0, "permtests: a scratch directory can be made");
		return tap_done();
	}
	run_all(initial_umask);
	chdir("..");
	tap_check(rmdir(scratch) == 0,
		  "permtests: the scratch directory is empty again at the end");
	return tap_done();
}
