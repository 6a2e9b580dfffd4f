/*
 * container_of(): from a pointer to a structure's member back to the structure itself.
 * Intrusive data structures (<lib/list.h>) embed their links in the objects they chain, and
 * use this to get from the links to the object.
 */
#ifndef LIB_STDDEF_H
#define LIB_STDDEF_H

#include <stddef.h>

/*
 * ptr points to the member called member inside a struct type; the result points to that
 * struct.  The first line makes the compiler reject a ptr whose type does not match member.
 */
#define container_of(ptr, type, member)                                                            \
	({                                                                                         \
		const __typeof__(((type *)0)->member) *_member_ptr = (ptr);                        \
		(type *)((char *)_member_ptr - offsetof(type, member));                            \
	})

#endif /* LIB_STDDEF_H */
