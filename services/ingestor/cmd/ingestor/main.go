// Command ingestor runs Watchwire's ingestion service: POST /v1/articles
// and RSS/Atom feed polling into JetStream stream NEWS. Every flag can be
// set by a WATCHWIRE_* environment variable (--nats-url: WATCHWIRE_NATS_URL).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/ingestor"
)

func main() {
	cfg := ingestor.DefaultConfig()
	os.Exit(platform.Service{
		Name:     "ingestor",
		EnvHint:  "--nats-url: WATCHWIRE_NATS_URL",
		Flags:    cfg.RegisterFlags,
		LogLevel: &cfg.LogLevel,
		Run:      func(ctx context.Context, log *slog.Logger) error { return ingestor.Run(ctx, cfg, log) },
	}.Main(os.Args[1:], os.Stderr))
}
