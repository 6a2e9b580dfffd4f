/*
 * uname(2)'s struct utsname, with Linux's x86_64 layout: six NUL-terminated strings.
 */
#ifndef KERNEL_UTSNAME_H
#define KERNEL_UTSNAME_H

#define UTS_LENGTH 65 /* bytes in each field, the NUL included */

struct utsname_user {
	char sysname[UTS_LENGTH], nodename[UTS_LENGTH], release[UTS_LENGTH];
	char version[UTS_LENGTH], machine[UTS_LENGTH], domainname[UTS_LENGTH];
};

#endif
