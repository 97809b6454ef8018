# paycode: GNU make build.
#
#   make            libpaycode.a, libpaycode.so (SONAME libpaycode.so.0), paycode CLI
#   make demo       the main job end to end (see README.md)
#   make test       unit suites, conformance vectors, CLI end-to-end tests
#   make check      the tests under ASan+UBSan, then under valgrind memcheck
#   make fuzz       every libFuzzer target for FUZZ_SECONDS each
#   make bench      benchmarks (ratios against a baseline measured in the same run)
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install missing Debian 12 packages (root) or print the command
#
# CC, CFLAGS, LDFLAGS, BUILD (output folder) may be overridden.

VERSION      := 0.1.0
SOVERSION    := 0
CC           ?= cc
BUILD        ?= build
PREFIX       ?= /usr/local
DESTDIR      ?=
FUZZ_SECONDS ?= 30
OPT          ?= -O2 -g

# make CONF=<target>: the named target build of ports/<target>/target.mk
# (STYLE §6), which sets its toolchain and default goal: make CONF=cortex-m
# builds the Cortex-M library, self-test and vectors (ports/cortex-m).
ifneq ($(CONF),)
include ports/$(CONF)/target.mk
endif

WARN := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wundef -Wconversion \
        -Wsign-conversion -Wcast-qual -Wstrict-prototypes \
        -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla \
        -Wimplicit-fallthrough
