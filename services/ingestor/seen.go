package ingestor

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/watchwire/watchwire/pkg/events"
)

// Seen remembers the ids of published articles. Implementations are safe
// for concurrent use.
type Seen interface {
	// Seen reports whether id was marked and has not expired.
	Seen(ctx context.Context, id string) (bool, error)
	// Mark records id as published.
	Mark(ctx context.Context, id string) error
}

// KVSeen keeps seen ids in a JetStream key-value bucket, one key per id,
// each expiring after the bucket's TTL: bounded, and it survives restarts.
type KVSeen struct {
	kv jetstream.KeyValue
}

// OpenSeen creates or updates the bucket events.BucketSeenArticles with
// the given TTL and opens it.
func OpenSeen(ctx context.Context, js jetstream.JetStream, ttl time.Duration) (*KVSeen, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      events.BucketSeenArticles,
		Description: "Ids of articles published to NEWS, for de-duplication beyond its duplicate window",
		History:     1,
		TTL:         ttl,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("open key-value bucket %s: %w", events.BucketSeenArticles, err)
	}
	return &KVSeen{kv: kv}, nil
}

// Seen implements Seen.
func (s *KVSeen) Seen(ctx context.Context, id string) (bool, error) {
	_, err := s.kv.Get(ctx, id)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return false, nil
	}
	return false, fmt.Errorf("look up seen article %s: %w", id, err)
}

// Mark implements Seen.
func (s *KVSeen) Mark(ctx context.Context, id string) error {
	if _, err := s.kv.PutString(ctx, id, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fmt.Errorf("mark article %s seen: %w", id, err)
	}
	return nil
}
