# dyad: the two entry points are `make demo` and `make test`; both install dependencies
# (scripts/install-deps) and build first.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ifeq ($(CI),true)
  CMAKE_FLAGS += -DDYAD_WERROR=ON
endif

.PHONY: all deps build demo test unit bench format clean fuzz

all: build

deps:
	./scripts/install-deps

build: deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	./scripts/demo.sh $(BUILD_DIR)/dyad

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

unit: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L unit

bench: build
	./scripts/bench.sh $(BUILD_DIR)

# libFuzzer + ASan + UBSan in a separate clang build (build-fuzz/, never build/): builds every
# fuzz/*_fuzz.cc target and runs each for FUZZ_SECONDS (FUZZ_TARGETS to pick some).
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?=
fuzz: deps
	cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DDYAD_FUZZ=ON
	cmake --build $(FUZZ_BUILD_DIR) --target dyad_fuzz_all -j $(JOBS)
	./scripts/fuzz.sh $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR)
