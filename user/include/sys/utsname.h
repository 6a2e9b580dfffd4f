/*
 * <sys/utsname.h> for Corral programs: struct utsname with the layout of Linux's new_utsname
 * (six fields of 65 bytes), as uname(2) fills it.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#ifdef __cplusplus
extern "C" {
#endif

#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];	  /* "Corral" */
	char nodename[_UTSNAME_LENGTH];	  /* Host name */
	char release[_UTSNAME_LENGTH];	  /* Kernel release */
	char version[_UTSNAME_LENGTH];	  /* Kernel version (build) */
	char machine[_UTSNAME_LENGTH];	  /* "x86_64" */
	char domainname[_UTSNAME_LENGTH]; /* NIS domain name */
};

int uname(struct utsname *);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_UTSNAME_H */
