# pacta: libpacta (static and shared), the pacta CLI, tests.
#
#   make              build the library and the CLI into $(BUILD)
#   make check        unit tests, the examples under `pacta test`, CLI tests
#   make sanitize     the whole check under AddressSanitizer + UBSan
#   make valgrind     the whole check under valgrind (memcheck)
#   make tsan         the batch tests (--jobs) under ThreadSanitizer
#   make bench        the benchmark against json-rules-engine and SWI-Prolog (bench/)
#   make install      PREFIX=/usr/local DESTDIR= ; make uninstall

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
DATADIR = $(PREFIX)/share/pacta
PKGCONFIGDIR = $(LIBDIR)/pkgconfig

BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config
DEPS = yaml-0.1 libpcre2-8 nettle

VERSION = 0.1.0
SOVERSION = 0

WARN = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT ?= -O2 -g
SANITIZE ?=
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS))
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS))
ALL_CFLAGS = $(WARN) $(OPT) $(SANITIZE) -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib \
             $(DEP_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANITIZE) $(LDFLAGS)

LIB_SRC = $(sort $(wildcard lib/*/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
PIC_OBJ = $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
STATIC_LIB = $(BUILD)/libpacta.a
SHARED_LIB = $(BUILD)/libpacta.so.$(VERSION)
CLI = $(BUILD)/pacta

UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

EXAMPLES = $(sort $(wildcard examples/*.yaml examples/*/*.yaml))

.PHONY: tsan bench
.PHONY: all check unit examples clitest apitest corpus fuzz sanitize valgrind install uninstall clean

all: $(STATIC_LIB) $(SHARED_LIB) $(CLI)

$(BUILD)/lib/%.o: lib/%.c lib/*/*.h include/pacta.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -c $< -o $@

$(BUILD)/pic/lib/%.o: lib/%.c lib/*/*.h include/pacta.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -fPIC -c $< -o $@

$(STATIC_LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(SHARED_LIB): $(PIC_OBJ)
	$(CC) -shared -Wl,-soname,libpacta.so.$(SOVERSION) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)
	ln -sf libpacta.so.$(VERSION) $(BUILD)/libpacta.so.$(SOVERSION)
	ln -sf libpacta.so.$(SOVERSION) $(BUILD)/libpacta.so

$(CLI): cli/*.c cli/*.h include/pacta.h $(STATIC_LIB)
	$(CC) $(ALL_CFLAGS) -pthread -DPACTA_RULES_DIR='"$(DATADIR)/rules"' cli/*.c -o $@ $(ALL_LDFLAGS) -pthread $(STATIC_LIB) $(DEP_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/*.h $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< -o $@ $(ALL_LDFLAGS) $(STATIC_LIB) $(DEP_LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

# RUNNER prefixes every test program (valgrind sets it).
RUNNER ?=

check: unit examples clitest apitest corpus

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; PACTA_TEST_ROOT=$(CURDIR) $(RUNNER) $$t; done

examples: $(CLI)
	$(RUNNER) $(CLI) test --rules rules $(EXAMPLES)

clitest: $(CLI)
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/run.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/batch.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/tools.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/explain.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/whatif.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/draft.sh

# The README's C program, linked against the shared library as a user would.
$(BUILD)/check-example: examples/check.c include/pacta.h $(SHARED_LIB)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) -L$(BUILD) -lpacta

apitest: $(BUILD)/check-example
	LD_LIBRARY_PATH=$(BUILD) $(RUNNER) $(BUILD)/check-example rules examples/prc-2023-mass-return.yaml \
	    | tail -n 1 | grep -qx '5 violation(s)'
	@echo "ok - the README's C program links against libpacta.so and reports the violations"
	@leaked=$$(nm -D --defined-only $(SHARED_LIB) | awk '{print $$3}' | grep -v '^pacta_' || true); \
	if [ -n "$$leaked" ]; then echo "not ok - libpacta.so exports non-pacta symbols: $$leaked"; exit 1; fi
	@echo "ok - libpacta.so exports only pacta_* symbols"
	@echo '#include "pacta.h"' | $(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude -x c -fsyntax-only -
	@echo "ok - pacta.h compiles alone as C99 under -pedantic -Werror"
	@echo '#include "pacta.h"' | $(CXX) -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror -Iinclude -fsyntax-only -
	@echo "ok - pacta.h compiles alone as C++11"

# Fuzzing (fuzz/, docs in fuzz/README.md). `make fuzz` builds one libFuzzer
# binary per harness with clang under ASan+UBSan; `corpus` (part of check)
# replays every kept input of tests/corpus/<harness>/ through the same
# harness linked with fuzz/replay.c under the ordinary compiler.
FUZZ_HARNESSES = fuzz_rules fuzz_scenario fuzz_check fuzz_indicators fuzz_grade fuzz_draft
FUZZ_CC ?= clang
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = $(WARN) -O1 -g -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib $(DEP_CFLAGS) \
              -DPACTA_FUZZ_RULES='"$(CURDIR)/rules"'
FUZZ_BUILD = $(BUILD)/fuzz
REPLAY_BIN = $(FUZZ_HARNESSES:%=$(BUILD)/replay/%)

fuzz: $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/%)

.PRECIOUS: $(FUZZ_BUILD)/lib/%.o

$(FUZZ_BUILD)/lib/%.o: lib/%.c lib/*/*.h include/pacta.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SANITIZE) -fsanitize=fuzzer $< $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) \
	    -o $@ $(DEP_LIBS)

