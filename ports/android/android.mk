# paycode Android port: build and test rules, included by the top Makefile
# (which provides CC, BUILD, CSTD, OPT, WARN, SHARED and TEST_WRAP).
#
#   make android-test        both parts below that the installed tools allow
#   make android-jni-test    host JVM: libpaycode_jni.so (the JNI glue of
#                            ports/android/jni linked against the host
#                            libpaycode.so), the Java wrapper compiled with
#                            javac, and the JUnit 4 tests of tests/android,
#                            which run the vectors/*.json files through it
#   make android-arm64-test  the C unit suites, the vectors, the CLI tests,
#                            the crash tests and the Redis tests built with
#                            aarch64-linux-gnu-gcc into build-arm64 and run
#                            under qemu-aarch64; plus libpaycode_jni.so for
#                            arm64 (built and linked, not run: no arm64 JVM)
#
# Tools (Debian 12): default-jdk-headless junit4 for the first part;
# gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user and, through
# multiarch (dpkg --add-architecture arm64), libmbedtls-dev:arm64
# libqrencode-dev:arm64 libcmocka-dev:arm64 libcjson-dev:arm64
# libpng-dev:arm64 libhiredis-dev:arm64 for the second. A part whose tools
# are missing says so and is skipped.

ANDROID_OUT   := $(BUILD)/android
ANDROID_JNI_SRC := $(sort $(wildcard ports/android/jni/*.c))
ANDROID_JNI_HDR := $(wildcard ports/android/jni/*.h)
ANDROID_JAVA  := $(sort $(wildcard ports/android/java/org/paycode/*.java))
ANDROID_TESTS := $(sort $(wildcard tests/android/org/paycode/*.java))

JAVAC      ?= javac
JAVA       ?= java
JAVA_HOME  ?= $(shell d=$$(command -v $(JAVAC) 2>/dev/null) && dirname "$$(dirname "$$(readlink -f "$$d")")")
JUNIT_CP   ?= /usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar
JNI_INC    := -isystem $(JAVA_HOME)/include -isystem $(JAVA_HOME)/include/linux
# The binding keeps the project's warnings; only JNI_OnLoad is exported.
JNI_CFLAGS  = $(CSTD) $(OPT) $(WARN) -Iinclude $(JNI_INC) -fPIC -fvisibility=hidden

ARM64_CC    ?= aarch64-linux-gnu-gcc
ARM64_BUILD ?= build-arm64
# No -L: multiarch libc6:arm64 puts the arm64 loader at /lib/ld-linux-aarch64.so.1,
# and with -L /usr/aarch64-linux-gnu qemu-aarch64 7.2 hangs when the guest
# execs a host program (/bin/sh in the harness tests of tests/cli).
QEMU_ARM64  ?= qemu-aarch64
# Multiarch libraries the arm64 build links (one probe per package).
ARM64_LIBS  := mbedcrypto qrencode cmocka cjson png16 hiredis

ANDROID_JDK := $(shell command -v $(JAVAC) >/dev/null 2>&1 && command -v $(JAVA) >/dev/null 2>&1 && \
	test -r $(firstword $(subst :, ,$(JUNIT_CP))) && test -r $(JAVA_HOME)/include/jni.h && echo yes)
ANDROID_CROSS := $(shell command -v $(ARM64_CC) >/dev/null 2>&1 && \
	command -v $(firstword $(QEMU_ARM64)) >/dev/null 2>&1 && echo yes)
ANDROID_ARM64_LIBS_MISSING := $(strip $(foreach l,$(ARM64_LIBS),$(if $(wildcard /usr/lib/aarch64-linux-gnu/lib$(l).so),,lib$(l))))

.PHONY: android-test android-jni-test android-arm64-test android-arm64-jni

android-test: android-jni-test android-arm64-test

# ---- host JVM -------------------------------------------------------------

$(ANDROID_OUT)/libpaycode_jni.so: $(ANDROID_JNI_SRC) $(ANDROID_JNI_HDR) $(SHARED)
	@mkdir -p $(dir $@)
	$(CC) $(JNI_CFLAGS) -shared -o $@ $(ANDROID_JNI_SRC) -L$(BUILD) -lpaycode \
	    -Wl,-rpath,'$$ORIGIN/..' -Wl,--no-undefined -lpthread $(ALL_LDFLAGS)

$(ANDROID_OUT)/classes.stamp: $(ANDROID_JAVA)
	@rm -rf $(ANDROID_OUT)/classes && mkdir -p $(ANDROID_OUT)/classes
	$(JAVAC) -Xlint:all -Werror --release 11 -d $(ANDROID_OUT)/classes $(ANDROID_JAVA)
	@touch $@

$(ANDROID_OUT)/test-classes.stamp: $(ANDROID_TESTS) $(ANDROID_OUT)/classes.stamp
	@rm -rf $(ANDROID_OUT)/test-classes && mkdir -p $(ANDROID_OUT)/test-classes
	$(JAVAC) -Xlint:all -Werror --release 11 -cp $(ANDROID_OUT)/classes:$(JUNIT_CP) \
	    -d $(ANDROID_OUT)/test-classes $(ANDROID_TESTS)
	@touch $@

ifeq ($(ANDROID_JDK),yes)
# -Xcheck:jni makes the JVM check every JNI call the binding makes.
android-jni-test: $(ANDROID_OUT)/libpaycode_jni.so $(ANDROID_OUT)/test-classes.stamp
	$(JAVA) -Xcheck:jni -Dorg.paycode.library=$(abspath $(ANDROID_OUT)/libpaycode_jni.so) \
	    -Dorg.paycode.vectors=$(abspath vectors) \
	    -cp $(ANDROID_OUT)/classes:$(ANDROID_OUT)/test-classes:$(JUNIT_CP) \
	    org.junit.runner.JUnitCore org.paycode.AllTests
else
android-jni-test:
	@echo "android-jni-test: skipped (needs javac, java, $(JUNIT_CP) and jni.h: apt-get install default-jdk-headless junit4)"
endif

# ---- arm64 under qemu-aarch64 -----------------------------------------------

ARM64_MAKE = $(MAKE) --no-print-directory BUILD=$(ARM64_BUILD) CC=$(ARM64_CC) \
	CFLAGS="$(CFLAGS)" TEST_WRAP="$(QEMU_ARM64)"

# The crash tests run their binary by path: each gets a qemu wrapper script.
# Pairs of tests/crash/<binary>.c and the script that drives it:
ARM64_CRASH := crash_store:run.sh crash_journal:run_journal.sh

ifeq ($(ANDROID_CROSS)$(ANDROID_ARM64_LIBS_MISSING),yes)
android-arm64-test:
	$(ARM64_MAKE) unit vectors-test cli-test redis-test \
	    $(foreach p,$(ARM64_CRASH),$(ARM64_BUILD)/crash/$(firstword $(subst :, ,$(p)))) \
	    $(if $(ANDROID_JDK),android-arm64-jni)
	@set -e; for p in $(ARM64_CRASH); do \
	  b=$${p%%:*}; s=$${p#*:}; w=$(ARM64_BUILD)/crash/$$b.qemu; \
	  printf '#!/bin/sh\nexec $(QEMU_ARM64) "$$(dirname "$$0")/%s" "$$@"\n' $$b > $$w; \
	  chmod +x $$w; echo "== tests/crash/$$s ($$b under $(QEMU_ARM64))"; \
	  sh tests/crash/$$s ./$$w 50; \
	done
	@echo "android-arm64-test: the C suite passed on arm64 (qemu-aarch64)"
else
android-arm64-test:
	@echo "android-arm64-test: skipped (needs $(ARM64_CC), $(firstword $(QEMU_ARM64)) and arm64 multiarch libraries;$(if $(ANDROID_ARM64_LIBS_MISSING), missing:$(foreach l,$(ANDROID_ARM64_LIBS_MISSING), $(l)),) see ports/android/README.md)"
endif

# The JNI glue for the phone's ABI, linked with the PIC library objects
# (what an APK ships as lib/arm64-v8a/libpaycode_jni.so, with the NDK's
# clang instead of Debian's cross gcc). Built and linked only.
android-arm64-jni: $(LIB_PIC)
	@mkdir -p $(ANDROID_OUT)
	$(CC) $(JNI_CFLAGS) -shared -o $(ANDROID_OUT)/libpaycode_jni.so $(ANDROID_JNI_SRC) \
	    $(LIB_PIC) -Wl,--no-undefined -Wl,-z,defs $(ALL_LDFLAGS) $(LIBDEPS) -lpthread
	@echo "$(ANDROID_OUT)/libpaycode_jni.so: $$(file -b $(ANDROID_OUT)/libpaycode_jni.so 2>/dev/null | cut -d, -f1-2)"

.PHONY: android-clean
clean: android-clean
android-clean:
	rm -rf $(ARM64_BUILD)
