// Command tagger runs Watchwire's screening service: it consumes articles
// from JetStream stream NEWS, screens them against the watchlists and
// publishes those that name a listed entity to SCREENED. Every flag can be
// set by a WATCHWIRE_* environment variable (--nats-url: WATCHWIRE_NATS_URL).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/tagger"
)

func main() {
	cfg := tagger.DefaultConfig()
	os.Exit(platform.Service{
		Name:     "tagger",
		EnvHint:  "--nats-url: WATCHWIRE_NATS_URL",
		Flags:    cfg.RegisterFlags,
		LogLevel: &cfg.LogLevel,
		Run:      func(ctx context.Context, log *slog.Logger) error { return tagger.Run(ctx, cfg, log) },
	}.Main(os.Args[1:], os.Stderr))
}
