// Command alerter runs Watchwire's alerting service: it consumes screened
// articles from JetStream stream SCREENED, applies the alert rules and
// writes one alert per (article, entity) to Kafka topic watchwire.alerts.
// Every flag can be set by a WATCHWIRE_* environment variable
// (--kafka-brokers: WATCHWIRE_KAFKA_BROKERS).
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
	"github.com/watchwire/watchwire/services/alerter"
)

func main() {
	os.Exit(run())
}

func run() int {
	cfg := alerter.DefaultConfig()
	fs := flag.NewFlagSet("alerter", flag.ContinueOnError)
	cfg.RegisterFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: alerter [flags]\n\nEvery flag can also be set by WATCHWIRE_<FLAG> (--kafka-brokers: WATCHWIRE_KAFKA_BROKERS).\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := platform.ApplyEnv(fs, os.LookupEnv); err != nil {
		fmt.Fprintln(os.Stderr, "alerter:", err)
		return 2
	}
	log, err := platform.NewLogger(os.Stderr, cfg.LogLevel, "alerter")
	if err != nil {
		fmt.Fprintln(os.Stderr, "alerter:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Stopped by a signal before it was up (say, waiting for NATS): not a failure.
	if err := alerter.Run(ctx, cfg, log); err != nil && ctx.Err() == nil {
		log.Error("alerter failed", "err", err)
		return 1
	}
	log.Info("alerter stopped")
	return 0
}
