# Corral's one build.
#
#   make            the kernel (build/corral.elf), the GRUB ISO (build/corral.iso), newlib (built
#                   once into a cache outside the checkout) and the user programs
#   make run        boot the ISO in QEMU, serial console on this terminal (Ctrl-A X quits)
#   make run-kernel boot build/corral.elf through QEMU's -kernel (multiboot1)
#   make gdb        QEMU halted with a gdb stub, and gdb attached with symbols
#   make test       host unit tests, in-kernel tests and boot tests; ends with the line
#                   "N passed, N failed, N skipped"
#   make bench      benchmarks (boot time, system calls, fork, exec), as "BENCH name value unit"
#                   lines, measured on a build without debug checks
#   make bench-linux  the same, then the same programs on Linux 6.1 in the same QEMU (fetched
#                   once into the cache), side by side; a chart in build/bench/compare.svg
#   make format     clang-format every C file
#   make lab LAB=N DIR=PATH   lab N's student tree in PATH: this tree with the lab's marked
#                   regions replaced by their stubs (scripts/lab.py; docs/labs/README.md)
#   make grade LAB=N  build, then grade lab N in this tree: named checks under QEMU, a score
#
# CPUS=N and MEM=SIZE pass through to QEMU; O=DIR puts every output in DIR (default build).
# With more CPUs than the host has cores, QEMU runs them in one thread, in turn
# (TCG_THREADS=single; see tests/boot's tcg_accel() for why).
# V=1 shows the full commands.  Sources are found by wildcard: a new .c or .S file under
# arch/x86_64, kernel, lib or fs is part of the kernel with no edit here.  DEBUG=0 turns off the
# debug checks (poisoning, lock checks).

O ?= build
V ?= 0
CPUS ?= 1
MEM ?= 128M
DEBUG ?= 1

CC := gcc
LD := ld
NM := nm
OBJCOPY := objcopy
PYTHON := python3
QEMU := qemu-system-x86_64

DEPS_STAMP := $(O)/.deps-checked
CONFIG_MK := $(O)/config.mk

