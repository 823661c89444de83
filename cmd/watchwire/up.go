package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/tagger"
)

// upConfig is what `watchwire up` runs: the whole pipeline in one process.
type upConfig struct {
	HTTP         string   // the ingest API, /metrics, /healthz, /readyz
	NATSURL      string   // a real NATS; empty runs one embedded
	NATSPort     int      // the embedded NATS's port; 0 or -1: any free port
	KafkaBrokers []string // a real Kafka; empty runs one embedded (kfake)
	KafkaPort    int      // the embedded Kafka's port; 0: any free port
	DataDir      string   // JetStream's and the embedded Kafka's storage
	Watchlists   []string // specs; relative paths also tried from the repository root
	Lists        tagger.ListsConfig
	RulesFile    string // alert rules; empty: the default rules
	Demo         bool   // feed the bundled sample articles
	LogLevel     string

	// started, if set, is called once everything is up (tests use it to
	// learn the ports they asked the system to choose).
	started func(upAddrs)
}

// upAddrs are where a running pipeline listens.
type upAddrs struct {
	HTTP  string
	NATS  string
	Kafka []string
}

func defaultUpConfig() upConfig {
	return upConfig{
		HTTP:       "127.0.0.1:8080",
		NATSPort:   4222,
		KafkaPort:  9092,
		DataDir:    ".watchwire",
		Watchlists: []string{tagger.DefaultWatchlist},
		Lists:      tagger.DefaultListsConfig(),
		LogLevel:   "warn",
	}
}

func runUp(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseUpFlags(args, stderr)
	if err != nil {
		return err
	}
	return up(ctx, cfg, stdout, stderr)
}

func parseUpFlags(args []string, stderr io.Writer) (upConfig, error) {
	cfg := defaultUpConfig()
	fs := flag.NewFlagSet("watchwire up", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.HTTP, "http", cfg.HTTP, "`ADDR` of the ingest API (POST /v1/articles), /metrics, /healthz and /readyz")
	fs.StringVar(&cfg.NATSURL, "nats-url", cfg.NATSURL, "`URL` of a NATS server with JetStream to use instead of the embedded one")
	fs.IntVar(&cfg.NATSPort, "nats-port", cfg.NATSPort, "`PORT` of the embedded NATS server on 127.0.0.1 (-1: any free port)")
	fs.Func("kafka-brokers", "Kafka `BROKERS` (host:port, comma-separated) to use instead of the embedded broker", func(v string) error {
		cfg.KafkaBrokers = splitComma(v)
		return nil
	})
	fs.IntVar(&cfg.KafkaPort, "kafka-port", cfg.KafkaPort, "`PORT` of the embedded Kafka broker on 127.0.0.1 (0: any free port)")
	fs.StringVar(&cfg.DataDir, "data-dir", cfg.DataDir, "`DIR` for the embedded brokers' data; a restart on the same DIR resumes")
	fs.Var(tagger.NewSpecList(&cfg.Watchlists), "watchlist", "watchlist `SPEC`: ofac:DIR, opensanctions:FILE or csv:FILE (repeatable)")
	cfg.Lists.RegisterFlags(fs)
	fs.StringVar(&cfg.RulesFile, "rules", cfg.RulesFile, "JSON alert rules `FILE` (default: every match alerts, high from score 0.9)")
	fs.BoolVar(&cfg.Demo, "demo", cfg.Demo, "feed the bundled sample articles (data/samples/articles.jsonl) once the pipeline is up")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "log level of the JSON logs on standard error: debug, info, warn or error")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: watchwire up [flags]\n\nRuns the whole pipeline in one process: ingest API -> NATS JetStream -> tagger -> alerter -> Kafka\n(embedded NATS and Kafka unless --nats-url / --kafka-brokers), and prints each alert read back\nfrom Kafka topic watchwire.alerts. Ctrl-C or SIGTERM drains and stops it.\n\nflags (each also from WATCHWIRE_<FLAG>):")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "watchwire up: unexpected argument %q\n", fs.Arg(0))
		return cfg, errUsage
	}
	if err := platform.ApplyEnv(fs, os.LookupEnv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// up runs the pipeline until ctx ends, then stops it in order; a stop
// asked for (ctx ended) is not an error.
func up(ctx context.Context, cfg upConfig, stdout, stderr io.Writer) error {
	log, err := platform.NewLogger(stderr, cfg.LogLevel, "watchwire-up")
	if err != nil {
		return err
	}
	specs, err := resolveSpecs(cfg.Watchlists)
	if err != nil {
		return err
	}
	cfg.Watchlists = specs
	if cfg.DataDir, err = filepath.Abs(cfg.DataDir); err != nil {
		return fmt.Errorf("data dir: %w", err)
	}
	p := &pipeline{cfg: cfg, log: log, stdout: stdout, stderr: stderr}
	defer p.close()
	if err := p.start(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	err = p.wait(ctx)
	if serr := p.stop(); err == nil {
		err = serr
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}
