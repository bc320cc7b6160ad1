# vik - one plain, non-recursive Makefile.
#
#   make run     install missing packages, build, run on the synthetic municipality
#   make test    the same set-up, then every test under AddressSanitizer + UBSan
#   make bench   run vs reader floor, per stage, 1 vs N threads (BENCH_ADDRESSES, BENCH_SCALE=nl, BENCH_DIR)
#   make install PREFIX=/usr/local DESTDIR=   the program and its man page vik(1)
#   make fuzz    libFuzzer targets for FUZZ_SECONDS each (see the fuzzing section)
#
# Objects go to $(BUILD) (build/ for the optimised program, build/san/ for the
# sanitizer build used by the tests). Everything except cli/main.c goes into
# libvik.a, which the program and every test binary link.

CC      ?= cc
BUILD   ?= build
PKGS     = gsl zlib libsodium inih sqlite3
# What building and running needs; the tests also need cmocka, clang with its
# libFuzzer runtime, Chromium for the report, python3-jsonschema for the register's
# schema and the sqlite3 shell (tests/e2e/audit.sh tampers with the audit trail as
# anyone could); make run does not install those.
DEB_PKGS      = libcsv-dev libsqlite3-dev libgsl-dev zlib1g-dev libinih-dev libsodium-dev \
                pkg-config
TEST_DEB_PKGS = libcmocka-dev clang libclang-rt-14-dev chromium clang-format python3-jsonschema \
                sqlite3
WARN     = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wformat=2 -Wwrite-strings
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(OPT) $(WARN) -I. -MMD -MP \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += -lcsv $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread

SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Short build lines ("CC score/k1_no_mortgage.c"), as git and the kernel print them,
# so that a warning stands out; `make V=1` prints every full command.
V ?= 0
ifeq ($(V),1)
say =
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
say = @
else
say = @printf '  %-6s %s\n' $(1) $(2);
endif

