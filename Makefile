# Loom's everyday commands. Each target installs the Debian packages it needs first.
#   make example   build, then render examples/noise-blur-bloom headless to out/ and print stats
#   make test      build, then run every test (unit + GPU on lavapipe with validation)
#   make bench     build, then run the benchmarks (CSV under out/bench)
#   make asan      build with ASan/UBSan/LSan in build-asan and run every test there
#   make asan-ci   the same build; every unit and GPU test (not the fixtures), as CI runs it
#   make fuzz      build the libFuzzer programs with clang in build-fuzz and fuzz each for
#                  FUZZ_SECONDS (default 300); CI runs `make fuzz FUZZ_SECONDS=30`
#   make docs      build, then rewrite docs/OPERATORS.md and its thumbnails from the registry
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 300
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps build example test bench asan asan-ci fuzz docs clean

deps:
	@.ci/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS) > /dev/null
	@cmake --build $(BUILD) -j $(JOBS)

example: build
	@mkdir -p out
	$(BUILD)/loom run examples/noise-blur-bloom --headless --frames 60 --size 1280x720 --snapshot out/noise-blur-bloom.png

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	@mkdir -p out/bench
	$(BUILD)/loom-bench --csv out/bench/bench.csv

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLOOM_SANITIZE=ON > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# CI's sanitizer run: every unit and GPU test (the fixtures' leak watches judge memory growth,
# which the sanitizers' quarantine distorts; `make asan` runs them too).
asan-ci: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLOOM_SANITIZE=ON > /dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target loom loom_unit_tests loom_gpu_tests loom_fuzzers
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L 'unit|gpu'

# Fuzzing: each target seeded by fuzz/corpus/<name>; a finding stops with the input saved under
# out/fuzz/<name>/ (fuzz/run.sh says what to do with it).
fuzz:
	@.ci/install-deps.sh fuzz
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLOOM_FUZZ=ON \
	  -DLOOM_BUILD_TESTS=OFF -DLOOM_BUILD_BENCH=OFF > /dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target loom_fuzzers
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

docs: build
	tools/operator-docs.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) out
