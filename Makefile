# rulec — see README.md.
GO      ?= go
BIN     ?= rulec
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
FUZZTIME ?= 60s

.PHONY: all build demo test vet golden fuzz bench clean

all: build

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/rulec

# The main job on the bundled default rule set.
demo: build
	./$(BIN) check rules/

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
	$(GO) test -run '^$$' -bench . -benchmem ./grammar/... ./compiler/...

clean:
	rm -f $(BIN)
