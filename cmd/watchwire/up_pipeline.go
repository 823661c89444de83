package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
	"github.com/watchwire/watchwire/services/alerter"
	"github.com/watchwire/watchwire/services/ingestor"
	"github.com/watchwire/watchwire/services/tagger"
)

// pipeline is a running `watchwire up`: the brokers, the connection, and
// the long-running parts (actors), stopped in a fixed order.
type pipeline struct {
	cfg    upConfig
	log    *slog.Logger
	stdout io.Writer
	stderr io.Writer

	natsServer *server.Server // nil with --nats-url
	kafka      *kfake.Cluster // nil with --kafka-brokers
	nc         *nats.Conn
	writer     *kafka.Writer
	actors     map[string]*actor
	failed     chan error // the first actor that failed
}

// actor is one long-running part, with its own context so that it can be
// stopped in order rather than all at once.
type actor struct {
	cancel context.CancelFunc
	done   chan error
}

// goRun starts run as the actor name. An actor that fails before it is
// asked to stop ends the whole pipeline.
func (p *pipeline) goRun(name string, run func(context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	a := &actor{cancel: cancel, done: make(chan error, 1)}
	p.actors[name] = a
	go func() {
		err := run(ctx)
		if err != nil && ctx.Err() == nil {
			select {
			case p.failed <- fmt.Errorf("%s: %w", name, err):
			default:
			}
		}
		a.done <- err
	}()
}

// wait blocks until ctx ends (a stop asked for) or an actor fails.
func (p *pipeline) wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		p.log.Info("stopping")
		return nil
	case err := <-p.failed:
		return err
	}
}

// stop stops the actors in order, then closes the connection and the
// brokers. Intake stops first, then each stage after the one upstream of
// it, so each finishes what it holds (the watchlists' keeper before the
// tagger: its retro job publishes to SCREENED); the Kafka writer is flushed after
// the alerter, before the printer, which reads what the alerter wrote.
func (p *pipeline) stop() error {
	var errs []error
	for _, name := range []string{"http", "demo", "watchlists", "tagger", "alerter", "printer"} {
		a, ok := p.actors[name]
		if !ok {
			continue
		}
		a.cancel()
		if err := <-a.done; err != nil && !errors.Is(err, context.Canceled) {
			errs = append(errs, fmt.Errorf("stopping %s: %w", name, err))
		}
		delete(p.actors, name)
		if name == "alerter" && p.writer != nil {
			if err := p.writer.Close(); err != nil {
				errs = append(errs, fmt.Errorf("flushing the Kafka writer: %w", err))
			}
			p.writer = nil
		}
	}
	p.close()
	return errors.Join(errs...)
}

// close releases what start acquired, last first. It is safe to call
// after a failed start and more than once.
func (p *pipeline) close() {
	for _, a := range p.actors {
		a.cancel()
		<-a.done
	}
	clear(p.actors)
	if p.writer != nil {
		p.writer.Close()
		p.writer = nil
	}
	if p.nc != nil {
		platform.Drain(p.nc, platform.ShutdownTimeout)
		p.nc = nil
	}
	if p.kafka != nil {
		p.kafka.Close()
		p.kafka = nil
	}
	if p.natsServer != nil {
		p.natsServer.Shutdown()
		p.natsServer.WaitForShutdown()
		p.natsServer = nil
	}
}

// start brings the pipeline up: brokers, streams and topic, watchlists,
// the three services on one registry, the HTTP server and the printer.
func (p *pipeline) start(ctx context.Context) error {
	p.actors, p.failed = map[string]*actor{}, make(chan error, 1)
	natsURL, err := p.startNATS()
	if err != nil {
		return err
	}
	brokers, err := p.startKafka()
	if err != nil {
		return err
	}
	js, err := p.connect(ctx, natsURL, brokers)
	if err != nil {
		return err
	}
	reg := platform.NewRegistry()
	health := platform.NewHealth()
	mux := platform.NewOpsMux(reg, health)
	svc := services{js: js, reg: reg, health: health, mux: mux, brokers: brokers}
	lists, err := p.startServices(ctx, svc)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", p.cfg.HTTP)
	if err != nil {
		return fmt.Errorf("listen on %s (--http): %w", p.cfg.HTTP, err)
	}
	p.goRun("http", func(ctx context.Context) error { return platform.Serve(ctx, ln, mux) })
	p.goRun("printer", func(ctx context.Context) error { return printAlerts(ctx, brokers, p.stdout) })
	addrs := upAddrs{HTTP: ln.Addr().String(), NATS: natsURL, Kafka: brokers}
	p.announce(addrs, lists)
	if p.cfg.Demo {
		p.goRun("demo", func(ctx context.Context) error { return feedDemo(ctx, addrs.HTTP, p.stderr) })
	}
	if p.cfg.started != nil {
		p.cfg.started(addrs)
	}
	return nil
}

// pullWait bounds the tagger's and the alerter's pull requests, so a stop
// takes at most twice this long to finish what they hold.
const pullWait = 500 * time.Millisecond

// services is what the three services share in one process: one
// JetStream, one registry, one health and one HTTP mux.
type services struct {
	js      jetstream.JetStream
	reg     *prometheus.Registry
	health  *platform.Health
	mux     *http.ServeMux
	brokers []string
}

// startServices builds the ingestor (its API on the mux), the tagger with
// the keeper of its watchlists, and the alerter, and starts all but the
// ingestor. It returns the watchlists in use.
func (p *pipeline) startServices(ctx context.Context, s services) ([]*watchlist.List, error) {
	dlq := platform.NewDeadLetters(s.js, platform.NewMetrics(s.reg), p.log)
	icfg := ingestor.DefaultConfig()
	in, err := ingestor.New(ctx, s.js, s.reg, p.log, icfg)
	if err != nil {
		return nil, err
	}
	in.Register(s.mux)
	consumers := platform.NewConsumerCollector(s.js, []platform.ConsumerRef{
		{Stream: events.StreamNews, Consumer: events.ConsumerTagger},
		{Stream: events.StreamScreened, Consumer: events.ConsumerAlerter},
	})
	s.reg.MustRegister(consumers)
	tg, err := tagger.New(s.js, dlq, s.reg, p.log, tagger.Config{PullWait: pullWait, Observer: consumers})
	if err != nil {
		return nil, err
	}
	refreshMetrics, err := refresh.NewMetrics(s.reg, refresh.MetricsOptions{})
	if err != nil {
		return nil, err
	}
	rules, err := alerter.LoadRules(p.cfg.RulesFile)
	if err != nil {
		return nil, err
	}
	p.writer = alerter.NewWriter(s.brokers, events.TopicAlerts)
	al, err := p.alerterWithSuppressions(ctx, s, rules, dlq, alerter.Config{PullWait: pullWait, Observer: consumers})
	if err != nil {
		return nil, err
	}
	// The keeper last: from its start it may keep files (a URL list's
	// download) that only its Run removes, so nothing may fail between.
	keeper, err := tagger.NewKeeper(ctx, s.js, tg, p.cfg.Watchlists, refreshMetrics, p.log, p.cfg.Lists)
	if err != nil {
		return nil, err
	}
	s.health.Register("nats", platform.NATSCheck(p.nc))
	s.health.Register("kafka", alerter.KafkaCheck(s.brokers, events.TopicAlerts))
	s.health.Register("watchlist", func(context.Context) error { return tg.Ready() })
	p.goRun("watchlists", keeper.Run)
	p.goRun("tagger", tg.Run)
	p.goRun("alerter", al.Run)
	return keeper.Lists(), nil
}
