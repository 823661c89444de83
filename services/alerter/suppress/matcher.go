package suppress

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
)

// Matcher tells which alerts a suppression covers. It holds every
// suppression of the bucket in memory, indexed by entity, and a watch on
// the bucket keeps it current: a change made anywhere reaches every
// alerter replica within moments. Its methods are safe for concurrent use.
type Matcher struct {
	desc *prometheus.Desc

	mu       sync.RWMutex
	byEntity map[string]map[string]Suppression // entity id -> key -> suppression
	entityOf map[string]string                 // key -> entity id
}

// Watch loads every suppression into a new Matcher and returns it; from
// then on, until ctx ends, it applies each change to the bucket. Values
// it cannot decode are logged and ignored.
func (st *Store) Watch(ctx context.Context, log *slog.Logger) (*Matcher, error) {
	w, err := st.kv.WatchAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("watching suppressions: %w", err)
	}
	m := &Matcher{desc: newInForceDesc(), byEntity: map[string]map[string]Suppression{}, entityOf: map[string]string{}}
	err = initial(ctx, w, "loading suppressions", func(e jetstream.KeyValueEntry) error {
		m.apply(e, log)
		return nil
	})
	if err != nil {
		w.Stop()
		return nil, err
	}
	log.Info("suppressions loaded", "count", m.Len())
	go m.follow(ctx, w, log)
	return m, nil
}

// Check reports whether a suppression in force covers al, and if so the
// kind of the narrowest one that does (the metric's reason label).
func (m *Matcher) Check(al events.Alert) (reason string, suppressed bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	now := time.Now()
	var best Kind
	for _, s := range m.byEntity[al.EntityID] {
		if s.Expired(now) || !s.Covers(al) {
			continue
		}
		if best == "" || s.Kind.narrowness() < best.narrowness() {
			best = s.Kind
		}
	}
	return string(best), best != ""
}

// Len is the number of suppressions held, expired ones included.
func (m *Matcher) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.entityOf)
}

// inForce counts the suppressions not expired, by kind.
func (m *Matcher) inForce() map[Kind]int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	now, counts := time.Now(), map[Kind]int{}
	for _, byKey := range m.byEntity {
		for _, s := range byKey {
			if !s.Expired(now) {
				counts[s.Kind]++
			}
		}
	}
	return counts
}

// follow applies changes until ctx ends, then stops the watch.
func (m *Matcher) follow(ctx context.Context, w jetstream.KeyWatcher, log *slog.Logger) {
	stop := context.AfterFunc(ctx, func() { w.Stop() })
	defer stop()
	for e := range w.Updates() {
		if e != nil {
			m.apply(e, log)
		}
	}
	if ctx.Err() == nil {
		log.Warn("the watch on the suppressions ended: changes are no longer applied", "bucket", Bucket)
	}
}

// apply applies one change of the bucket.
func (m *Matcher) apply(e jetstream.KeyValueEntry, log *slog.Logger) {
	if e.Operation() != jetstream.KeyValuePut {
		m.remove(e.Key())
		return
	}
	s, err := decode(e)
	if err != nil {
		log.Warn("ignoring a suppression", "key", e.Key(), "err", err)
		m.remove(e.Key())
		return
	}
	m.put(s)
}

func (m *Matcher) put(s Suppression) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.removeLocked(s.Key)
	if m.byEntity[s.EntityID] == nil {
		m.byEntity[s.EntityID] = map[string]Suppression{}
	}
	m.byEntity[s.EntityID][s.Key] = s
	m.entityOf[s.Key] = s.EntityID
}

func (m *Matcher) remove(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.removeLocked(key)
}

func (m *Matcher) removeLocked(key string) {
	entity, ok := m.entityOf[key]
	if !ok {
		return
	}
	delete(m.entityOf, key)
	delete(m.byEntity[entity], key)
	if len(m.byEntity[entity]) == 0 {
		delete(m.byEntity, entity)
	}
}
