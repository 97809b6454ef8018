# paycode target: Cortex-M (STYLE §6: `make CONF=cortex-m` includes this
# file; ports/cortex-m/Makefile includes it too). Toolchain and flags for
# Debian's arm-none-eabi-gcc with newlib; no heap, no stdio.
#
# CM_CPUS lists the cores built: m4 (Cortex-M4, ARMv7E-M) and m3
# (Cortex-M3, ARMv7-M), soft-float (the library does no floating point).

CM_CROSS  ?= arm-none-eabi-
CM_CC     ?= $(CM_CROSS)gcc
CM_AR     ?= $(CM_CROSS)ar
CM_NM     ?= $(CM_CROSS)nm
CM_SIZE   ?= $(CM_CROSS)size
CM_OBJDUMP ?= $(CM_CROSS)objdump
CM_CPUS   ?= m4 m3
CM_OPT    ?= -Os -g

CM_ARCH_m4 := -mcpu=cortex-m4 -mthumb -mfloat-abi=soft
CM_ARCH_m3 := -mcpu=cortex-m3 -mthumb -mfloat-abi=soft
# QEMU machine for each core: mps2-an386 is the Cortex-M4 board, an385 the M3
CM_QEMU_m4 := mps2-an386
CM_QEMU_m3 := mps2-an385
CM_NAME_m4 := Cortex-M4
CM_NAME_m3 := Cortex-M3

# The library's warning set (Makefile WARN) applies to paycode and the port.
CM_WARN := -Wall -Wextra -Werror -Wpedantic -Wshadow -Wundef -Wconversion \
           -Wsign-conversion -Wcast-qual -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla \
           -Wimplicit-fallthrough -Wno-type-limits
# The project's dialect (Makefile CSTD). arm-none-eabi uses the AAPCS short
# enums: range checks written for 4-byte enums are then constant-false,
# which is harmless, so -Wtype-limits (from -Wextra) is off.
CM_COMMON := -std=c11 -D_POSIX_C_SOURCE=200809L -ffunction-sections \
             -fdata-sections -fno-common -ffreestanding -fstack-usage
# The named profile and the target's mbedTLS configuration.
CM_CONFIG := -DPC_CONFIG_FILE='"pc_config_cortex-m.h"' \
             -DMBEDTLS_CONFIG_FILE='"mbedtls_config_cortex-m.h"'

# No heap: every C-library allocator symbol is wrapped to a symbol nobody
# defines, so an object that calls one fails the link ("undefined reference
# to __wrap_malloc"). Checked again on the image with nm.
CM_HEAP_SYMS := malloc free calloc realloc _malloc_r _free_r _calloc_r _realloc_r
CM_NOHEAP := $(foreach s,$(CM_HEAP_SYMS),-Wl,--wrap=$(s))
CM_LDFLAGS := -nostdlib -nostartfiles -Wl,--gc-sections -Wl,--no-warn-rwx-segments $(CM_NOHEAP)
CM_LIBS := -lc -lgcc

ifneq ($(CONF),)
# From the top-level Makefile: `make CONF=cortex-m` builds the port.
.DEFAULT_GOAL := cortex-m
endif
