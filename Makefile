# rulec — see README.md.
GO      ?= go
BIN     ?= rulec
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
FUZZTIME ?= 60s

.PHONY: all build demo test vet golden fuzz bench generate clean

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

test: vet
	$(GO) test ./...

vet:
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Rewrite the golden files after an intended output change.
golden:
	$(GO) test ./golden -update

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParseFile -fuzztime $(FUZZTIME) ./grammar/suricata
	$(GO) test -run '^$$' -fuzz FuzzParseFile -fuzztime $(FUZZTIME) ./grammar/seclang

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./grammar/... ./compiler/... ./codegen/... ./runtime/...
	cd bench && $(GO) test -run '^$$' -bench . -benchtime 2s

clean:
	rm -rf $(BIN) out
