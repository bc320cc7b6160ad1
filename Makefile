# vik - one plain, non-recursive Makefile.
#
#   make run     install missing packages, build, run on the synthetic municipality
#   make test    the same set-up, then every test under AddressSanitizer + UBSan
#   make bench   throughput figures on a larger generated municipality
#
# Objects go to $(BUILD) (build/ for the optimised program, build/san/ for the
# sanitizer build used by the tests). Everything except cli/main.c goes into
# libvik.a, which the program and every test binary link.

CC      ?= cc
BUILD   ?= build
PKGS     = gsl zlib libsodium inih
DEB_PKGS = libcsv-dev libsqlite3-dev libgsl-dev zlib1g-dev libinih-dev libsodium-dev \
           libcmocka-dev pkg-config
WARN     = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wformat=2 -Wwrite-strings
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -I. -MMD -MP \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += -lcsv $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRCS  = $(wildcard common/*.c model/*.c config/*.c ingest/*.c transform/*.c \
              score/*.c report/*.c pipeline/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJS  = $(LIB_SRCS:%.c=$(BUILD)/%.o)
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

SAMPLES   = samples/data
SEED     ?= 1

.PHONY: all deps run test unit e2e bench clean samples format format-check

all: deps $(BUILD)/vik $(BUILD)/vik-gen

# Install what is missing (Debian 12). apt-get update runs only when needed.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "vik: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "vik: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libvik.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/vik: $(BUILD)/cli/main.o $(BUILD)/libvik.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/vik-gen: $(BUILD)/samples/gen.o
	$(CC) $(CFLAGS) -o $@ $^ -lz -lm

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/libvik.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The bundled synthetic municipality (generated, never committed).
$(SAMPLES)/brp.csv: $(BUILD)/vik-gen
	$(BUILD)/vik-gen --seed $(SEED) --out $(SAMPLES) >/dev/null

samples: deps $(SAMPLES)/brp.csv

run: all samples
	$(BUILD)/vik run -c config/vik.ini
	@echo "vik: watchlists and summary written to $$(pwd)/out/ (watchlist.csv, watchlist-THEME.csv)"

# Tests: a separate sanitizer build, then unit tests and end-to-end tests.
SAN_MAKE = $(MAKE) --no-print-directory BUILD=build/san OPT="-O1 -g $(SAN)"

test: deps
	$(SAN_MAKE) build/san/vik build/san/vik-gen unit-bins
	$(SAN_MAKE) unit e2e

unit-bins: $(UNIT_BINS)

unit: unit-bins
	@fail=0; for t in $(UNIT_BINS); do \
	  echo "== $$t"; $$t || fail=1; \
	done; exit $$fail

e2e:
	@LC_ALL=C TZ=UTC BUILD=$(BUILD) sh tests/e2e/run.sh

bench: all
	@sh tests/bench.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	@clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build $(SAMPLES) out

-include $(LIB_OBJS:.o=.d) $(UNIT_SRCS:%.c=$(BUILD)/%.d)
