# pacta: libpacta (static and shared), the pacta CLI, tests.
#
#   make              build the library and the CLI into $(BUILD)
#   make check        unit tests, the examples under `pacta test`, CLI tests,
#                     the fuzz corpora, the layering of lib/, the Python
#                     binding's tests (pythontest), the manual pages (manlint)
#   make manlint      mandoc -Tlint on the manual pages; pacta(3)'s example compiles and runs
#   make sanitize     the whole check under AddressSanitizer + UBSan
#   make valgrind     the whole check under valgrind (memcheck)
#   make tsan         the batch tests (--jobs) under ThreadSanitizer
#   make bench        the batch against a json-c parse-only pass and hand-written C (bench/)
#   make install      PREFIX=/usr/local DESTDIR= ; make uninstall

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
LIBDIR = $(PREFIX)/lib
INCLUDEDIR = $(PREFIX)/include
DATADIR = $(PREFIX)/share/pacta
PKGCONFIGDIR = $(LIBDIR)/pkgconfig
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
MANDIR = $(PREFIX)/share/man

BUILD ?= build
CC ?= cc
PKG_CONFIG ?= pkg-config
DEPS = yaml-0.1 libpcre2-8 nettle json-c

VERSION = 0.1.0
SOVERSION = 0

WARN = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT ?= -O2 -g
SANITIZE ?=
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS))
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS)) -pthread
ALL_CFLAGS = $(WARN) $(OPT) $(SANITIZE) -pthread -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib \
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

MANPAGES = doc/pacta.1 doc/pacta.3 doc/pacta-scenario.5

.PHONY: tsan bench bench-engines
.PHONY: all check unit examples clitest apitest pythontest corpus layers manlint fuzz sanitize valgrind install uninstall clean

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

# RUNNER prefixes every test program (valgrind sets it); PYTHON_RUNNER the
# Python interpreter that runs the binding's tests.
RUNNER ?=
PYTHON_RUNNER ?= $(RUNNER)
# Debian's interpreter, the one python3-setuptools belongs to.
PYTHON ?= /usr/bin/python3

check: unit examples clitest apitest pythontest corpus layers manlint

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
	PACTA="$(abspath $(CLI))" sh tests/cli/dask.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/draft.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/userkit.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/regional.sh
	PACTA="$(RUNNER) $(abspath $(CLI))" sh tests/cli/html.sh

# lib/ is in layers (lib/README.md): no file uses a layer above its own and
# no files depend on each other in a circle, read from the objects' symbols
# and the sources' includes, and no .c file is over 900 lines; the test
# also shows the check failing on small trees that break each rule.
layers: $(STATIC_LIB)
	sh tests/layers/run.sh "$(CC)" $(BUILD)/lib

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

# The Python binding (bindings/python) against the shared library just built,
# compared with the CLI's output; it also installs the binding into a venv.
pythontest: $(SHARED_LIB) $(CLI)
	PACTA_LIBRARY=$(abspath $(BUILD)/libpacta.so) PACTA_CLI=$(abspath $(CLI)) PYTHONDONTWRITEBYTECODE=1 \
	    $(PYTHON_RUNNER) $(PYTHON) -m unittest discover -s bindings/python

# The manual pages (doc/): mandoc finds no warning in them, pacta(3) names
# every function pacta.h exports, and its example program (the literal block
# of EXAMPLES) compiles against the shared library and runs.
$(BUILD)/man-example.c: doc/pacta.3
	@mkdir -p $(dir $@)
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh SEE/p' $< | awk '/^\.Bd/ { n++; on = n == 1; next } /^\.Ed/ { on = 0; next } on' \
	    | sed -e 's/\\e/\\/g' -e 's/\\&//g' > $@

$(BUILD)/man-example: $(BUILD)/man-example.c include/pacta.h $(SHARED_LIB)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) -L$(BUILD) -lpacta

manlint: $(BUILD)/man-example
	mandoc -Tlint -W warning $(MANPAGES)
	@echo "ok - mandoc -Tlint -W warning finds nothing in $(MANPAGES)"
	@missing=$$(sed -n 's/^PACTA_EXPORT .*[ *]\(pacta_[a-z0-9_]*\)(.*/\1/p' include/pacta.h \
	    | while read -r f; do grep -Eq "^\.(It )?Fn $$f " doc/pacta.3 || echo "$$f"; done); \
	if [ -n "$$missing" ]; then echo "not ok - doc/pacta.3 does not list:" $$missing; exit 1; fi
	@echo "ok - doc/pacta.3 lists every function pacta.h exports"
	LD_LIBRARY_PATH=$(BUILD) $(RUNNER) $(BUILD)/man-example rules examples/prc-2023-mass-return.yaml \
	    | grep -q '^violation  *refugee-convention/return-to-risk (2023-10-09)$$'
	@echo "ok - the example of pacta(3) compiles and prints the verdicts"

