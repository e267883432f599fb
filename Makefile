# rulec — see README.md.
GO      ?= go
BIN     ?= rulec
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
FUZZTIME ?= 60s

.PHONY: all build demo test vet golden fuzz bench bench-run bench-live hyperscan generate image clean

all: build

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/rulec

# The main job on the bundled default rule set: compile rules/, generate
# the demo capture, run it through both tiers and print the alerts table.
demo: build
	mkdir -p out
	./$(BIN) compile rules/ -o out/ruleset.rco
	$(GO) run ./cmd/demopcap -o out/demo.pcap
	./$(BIN) run out/ruleset.rco --pcap out/demo.pcap --eve out/eve.json
	@echo "EVE alerts: out/eve.json"

# Regenerate the classifier object and its Go bindings (needs clang, llvm
# and libbpf-dev).
generate:
	cd bpf && $(GO) generate ./...

# Timeouts are generous: CI machines are busy, and the image test builds
# rulec inside a container.
test: vet
	$(GO) test -timeout 30m ./...
	cd deploy && $(GO) test -timeout 30m ./...

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -checks U1000 ./...
	cd deploy && $(GO) vet ./...

# Rewrite the golden files after an intended output change.
golden:
	$(GO) test ./golden -update

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParseFile -fuzztime $(FUZZTIME) ./grammar/suricata
	$(GO) test -run '^$$' -fuzz FuzzParseFile -fuzztime $(FUZZTIME) ./grammar/seclang
	$(GO) test -run '^$$' -fuzz 'FuzzDecode$$' -fuzztime $(FUZZTIME) ./codegen/object
	$(GO) test -run '^$$' -fuzz FuzzDecodeBody -fuzztime $(FUZZTIME) ./codegen/object
	$(GO) test -run '^$$' -fuzz FuzzEditObject -fuzztime $(FUZZTIME) ./codegen/object
	$(GO) test -run '^$$' -fuzz FuzzInspect -fuzztime $(FUZZTIME) ./cmd/rulec
	$(GO) test -run '^$$' -fuzz FuzzKernelAndUserspaceAgree -fuzztime $(FUZZTIME) ./runtime/refeval
	$(GO) test -run '^$$' -fuzz FuzzDefrag -fuzztime $(FUZZTIME) ./runtime/defrag

# Every committed benchmark, then one table (each row with its peer or bar
# and the ratio measured in this run) and the plots in docs/.
bench: build hyperscan
	mkdir -p out docs
	$(GO) test -run '^$$' -bench . -benchmem ./grammar/... ./compiler/... ./codegen/... ./runtime/... | tee out/bench-main.txt
	cd bench && $(GO) test -run '^$$' -bench . -benchtime 2s | tee ../out/bench-peers.txt
	$(GO) run ./cmd/demopcap -o out/demo.pcap
	/usr/bin/env time -f %M -o out/rss.txt ./$(BIN) run ../shared/corpus/etopen ../shared/corpus/crs/crs-4.28.0/crs-setup.conf.example ../shared/corpus/crs/crs-4.28.0/rules --pcap out/demo.pcap > /dev/null 2>&1 || true
	$(MAKE) bench-run
	$(MAKE) bench-live
	cd bench && $(GO) run ./cmd/benchtable -plots ../docs -rss "rulec run with ET Open + CRS=$$(cat ../out/rss.txt 2>/dev/null)" ../out/bench-main.txt ../out/bench-peers.txt ../out/bench-run.txt ../out/bench-live.txt | tee ../out/bench-table.txt

# rulec run on mixed.pcap as a user runs it (ET Open; ET Open + CRS; 1 and
# 2 workers) beside the reading-only floor.
bench-run: build
	mkdir -p out
	$(GO) run ./cmd/runbench -rulec ./$(BIN) -pcap ../shared/corpus/traffic/mixed.pcap -vars ../shared/corpus/traffic/vars.yaml -workers 1,2 \
		-set ETOpen=../shared/corpus/etopen -set "ETOpenCRS=../shared/corpus/etopen ../shared/corpus/crs/crs-4.28.0/crs-setup.conf.example ../shared/corpus/crs/crs-4.28.0/rules" | tee out/bench-run.txt

# rulec run live on a veth pair in its own namespaces (root), ET Open, with a
# paced 50k/s mix of DNS queries and HTTP requests: rate reached, ring-buffer
# losses, expected alerts raised (cmd/livebench; issue 14).
bench-live: build
	mkdir -p out
	$(GO) run ./cmd/livebench -rulec ./$(BIN) -rate 50000 -duration 4s ../shared/corpus/etopen | tee out/bench-live.txt

# The container image (Dockerfile), built with buildah (installed when
# missing); works without a registry (see deploy/image/build.sh).
image:
	command -v buildah >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah >/dev/null; }
	deploy/image/build.sh

# Hyperscan, the prefilter's peer in bench/ (cgo), from Debian when missing.
hyperscan:
	dpkg -s libhyperscan-dev >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libhyperscan-dev >/dev/null; }

clean:
	rm -rf $(BIN) out
