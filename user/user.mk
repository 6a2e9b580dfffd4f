# The user side of the build: newlib, the port in user/lib, and every program in user/bin.
# Included from the top Makefile, which sets O (the output directory) and CC, and reads from
# $(O)/config.mk what only the installed tools can tell: NEWLIB_DIR, the newlib in use (from
# scripts/newlib.sh --path), GCC_INCLUDE, gcc's own headers, and USER_LIBGCC.
#
#   make newlib   build newlib into its cache outside the checkout unless it is there already
#                 (scripts/newlib.sh; a few minutes, once per cache)
#   make user     build every program: user/bin/NAME.c, or the .c and .S files of a folder
#                 user/bin/NAME/, becomes $(O)/user/bin/NAME, with no edit here
#
# For the rest of the build: USER_PROGRAMS holds the program names, USER_BINS their files
# ($(O)/user/bin/NAME; that directory holds nothing else).
# Objects go to $(O)/user/obj/, mirroring user/.
#
# A program is a static ELF64 executable linked at 0x400000 (no PIE): crt0, the program's
# objects, then the port (libcorral.a), newlib's libc.a and libm.a and gcc's libgcc.a as one
# group, since each calls into the others.  It compiles against user/include (Corral's
# additions), then newlib's headers, then gcc's own (stddef.h, stdarg.h); never the host's.
# The same binaries run on Linux x86_64, whose system-call ABI Corral follows.

NEWLIB_LIBC := $(NEWLIB_DIR)/lib/libc.a
NEWLIB_LIBM := $(NEWLIB_DIR)/lib/libm.a

# The host compiler says __linux__; a Corral program is not built against Linux's headers, so
# it says __corral__ instead.
USER_TARGET_DEFS := -U__linux__ -U__linux -U__gnu_linux__ -Ulinux -D__corral__
USER_CFLAGS := -std=gnu11 -O2 -g -fno-pie -fno-stack-protector -ffunction-sections \
	-fdata-sections -nostdinc -isystem user/include -isystem $(NEWLIB_DIR)/include \
	-isystem $(GCC_INCLUDE) $(USER_TARGET_DEFS) -Wall -Wextra -Werror \
	-Wno-unused-parameter
USER_ASFLAGS := -nostdinc -isystem user/include $(USER_TARGET_DEFS) -g
USER_LDFLAGS := -static -nostdlib -no-pie -Wl,-Ttext-segment=0x400000 -Wl,--gc-sections \
	-Wl,-z,max-page-size=0x1000 -Wl,-z,noseparate-code -Wl,-z,noexecstack -Wl,--build-id=none

# ---- newlib --------------------------------------------------------------------------------
# The directory's name is a hash of newlib's inputs (see scripts/newlib.sh): when one changes,
# NEWLIB_DIR names a directory that is not there, and this rule builds it.  Every user
# object depends on libc.a, so a new newlib (perhaps with new header values) recompiles them.
.PHONY: newlib user
newlib: $(NEWLIB_LIBC)

$(NEWLIB_LIBC): | $(DEPS_STAMP)
	sh scripts/newlib.sh

$(NEWLIB_LIBM): $(NEWLIB_LIBC)

# ---- the port: crt0 and libcorral.a
# Objects depend on every header they include (-MD, not -MMD: user/include is a system
# directory to the compiler, and -MMD would leave its headers out). ----------------------------------------------------------
USER_OBJDIR := $(O)/user/obj
user_obj = $(patsubst user/%,$(USER_OBJDIR)/%.o,$(1))

USER_CRT0 := $(call user_obj,user/lib/crt0.S)
USER_PORT_SRC := $(filter-out user/lib/crt0.S,$(sort $(wildcard user/lib/*.c user/lib/*.S)))
USER_PORT_OBJ := $(call user_obj,$(USER_PORT_SRC))
USER_PORT_LIB := $(O)/user/libcorral.a

$(USER_PORT_LIB): $(USER_PORT_OBJ)
	@rm -f $@
	$(call say,AR,$@)ar rcs $@ $^

$(USER_OBJDIR)/%.c.o: user/%.c $(NEWLIB_LIBC)
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(USER_CFLAGS) -MD -MP -c $< -o $@

$(USER_OBJDIR)/%.S.o: user/%.S $(NEWLIB_LIBC)
	@mkdir -p $(@D)
	$(call say,AS,$<)$(CC) $(USER_ASFLAGS) -MD -MP -c $< -o $@

# ---- the programs --------------------------------------------------------------------------
USER_SINGLE := $(patsubst user/bin/%.c,%,$(wildcard user/bin/*.c))
USER_FOLDERS := $(patsubst user/bin/%/,%,$(sort $(dir $(wildcard user/bin/*/*.c user/bin/*/*.S))))
USER_PROGRAMS := $(sort $(USER_SINGLE) $(USER_FOLDERS))
USER_BINS := $(addprefix $(O)/user/bin/,$(USER_PROGRAMS))

ifneq ($(filter $(USER_SINGLE),$(USER_FOLDERS)),)
$(error user/bin: both NAME.c and a folder NAME/ for $(filter $(USER_SINGLE),$(USER_FOLDERS)))
endif

# The objects of program $(1)
user_objects = $(call user_obj,$(if $(filter $(1),$(USER_SINGLE)),user/bin/$(1).c, \
	$(sort $(wildcard user/bin/$(1)/*.c user/bin/$(1)/*.S))))

define user_program_rule
$(O)/user/bin/$(1): $(call user_objects,$(1)) $(USER_CRT0) $(USER_PORT_LIB) $(NEWLIB_LIBC) \
		$(NEWLIB_LIBM)
	@mkdir -p $$(@D)
	$$(call say,LD,$$@)$$(CC) $$(USER_LDFLAGS) -o $$@ $(USER_CRT0) $(call user_objects,$(1)) -Wl,--start-group \
		$(USER_PORT_LIB) $(NEWLIB_LIBC) $(NEWLIB_LIBM) $(USER_LIBGCC) -Wl,--end-group
endef
$(foreach p,$(USER_PROGRAMS),$(eval $(call user_program_rule,$(p))))

user: $(USER_BINS)

# ---- header probes -------------------------------------------------------------------------
# tests/headers/NAME.c is an ordinary Linux program that names the calls Corral has, each from
# the header Linux's C library declares it in.  tests/headers/host_test.py asks for
# $(O)/tests/headers/NAME, linked like a program (so a declaration or a function missing from
# the port fails here), and compiles the same file against the host's glibc.  Never run, never
# in the image.
$(O)/tests/headers/%: tests/headers/%.c $(USER_CRT0) $(USER_PORT_LIB) $(NEWLIB_LIBC) $(NEWLIB_LIBM)
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< \
		-Wl,--start-group $(USER_PORT_LIB) $(NEWLIB_LIBC) $(NEWLIB_LIBM) $(USER_LIBGCC) \
		-Wl,--end-group

-include $(shell find $(USER_OBJDIR) -name '*.d' 2>/dev/null)
