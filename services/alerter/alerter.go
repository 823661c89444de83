// Package alerter turns screened articles into alerts on Kafka.
//
// It consumes SCREENED, applies the alert rules to each match (the first
// rule a match satisfies sets its severity), and writes one alert per
// (article, entity) to the alerts topic, keyed by entity id. A screened
// event is acknowledged only after Kafka has acknowledged every one of its
// alerts with acks=all; while Kafka is unavailable the event is naked with
// a growing delay and redelivered, so nothing is lost. Alerts may be
// written more than once (at least once delivery): consumers de-duplicate
// on the alert id, which is deterministic.
package alerter

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// Writer writes records to Kafka and returns once they are acknowledged;
// *kafka.Writer (built by NewWriter) is one. It must be safe for
// concurrent use: concurrent writes are batched together.
type Writer interface {
	WriteMessages(ctx context.Context, msgs ...kafka.Message) error
}

// DeadLetterer sends a message this stage cannot process to its
// dead-letter subject (see platform.DeadLetterer).
type DeadLetterer = platform.DeadLetterer

// Observer is told of every message a consumer receives, before it is
// handled; *platform.ConsumerCollector is one (it counts redeliveries).
// It must be safe for concurrent use.
type Observer = platform.Observer

// Config configures an alerter. New uses the tuning fields (Consumer to
// WriteTimeout); Run uses all of them. A zero tuning field picks its default.
type Config struct {
	// Listen is the address of /metrics, /healthz and /readyz (Run only).
	Listen   string
	NATS     platform.NATSConfig
	LogLevel string
	// Kafka is where alerts go (Run only).
	Kafka KafkaConfig
	// RulesFile is a JSON file of alert rules; empty means DefaultRules (Run only).
	RulesFile string

	// Consumer is the durable consumer's name, shared by all replicas.
	Consumer string
	// Workers is how many screened events one replica handles at once
	// (default 4×GOMAXPROCS: a worker mostly waits for Kafka, and
	// concurrent writes share a batch).
	Workers int
	// AckWait is how long JetStream waits for an ack before redelivering (default 30s).
	AckWait time.Duration
	// MaxDeliver caps deliveries of one event (default -1, no cap): an event
	// waiting for Kafka to come back must never be dropped.
	MaxDeliver int
	// RetryDelay is the delay before an event whose alerts could not be
	// written is redelivered; it doubles with each delivery up to
	// MaxRetryDelay (defaults 250ms, 30s).
	RetryDelay, MaxRetryDelay time.Duration
	// WriteTimeout bounds one Kafka write, retries included (default 10s).
	WriteTimeout time.Duration
	// PullWait bounds one pull request, and so how long a stop waits for
	// the events in flight (default 1s).
	PullWait time.Duration
	// Observer, if set, is told of every screened event received.
	Observer Observer
	// Suppression drops reviewed false positives (package suppress); zero: none.
	Suppression Suppression
}

// KafkaConfig says where the alerts topic is.
type KafkaConfig struct {
	Brokers []string
	Topic   string
	// Partitions is the partition count of the topic if Run creates it.
	Partitions int
}

// DefaultConfig returns the defaults of every setting.
func DefaultConfig() Config {
	return Config{
		Listen: "127.0.0.1:8082",
		NATS:   platform.NATSConfig{Name: "watchwire-alerter"},
		Kafka:  KafkaConfig{Brokers: []string{"127.0.0.1:9092"}, Topic: events.TopicAlerts, Partitions: 3},
	}.withDefaults()
}

func (c Config) withDefaults() Config {
	c.Consumer = orDefault(c.Consumer, events.ConsumerAlerter)
	c.Workers = orDefault(c.Workers, 4*runtime.GOMAXPROCS(0))
	c.AckWait = orDefault(c.AckWait, 30*time.Second)
	c.MaxDeliver = orDefault(c.MaxDeliver, -1)
	c.RetryDelay = orDefault(c.RetryDelay, 250*time.Millisecond)
	c.MaxRetryDelay = orDefault(c.MaxRetryDelay, 30*time.Second)
	c.WriteTimeout = orDefault(c.WriteTimeout, 10*time.Second)
	c.PullWait = orDefault(c.PullWait, time.Second)
	return c
}

// orDefault returns v, or def when v is the zero value.
func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Alerter is one alerter replica. Its methods are safe for concurrent use.
type Alerter struct {
	cfg     Config
	js      jetstream.JetStream
	kafka   Writer
	rules   Rules
	dlq     DeadLetterer
	log     *slog.Logger
	metrics *metrics
}

// New builds an alerter that consumes SCREENED through js and writes alerts
// through w.
func New(js jetstream.JetStream, w Writer, rules Rules, dlq DeadLetterer, reg prometheus.Registerer, log *slog.Logger, cfg Config) (*Alerter, error) {
	if err := rules.Validate(); err != nil {
		return nil, fmt.Errorf("alerter: %w", err)
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, fmt.Errorf("alerter: registering metrics: %w", err)
	}
	return &Alerter{cfg: cfg.withDefaults(), js: js, kafka: w, rules: rules, dlq: dlq, log: log, metrics: m}, nil
}

// Run consumes SCREENED with Workers concurrent handlers until ctx ends,
// then stops pulling and finishes the events already received (their
// Kafka writes included) before it returns. It creates or updates the
// durable consumer first. Close the Kafka writer only after Run returned.
func (a *Alerter) Run(ctx context.Context) error {
	d := platform.Durable{Stream: events.StreamScreened, Config: a.consumerConfig(), Workers: a.cfg.Workers, PullWait: a.cfg.PullWait, Observer: a.cfg.Observer}
	if err := d.Run(ctx, a.js, a.handle, a.log); err != nil {
		return fmt.Errorf("alerter: %w", err)
	}
	return nil
}

func (a *Alerter) consumerConfig() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       a.cfg.Consumer,
		Description:   "watchwire alerter: writes alerts to Kafka",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       a.cfg.AckWait,
		MaxDeliver:    a.cfg.MaxDeliver,
		FilterSubject: events.SubjectScreened,
		MaxAckPending: 64 * a.cfg.Workers,
	}
}
