package tagger

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// retroObjectPrefix starts the object names of retro job specs in the
// bucket of watchlists: retro/<job key>/<replica>.
const retroObjectPrefix = "retro/"

// retroSpec is what a retro-screening job looks for. It is stored as an
// object in the bucket of watchlists and holds all the job needs, so that
// any replica can run or resume it whatever versions it screens with.
type retroSpec struct {
	List string `json:"list"`
	// VersionAdded and OldVersion are the new version and the one it
	// replaced, as "list@digest".
	VersionAdded string `json:"version_added"`
	OldVersion   string `json:"old_version"`
	// WatchlistVersion is the engine's version, every list included, once
	// the new version was in use: what retro screened events carry.
	WatchlistVersion string `json:"watchlist_version"`
	// Names counts the names added, for the logs.
	Names int `json:"names"`
	// Entities are the entries the new version added names to (or added),
	// as it lists them; Previous are those of them the old version listed,
	// as it did.
	Entities []watchlist.Entity `json:"entities"`
	Previous []watchlist.Entity `json:"previous,omitempty"`
}

// retroState is a job's claim and checkpoint: the value of its key
// (events.RetroJobKey) in bucket events.BucketRetroJobs.
type retroState struct {
	Spec  string `json:"spec"`            // the spec's object name
	Owner string `json:"owner,omitempty"` // the replica running the job; "" when it is free to take
	Done  bool   `json:"done,omitempty"`
	Error string `json:"error,omitempty"` // why a job ended without finishing
	// From is the look-back's start: articles stored since then are screened.
	From time.Time `json:"from"`
	// EndSeq is the last NEWS sequence to screen: the last one the live
	// consumer had received when the new version was put in use (later
	// articles are screened live with it).
	EndSeq uint64 `json:"end_seq"`
	// FirstSeq and LastSeq are the first and the last NEWS sequences
	// screened so far: the job resumes after LastSeq.
	FirstSeq uint64 `json:"first_seq,omitempty"`
	LastSeq  uint64 `json:"last_seq,omitempty"`
	Screened int64  `json:"screened"`
	Matches  int64  `json:"matches"`
}

// retroJob is a job this replica has claimed: its key, its state and the
// revision of that state, for the next compare-and-set.
type retroJob struct {
	key   string
	rev   uint64
	state retroState
}

// newRetroSpec is what to look for again once next replaced old.
func newRetroSpec(old, next *watchlist.List, version string) retroSpec {
	spec := retroSpec{
		List: next.Name, VersionAdded: next.Name + "@" + next.Version, OldVersion: old.Name + "@" + old.Version,
		WatchlistVersion: version,
	}
	before := make(map[string]watchlist.Entity, len(old.Entities))
	for _, e := range old.Entities {
		before[e.ID] = e
	}
	for _, en := range watchlist.Diff(old, next).AddedNames() {
		spec.Entities = append(spec.Entities, en.Entity)
		spec.Names += len(en.Names)
		if e, ok := before[en.Entity.ID]; ok {
			spec.Previous = append(spec.Previous, e)
		}
	}
	return spec
}

// createJob creates the retro-screening job of the names next adds to
// old, unless it adds none or the job exists: every replica that puts
// next in use tries, and the one whose KV Create succeeds runs it.
func (k *Keeper) createJob(ctx context.Context, old, next *watchlist.List, version string) error {
	spec := newRetroSpec(old, next, version)
	if len(spec.Entities) == 0 {
		return nil
	}
	key := events.RetroJobKey(spec.VersionAdded)
	if _, err := k.jobs.Get(ctx, key); err == nil {
		return nil // created already, by this replica or another
	}
	// The spec is stored before the claim, so a claimed job always has one.
	name := retroObjectPrefix + key + "/" + k.id
	data, err := json.Marshal(spec)
	if err != nil {
		return err
	}
	if _, err := k.store.PutBytes(ctx, name, data); err != nil {
		return fmt.Errorf("storing retro job spec %s: %w", name, err)
	}
	st := retroState{Spec: name, Owner: k.id, From: time.Now().Add(-k.cfg.LookBack).UTC(), EndSeq: k.liveEnd(ctx)}
	value, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if _, err := k.jobs.Create(ctx, key, value); err != nil {
		k.store.Delete(context.WithoutCancel(ctx), name)
		if errors.Is(err, jetstream.ErrKeyExists) {
			return nil
		}
		return fmt.Errorf("creating retro job %s: %w", key, err)
	}
	k.log.Info("retro-screening job created", "job", key, "version_added", spec.VersionAdded, "previous", spec.OldVersion,
		"entities", len(spec.Entities), "names", spec.Names, "from", st.From, "end_seq", st.EndSeq)
	select {
	case k.wake <- struct{}{}:
	default:
	}
	return nil
}

// liveEnd is the last NEWS sequence the live consumer has received: the
// articles up to it were screened with the version in use before.
func (k *Keeper) liveEnd(ctx context.Context) uint64 {
	c, err := k.js.Consumer(ctx, events.StreamNews, k.t.cfg.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		return 0 // no article was ever screened
	}
	if err == nil {
		if info, err := c.Info(ctx); err == nil {
			return info.Delivered.Stream
		}
	}
	// Unknown: screen again every article stored so far.
	if s, err := k.js.Stream(ctx, events.StreamNews); err == nil {
		return s.CachedInfo().State.LastSeq
	}
	return 0
}

// claim takes a job that is not done and is free: created by this replica,
// handed back, or not checkpointed within the lease. It returns nil when
// there is none.
func (k *Keeper) claim(ctx context.Context) (*retroJob, error) {
	lister, err := k.jobs.ListKeysFiltered(ctx, events.RetroJobKeyPrefix+">")
	if err != nil {
		return nil, fmt.Errorf("listing retro jobs: %w", err)
	}
	var keys []string
	for key := range lister.Keys() {
		keys = append(keys, key)
	}
	for _, key := range keys {
		if j := k.take(ctx, key); j != nil {
			return j, nil
		}
	}
	return nil, ctx.Err()
}

// take claims the job at key if it is free, and returns nil otherwise.
func (k *Keeper) take(ctx context.Context, key string) *retroJob {
	e, err := k.jobs.Get(ctx, key)
	if err != nil {
		return nil
	}
	var st retroState
	if err := json.Unmarshal(e.Value(), &st); err != nil {
		k.log.Warn("retro job unreadable; skipped", "job", key, "err", err)
		return nil
	}
	free := st.Owner == "" || st.Owner == k.id || time.Since(e.Created()) > k.cfg.Lease
	if st.Done || !free {
		return nil
	}
	j := &retroJob{key: key, rev: e.Revision(), state: st}
	j.state.Owner = k.id
	if err := k.save(ctx, j); err != nil {
		return nil // another replica took it first
	}
	return j
}

// save stores j's state if nobody else changed it since this replica did.
func (k *Keeper) save(ctx context.Context, j *retroJob) error {
	value, err := json.Marshal(j.state)
	if err != nil {
		return err
	}
	rev, err := k.jobs.Update(ctx, j.key, value, j.rev)
	if err != nil {
		return fmt.Errorf("checkpointing retro job %s: %w", j.key, err)
	}
	j.rev = rev
	return nil
}

// loadSpec reads a job's spec from the bucket.
func (k *Keeper) loadSpec(ctx context.Context, name string) (retroSpec, error) {
	var spec retroSpec
	data, err := k.store.GetBytes(ctx, name)
	if err != nil {
		return spec, fmt.Errorf("reading retro job spec %s: %w", name, err)
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		return spec, fmt.Errorf("retro job spec %s: %w", name, err)
	}
	return spec, nil
}
