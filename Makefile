# Watchwire: build, test, demo. Go 1.26 is all a fresh machine needs.
GO      ?= go
MODULES  = $(shell $(GO) list -f '{{.Dir}}' -m)
PKGS     = $(addsuffix /...,$(MODULES))

.PHONY: all build test demo demo-screen bench pgo eval fuzz vet fmt clean

all: build

build:
	mkdir -p bin
	$(GO) build -o bin/ ./cmd/watchwire $(wildcard ./services/*/cmd/*)

## test: every module's tests (a go.work root needs the module list)
test:
	$(GO) vet $(PKGS)
	$(GO) test -count=1 $(PKGS)

## demo: the whole pipeline on embedded NATS and Kafka, fed the bundled sample articles (Ctrl-C stops)
demo:
	rm -rf .watchwire/demo
	$(GO) run ./cmd/watchwire up --demo --data-dir .watchwire/demo

## demo-screen: the screening engine alone over the sample articles, each hit in context
demo-screen:
	$(GO) run ./cmd/watchwire screen --format text --stats --in data/samples/articles.jsonl

## bench: the engine's benchmarks, built as the binaries are, with the profile (figures in BENCHMARKS.md):
## the builds on the machine's cores (as a process loading a list has them), the scans on one core
PGO = $(CURDIR)/cmd/watchwire/default.pgo
bench:
	cd pkg/screening && $(GO) test -pgo=$(PGO) -run '^$$' -bench 'Build' -benchmem -benchtime 3x ./engine/
	cd pkg/screening && GOMAXPROCS=1 $(GO) test -pgo=$(PGO) -run '^$$' -bench 'Scan|Screen|Decode' -benchmem -benchtime 3x ./engine/ ./screen/

## pgo: refresh the profile that watchwire and the tagger are built with
## (profile-guided optimisation) from the scan benchmarks over ../shared's news
pgo:
	tmp=$$(mktemp -d) && cd pkg/screening && \
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench 'ScanNewsOFAC$$' -benchtime 60x -cpuprofile $$tmp/scan.pgo -o $$tmp/engine.test ./engine/ && \
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench 'ScreenJSONL$$' -benchtime 15x -cpuprofile $$tmp/screen.pgo -o $$tmp/screen.test ./screen/ && \
	$(GO) tool pprof -proto $$tmp/scan.pgo $$tmp/screen.pgo > $(PGO) && rm -rf $$tmp

## eval: precision and recall on the labelled fixtures (and on ../shared's real news, if present)
eval:
	cd pkg/screening && $(GO) test -count=1 -run 'TestQuality' -v ./engine/ | grep -E 'precision|MISS|FP' 

## fuzz: every fuzz target (loaders, tokenizer, engine, ingestor input, suppression requests) for FUZZTIME each; the seeds run in make test
FUZZTIME ?= 30s
fuzz:
	@grep -l '^func Fuzz' $$(git ls-files '*_test.go') | while read f; do \
	  for t in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' $$f); do \
	    echo "== $$t ($$(dirname $$f))"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./$$(dirname $$f)/ || exit 1; \
	  done; \
	done

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -l -w $(MODULES)

clean:
	rm -rf bin