# A few values come from asking the tools: gcc's own header directory (GCC_INCLUDE), the libgcc it
# links with (USER_LIBGCC) and newlib's directory in its cache (NEWLIB_DIR, named by a hash that
# includes gcc's version).  Make must not ask while it reads this file: on a fresh machine gcc is
# missing until scripts/deps.sh installs it, and that happens only when a rule runs.  So the rule
# for $(CONFIG_MK) (below) runs deps.sh first and then writes the answers there; make, seeing that a
# makefile it includes was remade, reads everything again with them.  While make reads this file the
# first time they are empty, and no rule uses them then.  Only coreutils and findutils (on every
# Debian) run as make reads.  `make clean` and `make format` need no tool of the build: they skip
# all this and never install anything.
NO_TOOL_GOALS := clean format lab
ifneq ($(filter-out $(NO_TOOL_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(CONFIG_MK)
endif

KERNEL_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc -isystem $(GCC_INCLUDE) \
	-fno-pie -fno-pic -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls \
	-fno-builtin \
	-fno-common -fno-strict-aliasing -fno-asynchronous-unwind-tables \
	-mno-red-zone -mcmodel=kernel -mno-sse -mno-sse2 -mno-mmx -mno-80387 -mgeneral-regs-only \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wstrict-prototypes -Wmissing-prototypes \
	-Iinclude -Iarch/x86_64/include -DCONFIG_DEBUG=$(DEBUG)
KERNEL_ASFLAGS := -D__ASSEMBLY__ -Iinclude -Iarch/x86_64/include -g
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments \
	-T linker.ld

KERNEL_SRC := $(sort $(shell find arch/x86_64 kernel lib fs -name '*.c' -o -name '*.S'))
KERNEL_OBJ := $(patsubst %,$(O)/%.o,$(KERNEL_SRC))

HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -fno-builtin \
	-Iinclude -DHOST_TEST
LIB_SRC := $(sort $(wildcard lib/*.c))
HOST_LIB_OBJ := $(patsubst %,$(O)/host/%.o,$(LIB_SRC))
HOST_TEST_SRC := $(sort $(wildcard tests/host/*_test.c))
HOST_TESTS := $(patsubst tests/host/%.c,$(O)/tests/host/%,$(HOST_TEST_SRC))

# Short progress lines ("CC kernel/main.c") unless V=1.
ifeq ($(V),1)
Q :=
say :=
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2);
endif

HOST_CORES := $(shell nproc 2>/dev/null || echo 1)
TCG_THREADS ?= $(if $(shell [ $(CPUS) -gt $(HOST_CORES) ] && echo more),single,multi)
# -nodefaults leaves out the VGA card, network card, floppy and parallel port, for which Corral
# has no driver (the BIOS would spend about 50 ms on the first two before the kernel runs).
QEMU_COMMON := -nodefaults -m $(MEM) -smp $(CPUS) -accel tcg,thread=$(TCG_THREADS) -no-reboot \
	-display none -serial mon:stdio

.PHONY: all kernel iso initramfs run run-kernel gdb test host-tests bench bench-linux soak fuzz \
	lab grade format clean deps FORCE
all: kernel iso host-tests user initramfs

kernel: $(O)/corral.elf
iso: $(O)/corral.iso
host-tests: $(HOST_TESTS)

# Install what the build needs (Debian packages) once per build directory.
deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/deps.sh
	@mkdir -p $(@D)
	@sh scripts/deps.sh
	@touch $@

# A rule that depends on FORCE always runs.  Those here write FILE.tmp, then keep FILE as it
# was, time stamp included, when nothing changed: what depends on FILE is remade only when its
# contents change.
FORCE:
update_if_changed = if cmp -s $(1).tmp $(1); then rm -f $(1).tmp; else mv $(1).tmp $(1); fi

# The tools' answers (see the top of this file), asked again on every make: a new gcc or a
# change to newlib's inputs changes them.
$(CONFIG_MK): FORCE | $(DEPS_STAMP)
	$(Q)gcc_include=$$($(CC) -print-file-name=include) && \
	libgcc=$$($(CC) -print-libgcc-file-name) && \
	newlib=$$(sh scripts/newlib.sh --path) && \
	printf '%s\n' "# The tools' answers, written by make (see the Makefile); do not edit." \
		"GCC_INCLUDE := $$gcc_include" "USER_LIBGCC := $$libgcc" \
		"NEWLIB_DIR := $$newlib" > $@.tmp
	$(Q)$(call update_if_changed,$@)

# ---- the kernel ----------------------------------------------------------------------------
$(O)/%.c.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call say,CC,$<)$(CC) $(KERNEL_CFLAGS) -MMD -MP -c $< -o $@

$(O)/%.S.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call say,AS,$<)$(CC) $(KERNEL_CFLAGS) $(KERNEL_ASFLAGS) -MMD -MP -c $< -o $@

# The symbol table for backtraces is made in two links: the first with an empty table gives the
# final address of every function (the table sits after all code, so its size moves no
# function), the second links the table made from the first.
$(O)/ksyms-empty.S: scripts/ksyms.awk
	@mkdir -p $(@D)
	$(Q)awk -f scripts/ksyms.awk < /dev/null > $@

$(O)/ksyms.S: $(O)/corral.pass1.elf scripts/ksyms.awk
	$(call say,KSYMS,$@)$(NM) -n $< | awk -f scripts/ksyms.awk > $@

$(O)/ksyms.o $(O)/ksyms-empty.o: %.o: %.S
	$(Q)$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

$(O)/corral.pass1.elf: $(KERNEL_OBJ) $(O)/ksyms-empty.o linker.ld
	$(call say,LD,$@)$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJ) $(O)/ksyms-empty.o

$(O)/corral.elf: $(KERNEL_OBJ) $(O)/ksyms.o linker.ld scripts/check-image.sh
	$(call say,LD,$@)$(LD) $(KERNEL_LDFLAGS) -o $@.tmp $(KERNEL_OBJ) $(O)/ksyms.o
	$(Q)sh scripts/check-image.sh $(O)/corral.pass1.elf $@.tmp
	$(Q)mv $@.tmp $@

# ---- the GRUB ISO (multiboot2) -------------------------------------------------------------
$(O)/corral.iso: $(O)/corral.elf $(O)/initramfs.cpio scripts/mkiso.sh
	$(call say,ISO,$@)sh scripts/mkiso.sh $(O)/corral.elf $@ "" $(O)/initramfs.cpio

# ---- host unit tests of lib/ ---------------------------------------------------------------
# lib/ is compiled for the host with every symbol renamed corral_*, so a test can compare
# corral_snprintf with the C library's snprintf in one program.
$(O)/host/%.c.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@.tmp
	$(Q)$(OBJCOPY) --prefix-symbols=corral_ $@.tmp $@
	@rm -f $@.tmp

$(O)/tests/host/%: tests/host/%.c $(HOST_LIB_OBJ) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call say,HOSTCC,$<)$(CC) -std=gnu11 -O1 -g -Wall -Wextra -Werror -Itests/host -Iinclude \
		-MMD -MP $< \
		$(HOST_LIB_OBJ) -o $@

.SECONDARY: $(HOST_LIB_OBJ)

# ---- user programs and newlib (user/user.mk) -----------------------------------------------
include user/user.mk

# ---- the initramfs -------------------------------------------------------------------------
# The root file system's first contents: rootfs/ as it is, every user program in /bin, the
# empty directories the kernel mounts devfs, procfs and a tmpfs on, and those a Unix user
# expects, with their owners and modes: root's home, user's (uid and gid 1000), and /sbin.
# scripts/mkcpio.py makes the same bytes from the same inputs.
ROOTFS_FILES := $(shell find rootfs -type f)
INITRAMFS_DIRS := --dir /dev --dir /proc --dir /tmp:1777 --dir /root:0700 \
	--dir /home/user:1000:1000:0755 --dir /sbin

initramfs: $(O)/initramfs.cpio $(O)/tests/initramfs-truncated.cpio

# The image carries the programs without their debug information, a tenth of the size (gdb
# reads the symbols from build/user/bin).  Those of SBIN_PROGRAMS go in /sbin, the rest in /bin.
SBIN_PROGRAMS := container-reaper
BIN_PROGRAMS := $(filter-out $(SBIN_PROGRAMS),$(USER_PROGRAMS))
USER_STRIPPED := $(addprefix $(O)/user/stripped/,$(BIN_PROGRAMS)) \
	$(addprefix $(O)/user/sbin/,$(SBIN_PROGRAMS))

$(O)/user/stripped/% $(O)/user/sbin/%: $(O)/user/bin/%
	@mkdir -p $(@D)
	$(call say,STRIP,$@)strip -o $@ $<

# Make remakes a target when an input is newer than it, never when an input disappears.  So
# $(O)/initramfs.list names what goes in the image: every file and folder of rootfs/ with its
# permissions, every program, and the directories of INITRAMFS_DIRS with their owners.  It is
# rewritten only when that changes, and the image depends on it: deleting a program or a file,
# adding one with an old time stamp, a chmod, or a change to INITRAMFS_DIRS remakes the image.  Since the image packs the whole of $(O)/user/stripped, the same rule
# first deletes there, and in $(O)/user/bin, the programs whose source is gone.
$(O)/initramfs.list: FORCE
	@mkdir -p $(@D) $(O)/user/bin $(O)/user/stripped $(O)/user/sbin
	$(Q)for f in $(O)/user/bin/*; do \
		case " $(USER_PROGRAMS) " in *" $${f##*/} "*) ;; *) rm -rf "$$f" ;; esac; \
	done
	$(Q)for f in $(O)/user/stripped/*; do \
		case " $(BIN_PROGRAMS) " in *" $${f##*/} "*) ;; *) rm -rf "$$f" ;; esac; \
	done
	$(Q)for f in $(O)/user/sbin/*; do \
		case " $(SBIN_PROGRAMS) " in *" $${f##*/} "*) ;; *) rm -rf "$$f" ;; esac; \
	done
	$(Q){ find rootfs -printf '%p %M\n' | LC_ALL=C sort; printf 'bin/%s\n' $(BIN_PROGRAMS); \
		printf 'sbin/%s\n' $(SBIN_PROGRAMS); echo $(INITRAMFS_DIRS); } > $@.tmp
	$(Q)$(call update_if_changed,$@)

$(O)/initramfs.cpio: $(O)/initramfs.list $(ROOTFS_FILES) $(USER_STRIPPED) scripts/mkcpio.py \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call say,CPIO,$@)$(PYTHON) scripts/mkcpio.py -o $@ --tree /=rootfs \
		--tree /bin=$(O)/user/stripped --tree /sbin=$(O)/user/sbin $(INITRAMFS_DIRS)

# A damaged archive, for the test that the kernel rejects one and boots on (tests/suites.py).
$(O)/tests/initramfs-truncated.cpio: $(O)/initramfs.cpio
	@mkdir -p $(@D)
	$(Q)head -c 300 $< > $@

# ---- running it ----------------------------------------------------------------------------
# The ISO boots on q35, whose AHCI CD-ROM the BIOS reads with DMA (tests/boot: machine_type()).
run: $(O)/corral.iso
	$(QEMU) -machine q35 $(QEMU_COMMON) -cdrom $(O)/corral.iso -boot d

# qboot, QEMU's minimal firmware, starts a -kernel boot about 25 ms sooner than SeaBIOS.
run-kernel: $(O)/corral.elf $(O)/initramfs.cpio
	$(QEMU) $(QEMU_COMMON) -bios qboot.rom -kernel $(O)/corral.elf -initrd $(O)/initramfs.cpio -append "$(APPEND)"

gdb: $(O)/corral.elf $(O)/initramfs.cpio
	@sh scripts/deps.sh gdb
	$(QEMU) -nodefaults -bios qboot.rom -m $(MEM) -smp $(CPUS) -no-reboot -display none \
		-serial file:$(O)/gdb-serial.log \
		-kernel $(O)/corral.elf -initrd $(O)/initramfs.cpio -append "$(APPEND)" -s -S & \
	gdb -q -x scripts/gdbinit $(O)/corral.elf; kill $$! 2>/dev/null; true

test: all
	$(PYTHON) tests/run --build $(O) --mem $(MEM)

# Benchmarks measure the kernel without its debug checks (poisoning, lock checks), built
# apart in $(O)/bench so the tested build is left as it is.
bench:
	$(MAKE) --no-print-directory O=$(O)/bench DEBUG=0 kernel iso initramfs
	$(PYTHON) tests/bench --build $(O)/bench

# The programs of that image on Linux (tests/bench-linux runs tests/bench first, then Linux).
bench-linux:
	$(MAKE) --no-print-directory O=$(O)/bench DEBUG=0 kernel iso initramfs
	$(PYTHON) tests/bench-linux --build $(O)/bench

# The soak: releasetests and containerstress over and over on four CPUs for SOAK_SECONDS
# (user/bin/soak.c), then the checks for leaks and exactly-once delivery.  Fails on a failed
# check or a lock-order report; the serial log is $(O)/logs/soak.log.
SOAK_SECONDS ?= 600
soak: all
	@mkdir -p $(O)/logs
	$(PYTHON) tests/boot --build $(O) --smp 4 --timeout $$(($(SOAK_SECONDS) + 600)) \
		--log $(O)/logs/soak.log --append "init=/bin/soak -- $(SOAK_SECONDS)"
	@! grep -q "lockorder: possible inversion" $(O)/logs/soak.log || \
		{ echo "soak: a lock-order inversion was reported (see $(O)/logs/soak.log)"; exit 1; }

# The system-call fuzzer, long: /bin/fuzz as init on 4 CPUs (docs/syscalls.md, "Fuzzing the
# system calls").  SEED repeats a run; the time limit grows with CALLS.
SEED ?= 1
CALLS ?= 1000000
fuzz: all
	$(PYTHON) tests/boot --build $(O) --smp 4 --timeout $$(( 120 + $(CALLS) / 200 )) \
		--append "init=/bin/fuzz -- $(SEED) $(CALLS)"

# The labs (docs/labs/README.md).  A student tree is cut from the git-tracked files; the grade
# is the score of the tree make runs in.
lab:
	@test -n "$(LAB)" -a -n "$(DIR)" || { echo "usage: make lab LAB=N DIR=PATH"; exit 2; }
	$(PYTHON) scripts/lab.py cut $(LAB) $(DIR)

grade: kernel initramfs
	@test -n "$(LAB)" || { echo "usage: make grade LAB=N"; exit 2; }
	$(PYTHON) tests/labs/grade.py --build $(O) $(LAB)

format:
	@sh scripts/deps.sh --only clang-format
	clang-format -i $$(find arch kernel lib fs include tests/host -name '*.[ch]')

clean:
	rm -rf $(O)

-include $(shell find $(O) -name '*.d' 2>/dev/null)
