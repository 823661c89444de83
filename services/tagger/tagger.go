// Package tagger screens the articles on NEWS against watchlists and
// publishes each article that names a listed entity, with its matches, to
// SCREENED.
//
// Delivery is at least once: an article is acknowledged only after its
// screened event has been stored by JetStream (or, for an article that names
// no one, after it has been screened). An article that cannot be decoded or
// breaks the contract goes to the dead-letter subject news.dlq.tagger with
// the reason and is terminated, never redelivered.
//
// # Live watchlist updates
//
// A Keeper keeps the watchlists current (package refresh): a list file is
// re-read when it changes, a list served over HTTP(S) is polled with
// conditional GETs. A new version is put in use with Use once an engine
// over it is built: until then the previous engine screens, so no article
// waits, and each article is screened against one whole version, which
// its screened event names (watchlist_version). A refresh that fails, or
// a version that loses more than MaxShrink of its entries, keeps the
// version in use; the refresh metrics count it.
//
// # One version for all replicas
//
// Replicas agree on each list's version through the JetStream object
// store bucket events.BucketWatchlists, which holds the source files of
// the version in use: objects lists/<list>/<file>, whose metadata carry
// the version digest, the kind, the number of files and the source spec.
//
//   - A replica whose own source brings a new version puts it in use and
//     stores its files: it copies them, loads the copy and stores it only
//     if it is that version. The objects are replaced one by one.
//   - Every replica watches the bucket. Once all the files of a list carry
//     the same version, and it is not the one in use, the replica writes
//     them to a temporary directory, loads them, checks the digest and
//     puts that version in use.
//   - At start, a replica uses its own source's version if the bucket has
//     none, the same one, or one stored before the source last changed
//     (and then stores its own); otherwise it takes the bucket's.
//
// Delivery is at least once and idempotent by version digest: storing a
// version the bucket holds already does nothing, and a replica ignores
// the version it screens with. The last version stored wins, so replicas
// should share their sources (one URL, or the same file).
//
// # Retro-screening
//
// When a new version adds entries or names (watchlist.Changes.AddedNames),
// the articles retained in NEWS from the look-back on (ListsConfig.LookBack,
// default 30 days) up to the last one the live consumer had received are
// screened again for the added names only: an engine over the affected
// entries as the new version lists them finds matches, and those an engine
// over their old versions finds too are dropped (the live screening
// reported them). Each article that names one is published to SCREENED
// with retro true and version_added (Nats-Msg-Id
// events.RetroScreenedMsgID); the alerter gives its alerts the ids
// events.RetroAlertID. Removed entries raise nothing.
//
// Every replica that puts the version in use tries to create the job:
// it stores a spec object (retro/<key>/<replica>: the entries, old and
// new, and the versions) and then creates the key events.RetroJobKey in
// the key-value bucket events.BucketRetroJobs. The one whose create
// succeeds runs the job. The key holds the job's checkpoint, the last NEWS
// sequence screened, updated at most every second: a replica that stops
// hands the job back at once, and one that dies loses it after
// ListsConfig.Lease; either way a replica resumes it after the checkpoint,
// and repeats at most the articles since, with the same ids.
//
// Each replica has one retro worker, which reads NEWS through an ordered
// consumer in batches of RetroBatch with a pause of RetroPause between
// two, beside the live consumer's workers. Progress shows in
// watchwire_retro_articles_total{result}, watchwire_retro_progress_ratio
// and log lines with done/total.
package tagger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Screener finds the watchlist entries a document names; *engine.Engine is
// one. It must be safe for concurrent use.
type Screener interface {
	Screen(doc engine.Document, minScore float64) []engine.Match
	Version() string
}

// DeadLetterer sends a message this stage cannot process to its
// dead-letter subject (see platform.DeadLetterer).
type DeadLetterer = platform.DeadLetterer

// Observer is told of every message a consumer receives, before it is
// handled; *platform.ConsumerCollector is one (it counts redeliveries).
// It must be safe for concurrent use.
type Observer = platform.Observer

// Config configures a tagger. New uses the tuning fields (Consumer to
// PublishTimeout); Run uses all of them. A zero tuning field picks its default.
type Config struct {
	// Listen is the address of /metrics, /healthz and /readyz (Run only).
	Listen   string
	NATS     platform.NATSConfig
	LogLevel string
	// Watchlists are the specs of the lists to screen against (Run only):
	// ofac:DIR, opensanctions:FILE, csv:FILE, or KIND:https://...
	Watchlists []string
	// Lists says how the watchlists are kept current (Run only).
	Lists ListsConfig

	// Consumer is the durable consumer's name, shared by all replicas.
	Consumer string
	// Workers is how many articles one replica screens at once (default: GOMAXPROCS).
	Workers int
	// MinScore is the lowest score of a reported match (default engine.DefaultMinScore).
	MinScore float64
	// AckWait is how long JetStream waits for an ack before redelivering (default 30s).
	AckWait time.Duration
	// MaxDeliver caps deliveries of one article (default -1, no cap): every
	// permanent failure is terminated explicitly, so the only failures left
	// are transient ones (JetStream unavailable), which must retry until
	// they succeed or the article would be lost.
	MaxDeliver int
	// RetryDelay is the delay before a failed article is redelivered; it
	// doubles with each delivery up to MaxRetryDelay (defaults 250ms, 30s).
	RetryDelay, MaxRetryDelay time.Duration
	// PublishTimeout bounds one publish and its PubAck (default 10s).
	PublishTimeout time.Duration
	// PullWait bounds one pull request, and so how long a stop waits for
	// the articles in flight (default 1s).
	PullWait time.Duration
	// Observer, if set, is told of every article received.
	Observer Observer
}