# Fuzzing (fuzz/, docs in fuzz/README.md). `make fuzz` builds one libFuzzer
# binary per harness with clang under ASan+UBSan; `corpus` (part of check)
# replays every kept input of tests/corpus/<harness>/ through the same
# harness linked with fuzz/replay.c under the ordinary compiler.
FUZZ_HARNESSES = fuzz_rules fuzz_scenario fuzz_check fuzz_indicators fuzz_grade fuzz_draft fuzz_jsonl
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
#
# The Python interpreter is not instrumented, so the binding's tests preload
# the compiler's ASan runtime for the sanitized libpacta.so (clang's own, else
# gcc's libasan), and leave CPython's blocks at exit alone (detect_leaks=0:
# the tests count libpacta's blocks themselves, and valgrind checks them).
SANITIZE_BUILD ?= build/sanitize-$(notdir $(CC))
ASAN_RUNTIME = $(firstword $(filter /%,$(foreach f,libclang_rt.asan-$(shell uname -m).so libasan.so,\
                   $(shell $(CC) -print-file-name=$(f)))))
sanitize:
	$(MAKE) BUILD=$(SANITIZE_BUILD) SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" OPT="-O1 -g" \
	    PYTHON_RUNNER="env LD_PRELOAD=$(ASAN_RUNTIME) ASAN_OPTIONS=detect_leaks=0" check

# The batch tests under ThreadSanitizer: --jobs runs several threads over
# one rulebase (lib/tools/batch.c), and any data race in lib/ or cli/ fails
# the run; test_batch drives the same threads through the library's API.
tsan:
	$(MAKE) BUILD=$(BUILD)/tsan SANITIZE="-fsanitize=thread -fno-omit-frame-pointer" OPT="-O1 -g" \
	    $(BUILD)/tsan/pacta $(BUILD)/tsan/tests/test_batch
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" PACTA="$(abspath $(BUILD)/tsan/pacta)" sh tests/cli/batch.sh
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" PACTA_TEST_ROOT=$(CURDIR) $(BUILD)/tsan/tests/test_batch

# The benchmark (bench/README.md), never part of check. `make bench` runs
# pacta's batch against a json-c parse-only pass and the hand-written C
# reference of the wide workload (WIDE, outside the tree; skipped with a
# message when absent), on 20k and 200k scenarios. The comparison with
# json-rules-engine and SWI-Prolog runs too when bench/setup.sh has
# installed them (`make bench-engines` runs it alone).
WIDE ?= ../shared/bench/wide
WIDE_ARGS ?=
BENCH_ARGS ?= --scaling --million
$(BUILD)/bench/%: bench/%.c lib/*/*.h include/pacta.h $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) $(STATIC_LIB) $(DEP_LIBS)

bench: $(CLI) $(BUILD)/bench/parse_floor
	@if pkg-config --exists jansson; then \
	    mkdir -p $(BUILD)/bench && \
	    $(CC) $(ALL_CFLAGS) bench/parse_floor_jansson.c -o $(BUILD)/bench/parse_floor_jansson \
	        $$(pkg-config --libs jansson); \
	else echo "bench: libjansson-dev not installed: the jansson parse is skipped"; fi
	python3 bench/wide.py --build $(BUILD) --wide $(WIDE) $(WIDE_ARGS)
	@if [ -d bench/node_modules/json-rules-engine ] && command -v swipl >/dev/null; then \
	    $(MAKE) bench-engines; \
	else echo "bench: json-rules-engine or SWI-Prolog not installed (sh bench/setup.sh): engines skipped"; fi

bench-engines: $(CLI) $(BUILD)/bench/export $(BUILD)/bench/breakdown
	python3 bench/run.py --build $(BUILD) $(BENCH_ARGS)

# Python runs with the C library's malloc (PYTHONMALLOC=malloc) so that
# valgrind sees every block; blocks CPython keeps until exit are "possibly
# lost" or "still reachable", which fail nothing and are not listed. No
# suppression is needed: no block of libpacta is left at exit.
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
valgrind:
	$(MAKE) BUILD=build/valgrind OPT="-O1 -g" RUNNER="$(VALGRIND)" \
	    PYTHON_RUNNER="env PYTHONMALLOC=malloc $(VALGRIND) --show-leak-kinds=definite,indirect" check

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
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man5
	for m in $(MANPAGES); do \
	    sed -e 's|/usr/local/share/|$(PREFIX)/share/|' $$m > $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m##*/}; done
	install -d $(DESTDIR)$(BASHCOMPDIR)
	sed -e 's|@PACTA_RULES_DIR@|$(DATADIR)/rules|' contrib/bash-completion/pacta > $(DESTDIR)$(BASHCOMPDIR)/pacta

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pacta $(DESTDIR)$(LIBDIR)/libpacta.a \
	      $(DESTDIR)$(LIBDIR)/libpacta.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libpacta.so.$(SOVERSION) \
	      $(DESTDIR)$(LIBDIR)/libpacta.so $(DESTDIR)$(INCLUDEDIR)/pacta.h $(DESTDIR)$(PKGCONFIGDIR)/pacta.pc \
	      $(DESTDIR)$(BASHCOMPDIR)/pacta $(DESTDIR)$(MANDIR)/man1/pacta.1 \
	      $(DESTDIR)$(MANDIR)/man3/pacta.3 $(DESTDIR)$(MANDIR)/man5/pacta-scenario.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build