CSTD := -std=c11 -D_POSIX_C_SOURCE=200809L
CFLAGS ?=
ALL_CFLAGS = $(CSTD) $(OPT) $(WARN) -Iinclude -Icore $(CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS ?=
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

PKG_LIBS := libqrencode libcjson libpng cmocka
CRYPTO_LIBS := -lmbedcrypto
QR_LIBS := $(shell pkg-config --libs libqrencode 2>/dev/null || echo -lqrencode)
CLI_LIBS := $(shell pkg-config --libs libcjson libpng 2>/dev/null || echo -lcjson -lpng)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
REDIS_LIBS := $(shell pkg-config --libs hiredis 2>/dev/null || echo -lhiredis)

LIB_SRC  := $(sort $(wildcard core/*.c qr/*.c biometric/*.c))
POSIX_SRC := $(sort $(wildcard ports/posix/*.c))
FAKE_SRC := $(sort $(wildcard ports/fake/*.c))
REDIS_SRC := $(sort $(wildcard ports/redis/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
LIB_PIC   := $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
POSIX_OBJ := $(POSIX_SRC:%.c=$(BUILD)/obj/%.o)
FAKE_OBJ  := $(FAKE_SRC:%.c=$(BUILD)/obj/%.o)
REDIS_OBJ := $(REDIS_SRC:%.c=$(BUILD)/obj/%.o)
REDIS_TEST_BIN := $(patsubst tests/redis/%.c,$(BUILD)/tests/redis/%,$(wildcard tests/redis/test_*.c))
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

STATIC := $(BUILD)/libpaycode.a
SHARED := $(BUILD)/libpaycode.so.$(VERSION)
CLI    := $(BUILD)/paycode
LIBDEPS := $(CRYPTO_LIBS) $(QR_LIBS)

.PHONY: ctgrind all lib cli test unit abi-test vectors-test cli-test redis-test check sanitize valgrind \
        fuzz bench install uninstall clean deps demo vectors

all: lib cli

lib: $(STATIC) $(SHARED)
cli: $(CLI)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=default -MMD -MP -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

# The shared library exports the public API only: every pc_* symbol the
# objects define except the pc__* internals (STYLE §1), listed in a linker
# version script generated from the objects themselves.
$(BUILD)/libpaycode.map: $(LIB_PIC)
	@{ echo 'PAYCODE_0 {'; echo '  global:'; \
	  nm -g --defined-only $^ | awk '$$3 ~ /^pc_/ && $$3 !~ /^pc__/ { print "    " $$3 ";" }' | sort -u; \
	  echo '  local: *;'; echo '};'; } > $@.tmp && mv $@.tmp $@

$(SHARED): $(LIB_PIC) $(BUILD)/libpaycode.map
	$(CC) -shared -Wl,-soname,libpaycode.so.$(SOVERSION) \
	    -Wl,--version-script,$(BUILD)/libpaycode.map -o $@ $(LIB_PIC) $(ALL_LDFLAGS) $(LIBDEPS)
	ln -sf libpaycode.so.$(VERSION) $(BUILD)/libpaycode.so.$(SOVERSION)
	ln -sf libpaycode.so.$(SOVERSION) $(BUILD)/libpaycode.so

$(BUILD)/libpc_posix.a: $(POSIX_OBJ)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/libpc_fake.a: $(FAKE_OBJ)
	rm -f $@ && ar rcs $@ $^
# The Redis fleet store (ports/redis): link it with $(REDIS_LIBS); never in libpaycode.
$(BUILD)/libpc_redis.a: $(REDIS_OBJ)
	rm -f $@ && ar rcs $@ $^

$(CLI): $(CLI_OBJ) $(BUILD)/libpc_posix.a $(BUILD)/libpc_redis.a $(STATIC)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libpc_posix.a $(BUILD)/libpc_redis.a $(STATIC) $(ALL_LDFLAGS) $(CLI_LIBS) $(REDIS_LIBS) $(LIBDEPS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpc_fake.a $(BUILD)/libpc_posix.a $(STATIC) tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/fake -Iports/posix -Itests/unit -o $@ $< $(BUILD)/libpc_fake.a $(BUILD)/libpc_posix.a $(STATIC) $(ALL_LDFLAGS) $(CMOCKA_LIBS) $(LIBDEPS) $(CLI_LIBS)

$(BUILD)/bench/%: bench/%.c $(STATIC) $(BUILD)/libpc_fake.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/fake -o $@ $< $(BUILD)/libpc_fake.a $(STATIC) $(ALL_LDFLAGS) $(LIBDEPS)

# bench_journal needs the POSIX port (appends with fsync).
$(BUILD)/bench/bench_journal: bench/bench_journal.c $(STATIC) $(BUILD)/libpc_posix.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/posix -o $@ $< $(BUILD)/libpc_posix.a $(STATIC) $(ALL_LDFLAGS) $(LIBDEPS)

REDIS_LINK = $(BUILD)/libpc_redis.a $(BUILD)/libpc_fake.a $(STATIC) $(ALL_LDFLAGS) $(REDIS_LIBS) $(LIBDEPS)
$(BUILD)/tests/redis/%: tests/redis/%.c $(wildcard tests/redis/*.h) $(BUILD)/libpc_redis.a $(BUILD)/libpc_fake.a $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/redis -Iports/fake -Itests/redis -o $@ $< $(REDIS_LINK)
$(BUILD)/bench/bench_redis: bench/bench_redis.c $(BUILD)/libpc_redis.a $(BUILD)/libpc_fake.a $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/redis -Iports/fake -o $@ $< $(REDIS_LINK)

# --- tests --------------------------------------------------------------
test: deps
	$(MAKE) --no-print-directory unit vectors-test cli-test redis-test abi-test

# The shared library exports exactly the functions and objects that the
# public headers declare (tests/abi_check.py).
abi-test: $(SHARED)
	python3 tests/abi_check.py $(SHARED) include

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $(TEST_WRAP) ./$$t; done

vectors-test: $(CLI)
	$(TEST_WRAP) ./$(CLI) vectors run vectors
	./tests/vectors_regen_check.sh "$(TEST_WRAP) ./$(CLI)"

cli-test: $(CLI)
	@set -e; for t in tests/cli/*.sh; do echo "== $$t"; PAYCODE="$(TEST_WRAP) ./$(CLI)" sh $$t; done

# Crash test of the file store: a child killed with SIGKILL at random times,
# the store reopened and checked after each kill (tests/crash/run.sh).
.PHONY: crash-test
test: crash-test
crash-test: $(BUILD)/crash/crash_store
	sh tests/crash/run.sh ./$(BUILD)/crash/crash_store 50

$(BUILD)/crash/crash_store: tests/crash/crash_store.c $(BUILD)/libpc_posix.a $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/posix -o $@ $< $(BUILD)/libpc_posix.a $(STATIC) $(ALL_LDFLAGS) $(LIBDEPS)

# Crash test of the journal: SIGKILL at random points of appends; the
# complete prefix verifies, a torn tail is reported, a reopen recovers it
# (tests/crash/run_journal.sh).
.PHONY: journal-crash-test
test: journal-crash-test
journal-crash-test: $(BUILD)/crash/crash_journal
	sh tests/crash/run_journal.sh ./$(BUILD)/crash/crash_journal 50

$(BUILD)/crash/crash_journal: tests/crash/crash_journal.c $(BUILD)/libpc_posix.a $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iports/posix -o $@ $< $(BUILD)/libpc_posix.a $(STATIC) $(ALL_LDFLAGS) $(LIBDEPS)

# Redis store against a private redis-server on loopback (skips without one).
redis-test: $(REDIS_TEST_BIN)
	TEST_WRAP="$(TEST_WRAP)" sh tests/redis/run.sh $(BUILD)/tests/redis

# Android port (ports/android/android.mk): the JNI binding's JUnit tests on
# the host JVM, and the C suite cross-built for arm64 and run under
# qemu-aarch64. Part of make test when a JDK with junit4, or the arm64 cross
# toolchain with qemu-user, is installed; skipped otherwise.
include ports/android/android.mk
ifneq ($(ANDROID_JDK)$(ANDROID_CROSS),)
test: android-test
endif

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check: deps
	$(MAKE) --no-print-directory BUILD=build-san OPT="-O1 -g" \
	    EXTRA_CFLAGS="$(SAN)" EXTRA_LDFLAGS="$(SAN)" unit vectors-test cli-test redis-test
	$(MAKE) --no-print-directory BUILD=build-vg OPT="-O1 -g" \
	    TEST_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	    unit vectors-test cli-test redis-test
	$(MAKE) --no-print-directory BUILD=build-vg ctgrind

# Constant-time harness: library built with PC_CTGRIND=1, secrets marked
# undefined, valgrind fails on any secret-dependent branch or index.
ctgrind:
	@mkdir -p $(BUILD)
	$(CC) $(CSTD) -O2 -g -Iinclude -Icore -DPC_CTGRIND=1 -o $(BUILD)/ctgrind \
	    tests/ctgrind.c $(LIB_SRC) $(LIBDEPS)
	valgrind -q --error-exitcode=1 ./$(BUILD)/ctgrind

FUZZ_CC := clang
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
fuzz:
	@set -e; for f in $(FUZZ_SRC); do \
	  n=$$(basename $$f .c); \
	  mkdir -p build-fuzz/corpus/$$n; \
	  $(FUZZ_CC) $(CSTD) -Iinclude -Icore $(FUZZ_FLAGS) -o build-fuzz/$$n $$f $(LIB_SRC) $(LIBDEPS); \
	  echo "== $$n for $(FUZZ_SECONDS)s"; \
	  if ./build-fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=2048 \
	     -artifact_prefix=build-fuzz/$$n- -print_final_stats=1 \
	     build-fuzz/corpus/$$n tests/fuzz/corpus/$$n > build-fuzz/$$n.log 2>&1; then \
	    tail -n 12 build-fuzz/$$n.log; \
	  else \
	    tail -n 60 build-fuzz/$$n.log; echo "fuzz: $$n FAILED (crash input: build-fuzz/$$n-*)"; exit 1; \
	  fi; \
	done

bench: $(BENCH_BIN)
	@set -e; for b in $(filter-out %/bench_redis,$(BENCH_BIN)); do ./$$b; done
	sh tests/redis/bench.sh ./$(BUILD)/bench/bench_redis

# Regenerate every generated vector file: mpm/crc16 by the Python generator,
# otp and cpm-* by paycode itself (vectors/README.md, "Provenance").
vectors: $(CLI)
	python3 tools/gen_vectors.py vectors
	./$(CLI) vectors gen vectors

demo: deps
	$(MAKE) --no-print-directory all
	./demo/demo.sh $(CLI)

# --- Cortex-M and RISC-V -------------------------------------------------
# ports/cortex-m (its own Makefile; docs/PORTING.md, "Cortex-M"): the
# library, pc_selftest and the vectors for Cortex-M4/M3 with arm-none-eabi-gcc
# and newlib, no heap, run under qemu-system-arm; `make footprint` reports
# flash, RAM, worst-case stack and instructions per component. make test runs
# the QEMU tests when arm-none-eabi-gcc and qemu-system-arm are installed
# (the first run fetches Debian's mbedtls source: root, or a deb-src entry),
# and riscv-smoke when riscv64-unknown-elf-gcc is.
.PHONY: cortex-m cortex-m-test cortex-m-clean footprint riscv-smoke
cortex-m:
	$(MAKE) -C ports/cortex-m
cortex-m-test:
	$(MAKE) -C ports/cortex-m qemu-test
footprint:
	$(MAKE) -C ports/cortex-m footprint
clean: cortex-m-clean
cortex-m-clean:
	-$(MAKE) -C ports/cortex-m clean
ifneq ($(shell command -v arm-none-eabi-gcc 2>/dev/null),)
ifneq ($(shell command -v qemu-system-arm 2>/dev/null),)
test: cortex-m-test
endif
endif

# riscv-smoke: core/ and qr/ compiled, not linked, for riscv32 and riscv64,
# freestanding, warnings as errors (tests/freestanding/riscv_smoke.sh).
RISCV_CC ?= riscv64-unknown-elf-gcc
riscv-smoke:
	sh tests/freestanding/riscv_smoke.sh "$(RISCV_CC)" $(BUILD)/riscv-smoke \
	    $(sort $(wildcard core/*.c qr/*.c))
ifneq ($(shell command -v $(RISCV_CC) 2>/dev/null),)
test: riscv-smoke
endif

# --- install ------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/include/paycode $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 include/paycode/*.h $(DESTDIR)$(PREFIX)/include/paycode/
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libpaycode.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libpaycode.so.$(SOVERSION)
	ln -sf libpaycode.so.$(SOVERSION) $(DESTDIR)$(PREFIX)/lib/libpaycode.so
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/paycode.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' paycode.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/paycode.pc

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/paycode
	rm -f $(DESTDIR)$(PREFIX)/lib/libpaycode.* $(DESTDIR)$(PREFIX)/bin/paycode \
	    $(DESTDIR)$(PREFIX)/share/man/man1/paycode.1 $(DESTDIR)$(PREFIX)/lib/pkgconfig/paycode.pc

clean:
	rm -rf build build-san build-vg build-fuzz build-cov

# --- dependencies -------------------------------------------------------
DEB_PKGS := build-essential pkg-config clang libclang-rt-14-dev libmbedtls-dev libqrencode-dev \
            libcmocka-dev libcjson-dev libpng-dev zbar-tools valgrind python3 libhiredis-dev redis-server
deps:
	@sh tools/deps.sh $(DEB_PKGS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
