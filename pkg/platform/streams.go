package platform

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/watchwire/watchwire/pkg/events"
)

// Streams configures the JetStream streams NEWS, SCREENED and DLQ.
type Streams struct {
	// MaxAge is how long a stream keeps messages.
	MaxAge time.Duration
	// DuplicateWindow is how long JetStream remembers Nats-Msg-Ids.
	DuplicateWindow time.Duration
	// Replicas is the number of copies in a cluster (1 for one server).
	Replicas int
}

// DefaultStreams keeps messages 30 days and ids 2 minutes, one replica.
func DefaultStreams() Streams {
	return Streams{MaxAge: 30 * 24 * time.Hour, DuplicateWindow: 2 * time.Minute, Replicas: 1}
}

// EnsureStreams creates or updates the streams with DefaultStreams.
func EnsureStreams(ctx context.Context, js jetstream.JetStream) error {
	return DefaultStreams().Ensure(ctx, js)
}

// Configs returns the stream configurations Ensure applies.
func (s Streams) Configs() []jetstream.StreamConfig {
	stream := func(name, subject, desc string) jetstream.StreamConfig {
		return jetstream.StreamConfig{
			Name: name, Description: desc, Subjects: []string{subject},
			Storage: jetstream.FileStorage, Retention: jetstream.LimitsPolicy,
			MaxAge: s.MaxAge, Duplicates: s.DuplicateWindow, Replicas: max(1, s.Replicas),
		}
	}
	return []jetstream.StreamConfig{
		stream(events.StreamNews, events.SubjectArticles, "Watchwire articles, by source"),
		stream(events.StreamScreened, events.SubjectScreened, "Watchwire screened articles (at least one match)"),
		stream(events.StreamDeadLetters, events.SubjectDeadLetters, "Watchwire dead letters, by stage"),
	}
}

// Ensure creates the streams, or updates them to this configuration. It is
// safe to call from every replica of every service at start-up.
func (s Streams) Ensure(ctx context.Context, js jetstream.JetStream) error {
	if s.DuplicateWindow > s.MaxAge {
		return fmt.Errorf("streams: duplicate window %v is longer than max age %v", s.DuplicateWindow, s.MaxAge)
	}
	for _, cfg := range s.Configs() {
		if _, err := js.CreateOrUpdateStream(ctx, cfg); err != nil {
			return fmt.Errorf("create or update stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}

// CreateMissing creates those of the streams that do not exist yet and
// leaves existing ones as they are configured: for tools, such as
// watchwire ingest, that must not change a running pipeline's streams.
func (s Streams) CreateMissing(ctx context.Context, js jetstream.JetStream) error {
	for _, cfg := range s.Configs() {
		_, err := js.Stream(ctx, cfg.Name)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			_, err = js.CreateStream(ctx, cfg)
		}
		if err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return fmt.Errorf("create stream %s: %w", cfg.Name, err)
		}
	}
	return nil
}
