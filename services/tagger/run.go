package tagger

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Run is the standalone tagger service: it connects to NATS, creates the
// streams that are missing, serves /metrics, /healthz and /readyz, loads
// the watchlists and screens articles until ctx ends. Then it drains: it
// stops pulling, finishes the articles in hand, and closes the connection.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	cfg = cfg.withDefaults()
	nc, err := platform.Connect(ctx, cfg.NATS, log)
	if err != nil {
		return err
	}
	defer platform.Drain(nc, platform.ShutdownTimeout)
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	if err := platform.DefaultStreams().CreateMissing(ctx, js); err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	consumers := platform.NewConsumerCollector(js, []platform.ConsumerRef{{Stream: events.StreamNews, Consumer: cfg.Consumer}})
	reg.MustRegister(consumers)
	cfg.Observer = consumers
	t, err := New(js, platform.NewDeadLetters(js, platform.NewMetrics(reg), log), reg, log, cfg)
	if err != nil {
		return err
	}
	health := platform.NewHealth()
	health.Register("nats", platform.NATSCheck(nc))
	health.Register("watchlist", func(context.Context) error { return t.Ready() })
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	opsCtx, stopOps := context.WithCancel(context.WithoutCancel(ctx))
	served := make(chan error, 1)
	go func() { served <- platform.Serve(opsCtx, ln, platform.NewOpsMux(reg, health)) }()
	log.Info("tagger started", "listen", ln.Addr().String())
	err = t.loadAndRun(ctx, cfg.Watchlists)
	// The ops server outlives the drain, so its last metrics can be scraped.
	stopOps()
	if serr := <-served; err == nil {
		err = serr
	}
	return err
}

// loadAndRun loads the watchlists, builds the engine and runs the tagger.
func (t *Tagger) loadAndRun(ctx context.Context, specs []string) error {
	s, lists, err := LoadScreener(ctx, specs, t.log)
	if err != nil {
		return err
	}
	t.Use(s, lists...)
	return t.Run(ctx)
}

// LoadScreener loads the watchlists that specs name and builds an engine
// over them.
func LoadScreener(ctx context.Context, specs []string, log *slog.Logger) (*engine.Engine, []*watchlist.List, error) {
	start := time.Now()
	lists, err := watchlist.LoadAll(ctx, specs)
	if err != nil {
		return nil, nil, fmt.Errorf("loading watchlists: %w", err)
	}
	eng, err := engine.New(lists...)
	if err != nil {
		return nil, nil, fmt.Errorf("building the screening engine: %w", err)
	}
	for _, l := range lists {
		log.Info("watchlist loaded", "list", l.Name, "source", l.Source, "version", l.Version, "entities", l.Counts.Entities, "aliases", l.Counts.Aliases)
	}
	log.Info("screening engine ready", "version", eng.Version(), "took", time.Since(start).Round(time.Millisecond).String())
	return eng, lists, nil
}
