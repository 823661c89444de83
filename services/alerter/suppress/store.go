package suppress

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ErrNotFound is returned by Remove for a key that holds no suppression.
var ErrNotFound = errors.New("no such suppression")

// History is how many versions of each suppression the bucket keeps.
const History = 5

// Store adds, lists and removes suppressions in Bucket. It is safe for
// concurrent use.
type Store struct {
	kv jetstream.KeyValue
}

// Open opens the suppressions bucket, creating it if it is missing.
func Open(ctx context.Context, js jetstream.JetStream) (*Store, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:       Bucket,
		Description:  "Reviewed false positives: alerts the alerter must not raise",
		History:      History,
		MaxValueSize: 64 << 10,
		Storage:      jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("open key-value bucket %s: %w", Bucket, err)
	}
	return &Store{kv: kv}, nil
}

// Add checks s and stores it under its key, replacing the suppression of
// the same kind, entity and target if there is one. It returns what it
// stored: normalized, with Kind, Key, CreatedAt (now) and Revision set. A
// bad field is reported as an *events.FieldError.
func (st *Store) Add(ctx context.Context, s Suppression) (Suppression, error) {
	s, err := s.prepared(time.Now())
	if err != nil {
		return Suppression{}, fmt.Errorf("suppression: %w", err)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return Suppression{}, fmt.Errorf("encoding suppression %s: %w", s.Key, err)
	}
	if s.Revision, err = st.kv.Put(ctx, s.Key, data); err != nil {
		return Suppression{}, fmt.Errorf("storing suppression %s: %w", s.Key, err)
	}
	return s, nil
}

// List returns every suppression in the bucket, expired ones included,
// oldest first; none is an empty list, not nil (JSON [], not null).
func (st *Store) List(ctx context.Context) ([]Suppression, error) {
	w, err := st.kv.WatchAll(ctx, jetstream.IgnoreDeletes())
	if err != nil {
		return nil, fmt.Errorf("listing suppressions: %w", err)
	}
	defer w.Stop()
	out := []Suppression{}
	err = initial(ctx, w, "listing suppressions", func(e jetstream.KeyValueEntry) error {
		s, err := decode(e)
		if err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, byCreation)
	return out, nil
}

// initial passes each of the bucket's current values, as watch w delivers
// them up to its end-of-initial-values marker, to f; doing names the work
// in errors.
func initial(ctx context.Context, w jetstream.KeyWatcher, doing string, f func(jetstream.KeyValueEntry) error) error {
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", doing, context.Cause(ctx))
		case e, ok := <-w.Updates():
			if !ok {
				return fmt.Errorf("%s: the watch on bucket %s closed", doing, Bucket)
			}
			if e == nil { // every current value delivered
				return nil
			}
			if err := f(e); err != nil {
				return err
			}
		}
	}
}

// Remove deletes the suppression stored under key; it returns an error
// wrapping ErrNotFound if there is none. The bucket keeps its history.
func (st *Store) Remove(ctx context.Context, key string) error {
	if _, err := st.kv.Get(ctx, key); err != nil {
		if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrInvalidKey) {
			return fmt.Errorf("suppression %q: %w", key, ErrNotFound)
		}
		return fmt.Errorf("looking up suppression %q: %w", key, err)
	}
	if err := st.kv.Delete(ctx, key); err != nil {
		return fmt.Errorf("removing suppression %q: %w", key, err)
	}
	return nil
}

// decode reads a suppression from a bucket entry.
func decode(e jetstream.KeyValueEntry) (Suppression, error) {
	var s Suppression
	if err := json.Unmarshal(e.Value(), &s); err != nil {
		return s, fmt.Errorf("suppression %s (revision %d): decoding: %w (remove it with `watchwire suppress remove %s`)", e.Key(), e.Revision(), err, e.Key())
	}
	s.Key, s.Revision = e.Key(), e.Revision()
	return s, nil
}

func byCreation(a, b Suppression) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.Key, b.Key)
}
