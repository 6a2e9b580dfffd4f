/*
 * A Linux program that uses the machine's calls Corral has, and the user and group
 * databases, with the headers Linux's C library declares them in: it must compile unchanged
 * against glibc and against Corral's C library (tests/headers/host_test.py builds it both
 * ways; it is not run).
 */
#define _GNU_SOURCE
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/klog.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

int main(int argc, char **argv)
{
	struct passwd *pw, pw_entry;
	struct group *gr, gr_entry;
	struct utsname uts;
	struct sysinfo info;
	char log[64], buf[1024];
	gid_t groups[16];
	int ngroups = 16;

	if (argc < 2)
		return 0;
	uname(&uts);
	sysinfo(&info);
	printf("%s %ld %lu %lu %u %u\n", uts.sysname, info.uptime, info.totalram, info.freeram,
	       info.procs, info.mem_unit);
	printf("%d %d %ld %ld\n", get_nprocs(), get_nprocs_conf(), get_phys_pages(),
	       get_avphys_pages());
	klogctl(3, log, sizeof(log));
	pw = getpwnam(argv[1]);
	pw = getpwuid(0);
	getpwnam_r("root", &pw_entry, buf, sizeof(buf), &pw);
	getpwuid_r(0, &pw_entry, buf, sizeof(buf), &pw);
	setpwent();
	while ((pw = getpwent()) != NULL)
		printf("%s %d %d %s %s %s\n", pw->pw_name, pw->pw_uid, pw->pw_gid, pw->pw_gecos,
		       pw->pw_dir, pw->pw_shell);
	endpwent();
	gr = getgrnam(argv[1]);
	gr = getgrgid(0);
	getgrnam_r("root", &gr_entry, buf, sizeof(buf), &gr);
	getgrgid_r(0, &gr_entry, buf, sizeof(buf), &gr);
	setgrent();
	while ((gr = getgrent()) != NULL)
		printf("%s %d %s\n", gr->gr_name, gr->gr_gid, gr->gr_mem[0] ? gr->gr_mem[0] : "");
	endgrent();
	getgrouplist(argv[1], 0, groups, &ngroups);
	reboot(RB_POWER_OFF);
	return 0;
}
