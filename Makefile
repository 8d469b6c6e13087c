# Tripwise developer and CI entry points. Everything builds with the Swift
# toolchain alone, plus the system OpenBLAS that `deps` installs when missing.
#
# Extra flags for every swift invocation, e.g. a private build directory:
#   make test SWIFT_FLAGS="--scratch-path /tmp/my-build"

SWIFT ?= swift
SWIFT_FLAGS ?=
# The thread-sanitised build lives apart from the normal one, so alternating
# `make test` and `make tsan` does not rebuild everything each time.
TSAN_SCRATCH ?= .build/tsan

# Run apt-get through sudo only when we are not root and sudo exists.
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: deps build test demo bench-real tsan bench clean

## deps: install libopenblas-dev and pkg-config, only if pkg-config cannot find openblas.
deps:
	@if pkg-config --exists openblas 2>/dev/null; then \
		echo "deps: openblas found by pkg-config"; \
	else \
		if [ "$$(id -u)" -ne 0 ] && [ -z "$(SUDO)" ]; then \
			echo "deps: need root or sudo to install libopenblas-dev and pkg-config" >&2; exit 1; \
		fi; \
		echo "deps: installing libopenblas-dev and pkg-config"; \
		$(APT_GET) update && \
		$(APT_GET) install -y --no-install-recommends libopenblas-dev pkg-config && \
		pkg-config --exists openblas; \
	fi

## build: build every target.
build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

## test: build and run every test.
test: deps
	$(SWIFT) test $(SWIFT_FLAGS)

## demo: the main job, from a release build: replay a generated outage through static breakers,
## simulate a failing dependency, then train a logistic model and a bandit on the synthetic suite
## and benchmark them (and the committed Q-table) against tuned static thresholds on the held-out
## test split, ending with the
## headline table and the path of the report ($(DEMO_DIR)/report/index.html).
DEMO_DIR ?= .build/demo
demo: deps
	$(SWIFT) build $(SWIFT_FLAGS) -c release --product tripwise
	@mkdir -p $(DEMO_DIR)
	@bin="$$($(SWIFT) build $(SWIFT_FLAGS) -c release --show-bin-path)/tripwise"; \
	set -e; \
	echo "== tripwise generate + replay (a sudden outage, one static breaker per target)"; \
	"$$bin" generate --scenario sudden-outage --seed 7 --duration 20m -o $(DEMO_DIR)/sudden-outage.csv; \
	"$$bin" replay --trace $(DEMO_DIR)/sudden-outage.csv --policy static \
		--set slidingWindow=count:50 --set minimumNumberOfCalls=20 --set waitDurationInOpenState=10s \
		--set permittedCallsInHalfOpenState=5 | tail -n 9; \
	echo; echo "== tripwise demo (a failing dependency behind a breaker)"; \
	"$$bin" demo; \
	echo; echo "== tripwise train logistic (synthetic train split; τ by replaying the validation split)"; \
	"$$bin" train logistic --trace datasets/synthetic/train.csv --validation datasets/synthetic/validation.csv \
		--l2 1e-2 --label window-fails --tune-by-replay -o $(DEMO_DIR)/logistic.json | grep -E "static-best on|chosen|^decision|ROC"; \
	echo; echo "== tripwise train bandit (Thompson sampling over 12 breaker configurations, 30 s episodes)"; \
	"$$bin" train bandit --algorithm thompson --trace datasets/synthetic/train.csv \
		--validation datasets/synthetic/validation.csv -o $(DEMO_DIR)/bandit.json | grep -E "greedy|validation,"; \
	echo; echo "== tripwise bench (held-out test split)"; \
	"$$bin" bench --train datasets/synthetic/train.csv --validation datasets/synthetic/validation.csv \
		--test datasets/synthetic/test.csv \
		--policies never,hindsight,r4j-default,hystrix-default,static-best,sre:2,consecutive:5,model:$(DEMO_DIR)/logistic.json,model:$(DEMO_DIR)/bandit.json,model:models/qtable.json \
		--report $(DEMO_DIR)/report; \
	echo; echo "report: $(DEMO_DIR)/report/index.html (and README.md)"

## bench-real: import the Nezha TrainTicket/OnlineBoutique traces from ../shared/datasets (when
## present), train on the first 60 % of the TrainTicket day (plus the OnlineBoutique windows),
## bench on its last 25 % and write the report to notebooks-export/nezha-trainticket/.
NEZHA ?= ../shared/datasets/nezha-onlineboutique-trainticket
bench-real: deps
	$(SWIFT) build $(SWIFT_FLAGS) -c release --product tripwise
	TRIPWISE="$$($(SWIFT) build $(SWIFT_FLAGS) -c release --show-bin-path)/tripwise" NEZHA=$(NEZHA) bash Scripts/bench-real.sh

## tsan: run the BreakerCore tests under ThreadSanitizer.
tsan: deps
	$(SWIFT) test --scratch-path $(TSAN_SCRATCH) --sanitize=thread -Xswiftc -DTRIPWISE_TSAN --filter BreakerCoreTests

## bench: run the core benchmarks (nested package in Benchmarks/), release build.
bench: deps
	cd Benchmarks && $(SWIFT) run -c release tripwise-bench core

## clean: remove build products of the package and of Benchmarks/.
clean:
	rm -rf .build Benchmarks/.build
