// Command ingestor runs Watchwire's ingestion service: POST /v1/articles
// and RSS/Atom feed polling into JetStream stream NEWS. Every flag can be
// set by a WATCHWIRE_* environment variable (--nats-url: WATCHWIRE_NATS_URL).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/ingestor"
)

func main() {
	os.Exit(run())
}

func run() int {
	cfg := ingestor.DefaultConfig()
	fs := flag.NewFlagSet("ingestor", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: ingestor [flags]\n\nEvery flag can also be set by WATCHWIRE_<FLAG> (--nats-url: WATCHWIRE_NATS_URL).\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := platform.ApplyEnv(fs, os.LookupEnv); err != nil {
		fmt.Fprintln(os.Stderr, "ingestor:", err)
		return 2
	}
	log, err := platform.NewLogger(os.Stderr, cfg.LogLevel, "ingestor")
	if err != nil {
		fmt.Fprintln(os.Stderr, "ingestor:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Stopped by a signal before it was up (say, waiting for NATS): not a failure.
	if err := ingestor.Run(ctx, cfg, log); err != nil && ctx.Err() == nil {
		log.Error("ingestor failed", "err", err)
		return 1
	}
	log.Info("ingestor stopped")
	return 0
}
