# Footprint images (included by ports/cortex-m/Makefile): one small firmware
# per component (footprint/fp_<name>.c), linked like the test image, with
# the mbedTLS static heap sized per component (FP_HEAP_<name>: what one
# such firmware would configure; the run checks the high water fits).
FP_CPUS  ?= $(CM_CPUS)
FP_NAMES := base mpm wallet wallet_off validator validator_fs selftest \
            bio_parse bio_match
FP_HEAP_base := 0
FP_HEAP_mpm := 0
FP_HEAP_wallet := 640
FP_HEAP_wallet_off := 3840
FP_HEAP_validator := 3200
FP_HEAP_validator_fs := 3200
FP_HEAP_selftest := 3840
FP_HEAP_bio_parse := 0
FP_HEAP_bio_match := 0
FP_COMMON := fp_common fp_board

$(GEN)/fp_data.h: footprint/gen_fp_data.py $(VECTORS)
	@mkdir -p $(GEN)
	$(PYTHON) footprint/gen_fp_data.py $(TOP)/vectors $@

# $(1): core, $(2): image name
define FPIMG
$(B)/fp/$(1)/$(2).elf: $(B)/fp/$(1)/fp_$(2).o $(FP_COMMON:%=$(B)/fp/$(1)/%.o) \
    $(B)/fp/$(1)/heap_$(2).o $$($(1)_BOARD_OBJ) $$($(1)_LIBS) mps2/mps2.ld
	$(CM_CC) $(CM_ARCH_$(1)) $(CM_LDFLAGS) -T mps2/mps2.ld -Wl,-Map,$$@.map -o $$@ \
	    $(B)/fp/$(1)/fp_$(2).o $(FP_COMMON:%=$(B)/fp/$(1)/%.o) $(B)/fp/$(1)/heap_$(2).o \
	    $$($(1)_BOARD_OBJ) -Wl,--start-group $$($(1)_LIBS) $(CM_LIBS) -Wl,--end-group
	@! $(CM_NM) $$@ | grep -E ' [TtWw] ($(HEAP_RE))$$$$' || \
	    { echo "$$@: a heap allocator is linked in" >&2; rm -f $$@; exit 1; }

$(B)/fp/$(1)/heap_$(2).o: mbedtls_heap.c mbedtls_config_cortex-m.h footprint/footprint.mk | $(FETCHED)
	@mkdir -p $$(dir $$@)
	$(CM_CC) $(CM_ARCH_$(1)) $$(MBED_CFLAGS) -DPC_CM_MBEDTLS_HEAP=$$(if $$(filter 0,$(FP_HEAP_$(2))),64,$(FP_HEAP_$(2))) -c $$< -o $$@
endef

define FPCORE
$(B)/fp/$(1)/%.o: footprint/%.c $(GEN)/fp_data.h $(GEN)/standin_seed.h | $(FETCHED)
	@mkdir -p $$(dir $$@)
	$(CM_CC) $(CM_ARCH_$(1)) $$(PC_CFLAGS) -Ifootprint -MMD -MP -c $$< -o $$@
$(foreach n,$(FP_NAMES),$(eval $(call FPIMG,$(1),$(n))))
endef
$(foreach c,$(FP_CPUS),$(eval $(call FPCORE,$(c))))

FP_ELFS := $(foreach c,$(FP_CPUS),$(foreach n,$(FP_NAMES),$(B)/fp/$(c)/$(n).elf))

footprint: $(FP_ELFS)
	$(PYTHON) footprint/footprint.py --build $(B) --cpus "$(FP_CPUS)" \
	    --qemu "$(QEMU)" --cross "$(CM_CROSS)" $(FOOTPRINT_ARGS)
