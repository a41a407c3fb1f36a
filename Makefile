# corridor: the two commands of the README, plus helpers.
#   make run   set up, build, export the default network to output/
#   make test  set up, build, run the whole test suite (what CI runs)
PRESET ?= release
BUILD  := build/$(PRESET)

.PHONY: setup build run test asan clean

setup:
	scripts/setup.sh

build: setup
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

run: build
	$(BUILD)/corridor validate
	$(BUILD)/corridor export

test: build
	ctest --preset $(PRESET)

asan:
	$(MAKE) test PRESET=asan

clean:
	rm -rf build
