/*
 * errnocheck: failing system calls set errno to the kernel's code, and the C library names it.
 *
 * Each check makes a call that must fail, and compares errno with the constant from <errno.h>
 * and with Linux's number for it (the kernel's ABI), printing strerror()'s text.  Prints TAP
 * lines and exits with the number of failed checks; runs on Corral and on Linux alike.
 */
#include <errno.h>
#include <fcntl.h>
#include <intprintf.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

/* ret is what the call returned: it must be -1, with errno == code == linux_code (Linux's). */
static void check_errno(long ret, int code, int linux_code, const char *what)
{
	int err = errno;

	printf("# %s: errno %d (%s)\n", what, err, strerror(err));
	tap_check(ret == -1 && err == code && code == linux_code, what);
}

int main(void)
{
	int status;

	check_errno(open("/no/such/file", O_RDONLY), ENOENT, 2, "open of a missing file");
	tap_check(strcmp(strerror(ENOENT), "No such file or directory") == 0,
		  "strerror(ENOENT) is \"No such file or directory\"");
	check_errno(close(-1), EBADF, 9, "close(-1)");
	check_errno(mkdir("/", 0755), EEXIST, 17, "mkdir of /");
	check_errno(chdir("/dev/null"), ENOTDIR, 20, "chdir to a file that is no directory");
	check_errno(open((const char *)1, O_RDONLY), EFAULT, 14, "open of a bad pointer");
	check_errno(kill(0x7ffffff0, 0), ESRCH, 3, "kill of a pid nobody has");
	check_errno(waitpid(-1, &status, 0), ECHILD, 10, "waitpid without children");
	check_errno(syscall(1000), ENOSYS, 38, "an unknown system call");
	check_errno(rmdir("/no/such/dir"), ENOENT, 2, "rmdir of a missing directory");
	check_errno(sigaction(0, NULL, NULL), EINVAL, 22, "sigaction of signal 0");
	tap_done();
	return tap_failures;
}
