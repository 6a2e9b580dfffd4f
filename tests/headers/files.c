/*
 * A Linux program that uses the file calls Corral has, with the headers Linux's C library
 * declares them in: it must compile unchanged against glibc and against Corral's C library
 * (tests/headers/host_test.py builds it both ways; it is not run).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
	char buf[256], cwd[256];
	struct stat st;
	int fds[2], fd;
	DIR *dir;

	if (argc < 2)
		return 0;
	fd = open(argv[1], O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	fd = openat(AT_FDCWD, argv[1], O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	read(fd, buf, sizeof(buf));
	write(fd, buf, 1);
	pread(fd, buf, 1, 0);
	lseek(fd, 0, SEEK_SET);
	fstat(fd, &st);
	stat(argv[1], &st);
	lstat(argv[1], &st);
	fcntl(fd, F_DUPFD_CLOEXEC, 3);
	ioctl(fd, 0, buf);
	dup(fd);
	dup2(fd, 9);
	dup3(fd, 10, O_CLOEXEC);
	pipe(fds);
	pipe2(fds, O_CLOEXEC | O_NONBLOCK);
	truncate(argv[1], 0);
	ftruncate(fd, 0);
	getcwd(cwd, sizeof(cwd));
	chdir("/");
	mkdir(argv[1], 0755);
	rmdir(argv[1]);
	unlink(argv[1]);
	rename(argv[1], "x");
	renameat(AT_FDCWD, argv[1], AT_FDCWD, "x");
	utimensat(AT_FDCWD, argv[1], times, AT_SYMLINK_NOFOLLOW);
	utimensat(fd, "", NULL, AT_EMPTY_PATH);
	futimens(fd, times);
	getdents64(fd, buf, sizeof(buf));
	dir = opendir("/");
	readdir(dir);
	closedir(dir);
	mount("none", "/mnt", "tmpfs", MS_NOSUID, "mode=1777");
	umount2("/mnt", MNT_FORCE);
	umount("/mnt");
	close(fd);
	return 0;
}
