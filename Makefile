# Rampart — run `make help` for the targets.

GO          ?= go
BIN         := bin/rampart
TOOLS       := $(CURDIR)/.bin
OPA_VERSION := v1.22.3
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -X github.com/rampart-iac/rampart/cmd/rampart/internal/cli.Version=$(VERSION)
FUZZTIME    ?= 30s
BENCHTIME   ?= 2s

.PHONY: all build test lint test-go test-rego test-opa bench fuzz golden screenshot run clean help

all: build test ## build and test

build: ## build bin/rampart
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/rampart

test: lint test-go test-rego test-opa ## everything CI runs: gofmt, go vet, Go tests, Rego tests (ours and stock opa)

lint: ## gofmt check and go vet
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.bin/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

test-go: ## all Go tests, including fixtures, CLI scripts and the corpus sweeps (skipped when ../shared/corpus is absent)
	$(GO) test -count=1 ./...

test-rego: build ## Rego unit tests of the built-in library with rampart test
	$(BIN) test policies/

$(TOOLS)/opa:
	GOBIN=$(TOOLS) $(GO) install github.com/open-policy-agent/opa@$(OPA_VERSION)

test-opa: $(TOOLS)/opa ## the same Rego tests and a strict check with stock opa
	$(TOOLS)/opa test policies/
	$(TOOLS)/opa check --strict policies/

bench: ## benchmarks: engine throughput (documents/s), normalizers (MB/s), whole scans
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./engine/ ./scan/ ./normalizers/...

# Every fuzz target as package:Target; `make fuzz FUZZTIME=5m` runs each in turn.
FUZZ_TARGETS := \
	./normalizers/kubernetes:FuzzNormalize \
	./normalizers/internal/yamltree:FuzzParse \
	./normalizers/dockerfile:FuzzNormalize \
	./normalizers/terraform:FuzzNormalize \
	./normalizers/cloudformation:FuzzNormalize \
	./normalizers/tfjson:FuzzParseJSON \
	./normalizers/tfjson:FuzzPlan \
	./normalizers/tfjson:FuzzState \
	./normalizers/terraform/funcs:FuzzCidrsubnet \
	./normalizers/terraform/funcs:FuzzStringFunctions

fuzz: ## run every fuzz target for FUZZTIME each
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; \
		echo "== $$pkg $$fn ($(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME); \
	done

golden: ## regenerate golden files
	$(GO) test ./normalizers/kubernetes ./normalizers/dockerfile ./normalizers/terraform ./normalizers/tfjson ./normalizers/cloudformation ./report/ -update

screenshot: build ## render the examples' HTML report and screenshot it in headless Chromium (reports/)
	mkdir -p reports
	$(BIN) scan examples/ -o html=reports/examples.html -o sarif=reports/examples.sarif --quiet || true
	$(GO) run ./report/screenshot reports/examples.html reports/examples.png

run: build ## scan the shipped examples with the built-in rules
	$(BIN) scan examples/ || true

clean: ## remove build output
	rm -rf bin $(TOOLS)

help: ## list targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