// DefaultWatchlist is the bundled OFAC SDN list, relative to the repository root.
const DefaultWatchlist = "ofac:data/ofac"

// DefaultConfig returns the defaults of every setting.
func DefaultConfig() Config {
	return Config{
		Listen:     "127.0.0.1:8081",
		NATS:       platform.NATSConfig{Name: "watchwire-tagger"},
		Watchlists: []string{DefaultWatchlist},
		Lists:      DefaultListsConfig(),
	}.withDefaults()
}

func (c Config) withDefaults() Config {
	c.Consumer = orDefault(c.Consumer, events.ConsumerTagger)
	c.Workers = orDefault(c.Workers, runtime.GOMAXPROCS(0))
	c.MinScore = orDefault(c.MinScore, engine.DefaultMinScore)
	c.AckWait = orDefault(c.AckWait, 30*time.Second)
	c.MaxDeliver = orDefault(c.MaxDeliver, -1)
	c.RetryDelay = orDefault(c.RetryDelay, 250*time.Millisecond)
	c.MaxRetryDelay = orDefault(c.MaxRetryDelay, 30*time.Second)
	c.PublishTimeout = orDefault(c.PublishTimeout, 10*time.Second)
	c.PullWait = orDefault(c.PullWait, time.Second)
	c.Lists = c.Lists.withDefaults()
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

// Tagger is one tagger replica. Its methods are safe for concurrent use.
type Tagger struct {
	cfg     Config
	js      jetstream.JetStream
	dlq     DeadLetterer
	log     *slog.Logger
	metrics *metrics
	current atomic.Pointer[loaded]
}

// loaded is the screener in use (a struct: atomic.Pointer wants one).
type loaded struct {
	screener Screener
}

// New builds a tagger that consumes NEWS through js. It screens nothing
// until Use has given it a screener.
func New(js jetstream.JetStream, dlq DeadLetterer, reg prometheus.Registerer, log *slog.Logger, cfg Config) (*Tagger, error) {
	m, err := newMetrics(reg)
	if err != nil {
		return nil, fmt.Errorf("tagger: registering metrics: %w", err)
	}
	return &Tagger{cfg: cfg.withDefaults(), js: js, dlq: dlq, log: log, metrics: m}, nil
}

// Use makes s, built from lists, the screener for every article from now
// on; an article being screened finishes with the previous one.
func (t *Tagger) Use(s Screener, lists ...*watchlist.List) {
	t.current.Store(&loaded{screener: s})
	t.metrics.entities.Reset()
	for _, l := range lists {
		t.metrics.entities.WithLabelValues(l.Name).Set(float64(len(l.Entities)))
	}
	t.log.Info("watchlists in use", "version", s.Version(), "lists", len(lists))
}

// Version is the version of the watchlists in use ("list@digest" for
// each, comma-separated), or "" before Use.
func (t *Tagger) Version() string {
	if cur := t.current.Load(); cur != nil {
		return cur.screener.Version()
	}
	return ""
}

// Ready reports whether the tagger has a screener; the service's /readyz
// adds the NATS connection.
func (t *Tagger) Ready() error {
	if t.current.Load() == nil {
		return errors.New("no watchlist loaded")
	}
	return nil
}

// Run consumes NEWS with Workers concurrent handlers until ctx ends, then
// stops pulling and finishes the articles already received before it
// returns. It creates or updates the durable consumer first.
func (t *Tagger) Run(ctx context.Context) error {
	if err := t.Ready(); err != nil {
		return fmt.Errorf("tagger: %w", err)
	}
	d := platform.Durable{Stream: events.StreamNews, Config: t.consumerConfig(), Workers: t.cfg.Workers, PullWait: t.cfg.PullWait, Observer: t.cfg.Observer}
	if err := d.Run(ctx, t.js, t.handle, t.log); err != nil {
		return fmt.Errorf("tagger: %w", err)
	}
	return nil
}

func (t *Tagger) consumerConfig() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       t.cfg.Consumer,
		Description:   "watchwire tagger: screens articles against watchlists",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       t.cfg.AckWait,
		MaxDeliver:    t.cfg.MaxDeliver,
		FilterSubject: events.SubjectArticles,
		MaxAckPending: 64 * t.cfg.Workers,
	}
}
