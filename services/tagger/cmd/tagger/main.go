// Command tagger runs Watchwire's screening service: it consumes articles
// from JetStream stream NEWS, screens them against the watchlists and
// publishes those that name a listed entity to SCREENED. Every flag can be
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
	"github.com/watchwire/watchwire/services/tagger"
)

func main() {
	os.Exit(run())
}

func run() int {
	cfg := tagger.DefaultConfig()
	fs := flag.NewFlagSet("tagger", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tagger [flags]\n\nEvery flag can also be set by WATCHWIRE_<FLAG> (--nats-url: WATCHWIRE_NATS_URL).\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := platform.ApplyEnv(fs, os.LookupEnv); err != nil {
		fmt.Fprintln(os.Stderr, "tagger:", err)
		return 2
	}
	log, err := platform.NewLogger(os.Stderr, cfg.LogLevel, "tagger")
	if err != nil {
		fmt.Fprintln(os.Stderr, "tagger:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Stopped by a signal before it was up (say, waiting for NATS): not a failure.
	if err := tagger.Run(ctx, cfg, log); err != nil && ctx.Err() == nil {
		log.Error("tagger failed", "err", err)
		return 1
	}
	log.Info("tagger stopped")
	return 0
}
