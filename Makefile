# Watchwire: build, test, demo. Go 1.26 is all a fresh machine needs.
GO      ?= go
MODULES  = $(shell $(GO) list -f '{{.Dir}}' -m)
PKGS     = $(addsuffix /...,$(MODULES))

.PHONY: all build test demo demo-screen bench eval vet fmt clean

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

## bench: the engine's benchmarks, one core (figures in BENCHMARKS.md)
bench:
	cd pkg/screening && GOMAXPROCS=1 $(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./engine/ ./screen/

## eval: precision and recall on the labelled fixtures (and on ../shared's real news, if present)
eval:
	cd pkg/screening && $(GO) test -count=1 -run 'TestQuality' -v ./engine/ | grep -E 'precision|MISS|FP' 

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -l -w $(MODULES)

clean:
	rm -rf bin