LIB_SRCS  = $(wildcard common/*.c model/*.c config/*.c ingest/*.c transform/*.c \
              score/*.c report/*.c history/*.c pipeline/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/%.o)
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
# vik-gen, the synthetic-municipality generator (samples/gen/, one header gen.h).
GEN_SRCS  = $(wildcard samples/gen/*.c)
GEN_OBJS  = $(GEN_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

SAMPLES   = samples/data
SEED     ?= 1

.PHONY: all deps test-deps install-debs unit-bins run test unit e2e browser report-png hostile asan install bench mutate clean samples \
        format format-check readme-table

all: deps $(BUILD)/vik $(BUILD)/vik-gen $(BUILD)/vik-floor

# Install what is missing (Debian 12). apt-get update runs only when needed.
deps:
	@$(MAKE) --no-print-directory install-debs PKGS_WANTED="$(DEB_PKGS)"

test-deps: deps
	@$(MAKE) --no-print-directory install-debs PKGS_WANTED="$(TEST_DEB_PKGS)"

install-debs:
	@missing=""; for p in $(PKGS_WANTED); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "vik: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "vik: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# Order-only on deps (tests: test-deps, which runs deps first), so that `make -j`
# neither compiles before the headers are installed nor runs two apt-gets at once.
$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/tests/unit/%.o: tests/unit/%.c | test-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libvik.a: $(LIB_OBJS)
	@rm -f $@
	$(call say,AR,$@)ar rcs $@ $^

$(BUILD)/vik: $(BUILD)/cli/main.o $(BUILD)/libvik.a
	$(call say,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/vik-gen: $(GEN_OBJS)
	$(call say,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ -lz -lm

# vik-floor, the reader floor: one pass of csvr_read over FILE... (tests/floor/).
$(BUILD)/vik-floor: $(BUILD)/tests/floor/vik_floor.o $(BUILD)/libvik.a
	$(call say,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# vik-oom, vik failing its Nth allocation on purpose (tests/oom/, tests/e2e/oom.sh).
OOM_WRAP = -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=aligned_alloc \
           -Wl,--wrap=getline -Wl,--wrap=open_memstream
$(BUILD)/vik-oom: $(BUILD)/tests/oom/vik_oom.o $(BUILD)/libvik.a
	$(call say,LINK,$@)$(CC) $(CFLAGS) $(OOM_WRAP) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libvik.a
	@mkdir -p $(dir $@)
	$(call say,LINK,$@)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The bundled synthetic municipality (generated, never committed).
$(SAMPLES)/brp.csv: $(BUILD)/vik-gen
	$(BUILD)/vik-gen --seed $(SEED) --out $(SAMPLES) >/dev/null

samples: deps $(SAMPLES)/brp.csv

run: all samples
	$(BUILD)/vik run -c config/vik.ini
	@echo "vik: the report is $$(pwd)/out/report.html (open it in a browser); the watchlists"
	@echo "     (watchlist.csv, watchlist-THEME.csv) are beside it, the history in out/vik.db"

# Tests: a separate sanitizer build, then unit tests and end-to-end tests.
SAN_MAKE = $(MAKE) --no-print-directory BUILD=build/san OPT="-O1 -g $(SAN)"

# make test also builds the shipped -O2 program (its warnings differ from -O1's) and
# checks the formatting: a warning or a badly formatted line fails the tests. The
# huge-page test also runs in the shipped build: it is about glibc's mappings, which
# the sanitizers' allocator replaces.
test: test-deps
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory build/vik build/vik-gen build/tests/test_hugemem
	build/tests/test_hugemem
	$(SAN_MAKE) build/san/vik build/san/vik-gen build/san/vik-oom unit-bins
	$(SAN_MAKE) unit e2e browser hostile
	$(MAKE) --no-print-directory fuzz-smoke
	@echo "fuzz-smoke: $(words $(FUZZ_NAMES)) passed, 0 failed"

unit-bins: test-deps $(UNIT_BINS)

unit: unit-bins
	@fail=0; for t in $(UNIT_BINS); do \
	  echo "== $$t"; $$t || fail=1; \
	done; exit $$fail

e2e:
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/config.sh
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/run.sh
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/history.sh
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/register.sh
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/audit.sh
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/threads.sh
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/oom.sh

# The generated tables: the README's indicator table from the indicators'
# descriptors (vik indicators --markdown), docs/config.md's [run] keys from the
# config's key table (vik check --keys).
readme-table: $(BUILD)/vik
	@$(BUILD)/vik indicators --markdown > $(BUILD)/indicators.md
	@awk -v table=$(BUILD)/indicators.md \
	  '/<!-- indicators:begin -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next } \
	   /<!-- indicators:end -->/ { skip = 0 } !skip' README.md > README.md.new && mv README.md.new README.md
	@$(BUILD)/vik check --keys > $(BUILD)/run-keys.md
	@awk -v table=$(BUILD)/run-keys.md \
	  '/<!-- run-keys:begin -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next } \
	   /<!-- run-keys:end -->/ { skip = 0 } !skip' docs/config.md > docs/config.md.new && \
	  mv docs/config.md.new docs/config.md

# report.html rendered in headless Chromium: no request outside the file, the key
# sections in the DOM, a real screenshot (tests/browser/run.sh says how).
browser:
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/browser/run.sh

# The README's screenshot, from the bundled seed-1 municipality.
report-png: all test-deps
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) SCREENSHOT_OUT=docs/report.png sh tests/browser/run.sh

hostile:
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/hostile/run.sh

# The name docs/engineering.md (tests) gives the sanitizer test run.
asan: test

PREFIX  ?= /usr/local
DESTDIR ?=

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BUILD)/vik $(DESTDIR)$(PREFIX)/bin/vik
	install -m 0644 docs/vik.1 $(DESTDIR)$(PREFIX)/share/man/man1/vik.1

bench: all
	@sh tests/bench.sh

# Mutation testing of the indicators (tests/mutate.py): each flipped comparison or
# shifted bound in score/[EKHBS]n_*.c must make one of the indicator unit tests fail
# (tests/unit/test_ind_*.c, tests/unit/test_indicators.c); the equivalent mutants it
# lists are counted apart. Minutes, in a scratch copy; not part of make test.
# MUTATE_ONLY=e1,k2 narrows it.
mutate:
	@python3 tests/mutate.py $(if $(MUTATE_ONLY),--only $(MUTATE_ONLY))

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build $(SAMPLES) out

-include $(LIB_OBJS:.o=.d) $(BUILD)/cli/main.d $(UNIT_SRCS:%.c=$(BUILD)/%.d) $(GEN_OBJS:.o=.d) \
         $(BUILD)/tests/floor/vik_floor.d $(BUILD)/tests/oom/vik_oom.d

# ---------------------------------------------------------------- fuzzing (begin)
# libFuzzer targets (clang), one per fuzz/fuzz_NAME.c; see fuzz/README.md.
#
#   make fuzz         each target for FUZZ_SECONDS (600) in turn; corpus in
#                     build/fuzz/corpus/NAME (seeded from fuzz/seeds/NAME), stops at the
#                     first crash, which is left in build/fuzz/crashes/NAME/
#                     (make -j2 fuzz runs two at once; FUZZ_NAMES=reader runs one)
#   make fuzz-smoke   every tests/fuzz-regressions/NAME/ input once, then 10 s of each
#                     target (part of make test)
#   make fuzz-cov     line coverage of the corpus (llvm-profdata-14 / llvm-cov-14)
#
# The library sources a target needs are compiled again with clang into
# build/fuzz/obj/ (ASan + UBSan + fuzzer coverage) and build/fuzz/cov/obj/ (source
# coverage), and linked from an archive so each target pulls only what it uses.
FUZZ_CC       ?= clang
FUZZ_BUILD     = build/fuzz
FUZZ_NAMES    ?= reader address parse html
FUZZ_SECONDS  ?= 600
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_CFLAGS    = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread -g -O1 $(WARN) -I. -MMD -MP \
                 $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_COV       = -fprofile-instr-generate -fcoverage-mapping
FUZZ_LDLIBS    = -lcsv $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
FUZZ_LIB_SRCS  = $(wildcard common/*.c model/*.c ingest/*.c) transform/address.c transform/link.c \
                 report/html.c report/rows_csv.c
FUZZ_OBJS      = $(FUZZ_LIB_SRCS:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_COV_OBJS  = $(FUZZ_LIB_SRCS:%.c=$(FUZZ_BUILD)/cov/obj/%.o)
FUZZ_BINS      = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_COV_BINS  = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/cov/fuzz_%)
# -timeout: one input taking 30 s is a hang worth a crash file
FUZZ_OPTS      = -rss_limit_mb=2048 -timeout=30 -print_final_stats=1
FUZZ_OPTS_reader  = -max_len=16384 -dict=fuzz/reader.dict
FUZZ_OPTS_address = -max_len=256 -dict=fuzz/address.dict
FUZZ_OPTS_parse   = -max_len=128 -dict=fuzz/parse.dict
FUZZ_OPTS_html    = -max_len=512
LLVM_PROFDATA ?= llvm-profdata-14
LLVM_COV      ?= llvm-cov-14

.PHONY: fuzz fuzz-bins fuzz-smoke fuzz-cov
.SECONDARY: $(FUZZ_NAMES:%=$(FUZZ_BUILD)/obj/fuzz/fuzz_%.o) \
            $(FUZZ_NAMES:%=$(FUZZ_BUILD)/cov/obj/fuzz/fuzz_%.o)

$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(FUZZ_OBJ_FLAGS) -c $< -o $@

# csv_reader.c wipes its 256 KiB buffers byte by byte (common/wipe.h); tracing the
# loop's comparison on every byte took a third of fuzz_reader's time. Edge coverage
# stays on.
$(FUZZ_BUILD)/obj/ingest/csv_reader.o: FUZZ_OBJ_FLAGS = -fno-sanitize-coverage=trace-cmp

$(FUZZ_BUILD)/cov/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_COV) -c $< -o $@

$(FUZZ_BUILD)/libvik-fuzz.a: $(FUZZ_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/cov/libvik-fuzz.a: $(FUZZ_COV_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/fuzz/fuzz_%.o $(FUZZ_BUILD)/libvik-fuzz.a
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(FUZZ_LDLIBS)

$(FUZZ_BUILD)/cov/fuzz_%: $(FUZZ_BUILD)/cov/obj/fuzz/fuzz_%.o $(FUZZ_BUILD)/cov/libvik-fuzz.a
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_COV) -o $@ $^ $(FUZZ_LDLIBS)

fuzz-bins: $(FUZZ_BINS)

fuzz: $(FUZZ_NAMES:%=fuzz-run-%)

# One target for FUZZ_SECONDS; libFuzzer exits non-zero on a crash, which stops make.
# FUZZ_EXTRA adds libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to keep going past
# a crash that is already known (each one is still saved in crashes/NAME/).
FUZZ_EXTRA ?=
fuzz-run-%: test-deps $(FUZZ_BUILD)/fuzz_%
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/crashes/$*
	@echo "== fuzz_$*: $(FUZZ_SECONDS) s, corpus $(FUZZ_BUILD)/corpus/$*"
	$(FUZZ_BUILD)/fuzz_$* $(FUZZ_OPTS) $(FUZZ_OPTS_$*) $(FUZZ_EXTRA) -max_total_time=$(FUZZ_SECONDS) \
	  -artifact_prefix=$(FUZZ_BUILD)/crashes/$*/ $(FUZZ_BUILD)/corpus/$* fuzz/seeds/$*

# The regressions must pass; then a short run from the seeds (a fresh corpus each
# time, so CI does not depend on an earlier run). Output in build/fuzz/smoke-NAME.log.
fuzz-smoke: $(FUZZ_NAMES:%=fuzz-smoke-%)

fuzz-smoke-%: test-deps $(FUZZ_BUILD)/fuzz_%
	@log=$(FUZZ_BUILD)/smoke-$*.log; : >$$log; \
	regs=$$(find tests/fuzz-regressions/$* -type f 2>/dev/null | sort); \
	if [ -n "$$regs" ]; then \
	  $(FUZZ_BUILD)/fuzz_$* $(FUZZ_OPTS) $$regs >>$$log 2>&1 \
	    || { tail -n 40 $$log; echo "FAIL - fuzz_$*: a regression input fails, see $$log"; exit 1; }; \
	  echo "ok   - fuzz_$*: $$(echo "$$regs" | wc -l) regression input(s)"; \
	fi; \
	rm -rf $(FUZZ_BUILD)/smoke/$*; mkdir -p $(FUZZ_BUILD)/smoke/$* $(FUZZ_BUILD)/crashes/$*; \
	$(FUZZ_BUILD)/fuzz_$* $(FUZZ_OPTS) $(FUZZ_OPTS_$*) -max_total_time=$(FUZZ_SMOKE_SECONDS) \
	  -artifact_prefix=$(FUZZ_BUILD)/crashes/$*/ $(FUZZ_BUILD)/smoke/$* fuzz/seeds/$* >>$$log 2>&1 \
	  || { tail -n 60 $$log; echo "FAIL - fuzz_$*: crash input in $(FUZZ_BUILD)/crashes/$*/"; exit 1; }; \
	echo "ok   - fuzz_$*: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' $$log | tail -n 1)"

# Line coverage of the corpus built by make fuzz (and the seeds), all targets merged.
fuzz-cov: $(FUZZ_COV_BINS)
	@rm -f $(FUZZ_BUILD)/cov/*.profraw
	@for n in $(FUZZ_NAMES); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$n; \
	  LLVM_PROFILE_FILE=$(FUZZ_BUILD)/cov/$$n.profraw $(FUZZ_BUILD)/cov/fuzz_$$n -runs=0 \
	    $(FUZZ_BUILD)/corpus/$$n fuzz/seeds/$$n >$(FUZZ_BUILD)/cov/$$n.log 2>&1 \
	    || { tail -n 20 $(FUZZ_BUILD)/cov/$$n.log; exit 1; }; \
	done
	$(LLVM_PROFDATA) merge -sparse $(FUZZ_BUILD)/cov/*.profraw -o $(FUZZ_BUILD)/cov/all.profdata
	$(LLVM_COV) report $(firstword $(FUZZ_COV_BINS)) $(patsubst %,-object %,$(wordlist 2,9,$(FUZZ_COV_BINS))) \
	  -instr-profile=$(FUZZ_BUILD)/cov/all.profdata ingest/csv_reader.c ingest/ingest.c \
	  ingest/parse.c transform/address.c transform/link.c report/html.c

-include $(FUZZ_OBJS:.o=.d) $(FUZZ_COV_OBJS:.o=.d) \
         $(FUZZ_NAMES:%=$(FUZZ_BUILD)/obj/fuzz/fuzz_%.d) $(FUZZ_NAMES:%=$(FUZZ_BUILD)/cov/obj/fuzz/fuzz_%.d)
# ---------------------------------------------------------------- fuzzing (end)