$(BUILD)/replay/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_common.h fuzz/replay.c $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DPACTA_FUZZ_RULES='"rules"' $< fuzz/replay.c -o $@ $(ALL_LDFLAGS) $(STATIC_LIB) $(DEP_LIBS)

corpus: $(REPLAY_BIN)
	@set -e; for h in $(FUZZ_HARNESSES); do \
	    PACTA_RULES=$(CURDIR)/rules $(RUNNER) $(BUILD)/replay/$$h tests/corpus/$$h; done

# The whole check under ASan and UBSan. CI runs it twice, with gcc and with
# clang: clang's UBSan also reports what gcc's lets pass (arithmetic on a
# null pointer, even adding zero), so each compiler gets its own build.
SANITIZE_BUILD ?= build/sanitize-$(notdir $(CC))
sanitize:
	$(MAKE) BUILD=$(SANITIZE_BUILD) SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" OPT="-O1 -g" check

# The batch tests under ThreadSanitizer: --jobs runs several threads over
# one rulebase, and any data race in lib/ or cli/ fails the run.
tsan:
	$(MAKE) BUILD=$(BUILD)/tsan SANITIZE="-fsanitize=thread -fno-omit-frame-pointer" OPT="-O1 -g" $(BUILD)/tsan/pacta
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" PACTA="$(abspath $(BUILD)/tsan/pacta)" sh tests/cli/batch.sh

# The benchmark against json-rules-engine and SWI-Prolog (bench/README.md),
# never part of check. bench/setup.sh installs the two engines first.
BENCH_ARGS ?= --scaling --million
$(BUILD)/bench/%: bench/%.c lib/*/*.h include/pacta.h $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) $(STATIC_LIB) $(DEP_LIBS)

bench: $(CLI) $(BUILD)/bench/export $(BUILD)/bench/breakdown
	python3 bench/run.py --build $(BUILD) $(BENCH_ARGS)

valgrind:
	$(MAKE) BUILD=build/valgrind OPT="-O1 -g" RUNNER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" check

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/pacta
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(LIBDIR)/libpacta.a
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/libpacta.so.$(VERSION)
	ln -sf libpacta.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpacta.so.$(SOVERSION)
	ln -sf libpacta.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libpacta.so
	install -m 644 include/pacta.h $(DESTDIR)$(INCLUDEDIR)/pacta.h
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@VERSION@|$(VERSION)|' pacta.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/pacta.pc
	rm -rf $(DESTDIR)$(DATADIR)/rules
	cp -R rules $(DESTDIR)$(DATADIR)/rules

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pacta $(DESTDIR)$(LIBDIR)/libpacta.a \
	      $(DESTDIR)$(LIBDIR)/libpacta.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpacta.so.$(SOVERSION) \
	      $(DESTDIR)$(LIBDIR)/libpacta.so $(DESTDIR)$(INCLUDEDIR)/pacta.h $(DESTDIR)$(PKGCONFIGDIR)/pacta.pc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build
