package ingestor

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// Ingestor is the ingestion service: the HTTP API, the feed pollers and the
// publisher they share. The streams must exist (platform.Streams.Ensure).
type Ingestor struct {
	pub     *Publisher
	api     *API
	pollers []*poller
	log     *slog.Logger
}

// New opens the seen-id bucket, registers the ingestor's metrics on reg
// and builds the API and a poller for each of cfg.Feeds.
func New(ctx context.Context, js jetstream.JetStream, reg prometheus.Registerer, log *slog.Logger, cfg Config) (*Ingestor, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("ingestor config: %w", err)
	}
	seen, err := OpenSeen(ctx, js, cfg.SeenTTL)
	if err != nil {
		return nil, err
	}
	now, client := cfg.Now, cfg.HTTPClient
	if now == nil {
		now = time.Now
	}
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	m := NewMetrics(reg)
	pub := NewPublisher(js, seen, m)
	in := &Ingestor{
		pub: pub, log: log,
		api: &API{pub: pub, decoder: Decoder{Now: now}, maxBytes: cfg.MaxRequestBytes, log: log},
	}
	for _, f := range cfg.Feeds {
		in.pollers = append(in.pollers, &poller{
			feed: f, client: client, pub: pub, metrics: m, log: log, backoff: cfg.Backoff, now: now,
		})
	}
	return in, nil
}

// Handler serves POST /v1/articles (see API.ServeHTTP), whatever the path.
func (in *Ingestor) Handler() http.Handler { return in.api }

// Register adds POST /v1/articles to mux.
func (in *Ingestor) Register(mux *http.ServeMux) { mux.Handle("POST /v1/articles", in.api) }

// Publish publishes prepared articles (see Prepare and Publisher.Publish).
func (in *Ingestor) Publish(ctx context.Context, articles []events.Article) (Result, error) {
	return in.pub.Publish(ctx, articles)
}

// RunFeeds polls every feed, each in its own goroutine on its own
// interval, until ctx ends; it returns when all pollers have stopped.
func (in *Ingestor) RunFeeds(ctx context.Context) {
	var wg sync.WaitGroup
	for _, p := range in.pollers {
		wg.Go(func() { p.run(ctx) })
	}
	wg.Wait()
}

// Run is the standalone service: it connects to NATS, ensures the
// streams, serves the API and the ops endpoints on cfg.Listen and polls the
// feeds until ctx ends. Then it stops taking requests, lets those in flight
// finish, stops the pollers and drains the NATS connection.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	if cfg.FeedsFile != "" {
		feeds, err := LoadFeeds(cfg.FeedsFile)
		if err != nil {
			return err
		}
		cfg.Feeds = append(cfg.Feeds, feeds...)
	}
	nc, err := platform.Connect(ctx, cfg.NATS, log)
	if err != nil {
		return err
	}
	defer platform.Drain(nc, platform.ShutdownTimeout)
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	if err := cfg.Streams.Ensure(ctx, js); err != nil {
		return err
	}
	reg := platform.NewRegistry()
	in, err := New(ctx, js, reg, log, cfg)
	if err != nil {
		return err
	}
	health := platform.NewHealth()
	health.Register("nats", platform.NATSCheck(nc))
	mux := platform.NewOpsMux(reg, health)
	in.Register(mux)
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	log.Info("ingestor started", "listen", ln.Addr().String(), "feeds", len(cfg.Feeds))
	return in.serve(ctx, ln, mux)
}

// serve runs the HTTP server and the pollers until ctx ends or the server fails.
func (in *Ingestor) serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() { in.RunFeeds(ctx) })
	err := platform.Serve(ctx, ln, h)
	cancel()
	wg.Wait()
	return err
}
