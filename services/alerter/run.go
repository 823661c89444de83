package alerter

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// Run is the standalone alerter service: it connects to NATS, creates the
// streams that are missing and the alerts topic if it is missing, serves
// /metrics, /healthz and /readyz, and turns screened events into alerts
// until ctx ends. Then it drains: it stops pulling, finishes the events in
// hand, flushes the Kafka writer and closes the NATS connection.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	cfg = cfg.withDefaults()
	rules, err := LoadRules(cfg.RulesFile)
	if err != nil {
		return err
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
	if err := platform.DefaultStreams().CreateMissing(ctx, js); err != nil {
		return err
	}
	if err := waitForTopic(ctx, cfg.Kafka, log); err != nil {
		return err
	}
	reg := platform.NewRegistry()
	consumers := platform.NewConsumerCollector(js, []platform.ConsumerRef{{Stream: events.StreamScreened, Consumer: cfg.Consumer}})
	reg.MustRegister(consumers)
	cfg.Observer = consumers
	if cfg.Suppression, _, err = OpenSuppression(ctx, js, reg, log); err != nil {
		return err
	}
	w := NewWriter(cfg.Kafka.Brokers, cfg.Kafka.Topic)
	a, err := New(js, w, rules, platform.NewDeadLetters(js, platform.NewMetrics(reg), log), reg, log, cfg)
	if err != nil {
		return err
	}
	health := platform.NewHealth()
	health.Register("nats", platform.NATSCheck(nc))
	health.Register("kafka", KafkaCheck(cfg.Kafka.Brokers, cfg.Kafka.Topic))
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	stopOps := platform.ServeOps(ctx, ln, platform.NewOpsMux(reg, health))
	log.Info("alerter started", "listen", ln.Addr().String(), "kafka", cfg.Kafka.Brokers, "topic", cfg.Kafka.Topic, "rules", len(rules))
	err = a.Run(ctx)
	// Flush the alerts in flight before NATS is drained; the ops server
	// outlives both, so the last metrics can be scraped.
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("flushing the Kafka writer: %w", cerr)
	}
	if serr := stopOps(); err == nil {
		err = serr
	}
	return err
}

// waitForTopic makes sure the alerts topic exists, retrying while Kafka
// cannot be reached, so that the alerter may start before Kafka does.
func waitForTopic(ctx context.Context, k KafkaConfig, log *slog.Logger) error {
	delay := 250 * time.Millisecond
	for {
		err := EnsureTopic(ctx, k.Brokers, k.Topic, k.Partitions)
		if err == nil {
			return nil
		}
		log.Warn("waiting for Kafka", "brokers", k.Brokers, "retry_in", delay.String(), "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for Kafka: %w (last error: %v)", context.Cause(ctx), err)
		case <-time.After(delay):
		}
		delay = min(2*delay, 10*time.Second)
	}
}
