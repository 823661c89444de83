// Command alerter runs Watchwire's alerting service: it consumes screened
// articles from JetStream stream SCREENED, applies the alert rules and
// writes one alert per (article, entity) to Kafka topic watchwire.alerts.
// Every flag can be set by a WATCHWIRE_* environment variable
// (--kafka-brokers: WATCHWIRE_KAFKA_BROKERS).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/alerter"
)

func main() {
	cfg := alerter.DefaultConfig()
	os.Exit(platform.Service{
		Name:     "alerter",
		EnvHint:  "--kafka-brokers: WATCHWIRE_KAFKA_BROKERS",
		Flags:    cfg.RegisterFlags,
		LogLevel: &cfg.LogLevel,
		Run:      func(ctx context.Context, log *slog.Logger) error { return alerter.Run(ctx, cfg, log) },
	}.Main(os.Args[1:], os.Stderr))
}
