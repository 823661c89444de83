package tagger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
)

// Run is the standalone tagger service: it connects to NATS, creates the
// streams that are missing, loads the watchlists (agreeing on their
// versions with the other replicas), serves /metrics, /healthz and
// /readyz, and screens articles until ctx ends, keeping the watchlists
// current and retro-screening the feed for the names a new version adds.
// Then it drains: it stops pulling, finishes the articles in hand, hands
// back a retro job it was running, and closes the connection.
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
	reg := platform.NewRegistry()
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
	stopOps := platform.ServeOps(ctx, ln, platform.NewOpsMux(reg, health))
	log.Info("tagger started", "listen", ln.Addr().String())
	err = t.keepAndRun(ctx, js, reg, cfg.Watchlists)
	// The ops server outlives the drain, so its last metrics can be scraped.
	if serr := stopOps(); err == nil {
		err = serr
	}
	return err
}

// keepAndRun loads the watchlists and runs the tagger and its Keeper.
func (t *Tagger) keepAndRun(ctx context.Context, js jetstream.JetStream, reg prometheus.Registerer, specs []string) error {
	m, err := refresh.NewMetrics(reg, refresh.MetricsOptions{})
	if err != nil {
		return err
	}
	k, err := NewKeeper(ctx, js, t, specs, m, t.log, t.cfg.Lists)
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting
		}
		return err
	}
	var kerr error
	var wg sync.WaitGroup
	wg.Go(func() { kerr = k.Run(ctx) })
	err = t.Run(ctx)
	wg.Wait()
	return errors.Join(err, kerr)
}
