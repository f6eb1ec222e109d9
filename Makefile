# pacta: libpacta (static and shared), the pacta CLI, tests.
#
#   make              build the library and the CLI into $(BUILD)
#   make check        unit tests, the examples under `pacta test`, CLI tests
#   make sanitize     the whole check under AddressSanitizer + UBSan
#   make valgrind     the whole check under valgrind (memcheck)
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

LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
PIC_OBJ = $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
STATIC_LIB = $(BUILD)/libpacta.a
SHARED_LIB = $(BUILD)/libpacta.so.$(VERSION)
CLI = $(BUILD)/pacta

UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

EXAMPLES = $(sort $(wildcard examples/*.yaml examples/*/*.yaml))

.PHONY: all check unit examples clitest apitest sanitize valgrind install uninstall clean

all: $(STATIC_LIB) $(SHARED_LIB) $(CLI)

$(BUILD)/lib/%.o: lib/%.c lib/*.h include/pacta.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -c $< -o $@

$(BUILD)/pic/lib/%.o: lib/%.c lib/*.h include/pacta.h
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
	$(CC) $(ALL_CFLAGS) -DPACTA_RULES_DIR='"$(DATADIR)/rules"' cli/*.c -o $@ $(ALL_LDFLAGS) $(STATIC_LIB) $(DEP_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/*.h $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< -o $@ $(ALL_LDFLAGS) $(STATIC_LIB) $(DEP_LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

# RUNNER prefixes every test program (valgrind sets it).
RUNNER ?=

check: unit examples clitest apitest

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; PACTA_TEST_ROOT=$(CURDIR) $(RUNNER) $$t; done

examples: $(CLI)
	$(RUNNER) $(CLI) test --rules rules $(EXAMPLES)

clitest: $(CLI)
	PACTA="$(RUNNER) $(CURDIR)/$(CLI)" sh tests/cli/run.sh

# The README's C program, linked against the shared library as a user would.
$(BUILD)/check-example: examples/check.c include/pacta.h $(SHARED_LIB)
	$(CC) $(ALL_CFLAGS) $< -o $@ $(ALL_LDFLAGS) -L$(BUILD) -lpacta

apitest: $(BUILD)/check-example
	LD_LIBRARY_PATH=$(BUILD) $(RUNNER) $(BUILD)/check-example rules examples/prc-2023-mass-return.yaml \
	    | tail -n 1 | grep -qx '4 violation(s)'
	@echo "ok - the README's C program links against libpacta.so and reports the violations"
	@leaked=$$(nm -D --defined-only $(SHARED_LIB) | awk '{print $$3}' | grep -v '^pacta_' || true); \
	if [ -n "$$leaked" ]; then echo "not ok - libpacta.so exports non-pacta symbols: $$leaked"; exit 1; fi
	@echo "ok - libpacta.so exports only pacta_* symbols"

sanitize:
	$(MAKE) BUILD=build/sanitize SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" OPT="-O1 -g" check

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
