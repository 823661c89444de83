package tagger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Keeper keeps one tagger's watchlists current, agrees on their versions
// with the other replicas through the object store bucket
// events.BucketWatchlists, and runs the retro-screening jobs of the names
// a new version adds (see the package doc). Its methods are safe for
// concurrent use.
type Keeper struct {
	t     *Tagger
	js    jetstream.JetStream
	r     *refresh.Refresher
	store jetstream.ObjectStore
	jobs  jetstream.KeyValue
	cfg   ListsConfig
	log   *slog.Logger
	id    string        // this replica, as the owner of a retro job
	wake  chan struct{} // a retro job was created: look for work now

	mu    sync.Mutex // serialises swaps
	lists []*watchlist.List
}

// NewKeeper loads the watchlists that specs name, agrees with the bucket
// on each list's version (see the package doc), and gives t an engine
// over them. m may be nil (no refresh metrics); build it once per
// registry with refresh.NewMetrics.
func NewKeeper(ctx context.Context, js jetstream.JetStream, t *Tagger, specs []string, m *refresh.Metrics, log *slog.Logger, cfg ListsConfig) (*Keeper, error) {
	cfg = cfg.withDefaults()
	r, err := refresh.New(ctx, specs, cfg.Refresh, m, log)
	if err != nil {
		return nil, fmt.Errorf("loading watchlists: %w", err)
	}
	k := &Keeper{t: t, js: js, r: r, cfg: cfg, log: log, id: nuid.Next(), wake: make(chan struct{}, 1)}
	if err := k.start(ctx); err != nil {
		r.Close()
		return nil, err
	}
	return k, nil
}

// start agrees on the lists' versions with the bucket, puts them in use
// and shares those this replica brings.
func (k *Keeper) start(ctx context.Context) error {
	if err := k.openBuckets(ctx); err != nil {
		return err
	}
	lists := k.r.Current()
	starts := make([]start, len(lists))
	for i, l := range lists {
		var err error
		if starts[i], err = k.agree(ctx, l); err != nil {
			return err
		}
		lists[i] = starts[i].use
	}
	version, err := k.use(lists)
	if err != nil {
		return err
	}
	// The retro job first: should this replica stop before its version is
	// shared, it shares it at its next start, and creates the job then if
	// it does not exist.
	for i, st := range starts {
		k.retro(ctx, st.old, lists[i], version)
		if st.share {
			if err := k.publish(ctx, lists[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// Lists returns the lists in use, in spec order.
func (k *Keeper) Lists() []*watchlist.List {
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.lists)
}

// Run keeps the lists current until ctx ends: it polls their sources,
// follows the bucket, and runs retro-screening jobs. A running job is
// checkpointed and handed back when ctx ends. Once it returns, the
// Keeper shares no more versions (the refresher's downloads are removed).
func (k *Keeper) Run(ctx context.Context) error {
	defer k.r.Close()
	var wg sync.WaitGroup
	var err error
	wg.Go(func() {
		err = k.r.Run(ctx, func(lists []*watchlist.List, _ []watchlist.Changes) { k.refreshed(ctx, lists) })
	})
	wg.Go(func() { k.follow(ctx) })
	wg.Go(func() { k.runRetro(ctx) })
	wg.Wait()
	return err
}

// use builds an engine over lists and puts it in use: the engine being
// built, the previous one keeps screening. It returns the engine's version.
func (k *Keeper) use(lists []*watchlist.List) (string, error) {
	began := time.Now()
	eng, err := engine.New(lists...)
	if err != nil {
		return "", fmt.Errorf("building the screening engine: %w", err)
	}
	k.t.metrics.swaps.Observe(time.Since(began).Seconds())
	k.t.Use(eng, lists...)
	k.lists = lists
	return eng.Version(), nil
}

// apply puts next in use in place of the version of its list in use, unless
// that is next's version already or this tagger does not screen against
// that list. It returns the replaced version, or nil when nothing changed,
// and the version of the engine in use.
func (k *Keeper) apply(next *watchlist.List) (old *watchlist.List, version string, err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	i := slices.IndexFunc(k.lists, func(l *watchlist.List) bool { return l.Name == next.Name })
	if i < 0 || k.lists[i].Version == next.Version {
		return nil, "", nil
	}
	old = k.lists[i]
	lists := slices.Clone(k.lists)
	lists[i] = next
	if version, err = k.use(lists); err != nil {
		return nil, "", err
	}
	k.log.Info("watchlist version in use", "list", next.Name, "version", next.Version, "previous", old.Version, "source", next.Source)
	return old, version, nil
}

// inUse returns the version of the list named name in use, or "" when
// this tagger does not screen against it.
func (k *Keeper) inUse(name string) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, l := range k.lists {
		if l.Name == name {
			return l.Version
		}
	}
	return ""
}

// refreshed is the Refresher's callback: each list whose source has a new
// version is put in use, published to the bucket for the other replicas,
// and screened for again in the retained feed.
func (k *Keeper) refreshed(ctx context.Context, lists []*watchlist.List) {
	for _, l := range lists {
		old, version, err := k.apply(l)
		if err != nil {
			k.log.Error("watchlist update not applied; keeping the version in use", "list", l.Name, "version", l.Version, "err", err)
			continue
		}
		if old == nil {
			continue // this version is in use already (the callback passes every list)
		}
		k.retro(ctx, old, l, version)
		if err := k.publish(ctx, l); err != nil {
			k.log.Warn("watchlist version not shared with the other replicas", "list", l.Name, "version", l.Version, "err", err)
		}
	}
}

// retro creates the retro-screening job of the names next adds to old,
// if any; failures are logged, not returned: the live screening goes on.
func (k *Keeper) retro(ctx context.Context, old, next *watchlist.List, version string) {
	if old == nil || old.Version == next.Version {
		return
	}
	if err := k.createJob(ctx, old, next, version); err != nil && !errors.Is(err, context.Canceled) {
		k.log.Error("retro-screening job not created", "list", next.Name, "version", next.Version, "err", err)
	}
}

// openBuckets creates or opens the bucket of watchlist sources and the
// bucket of retro jobs.
func (k *Keeper) openBuckets(ctx context.Context) error {
	store, err := k.js.CreateOrUpdateObjectStore(ctx, jetstream.ObjectStoreConfig{
		Bucket:      events.BucketWatchlists,
		Description: "Watchwire watchlist sources of the versions in use, and retro-screening job specs",
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("opening object store %s: %w", events.BucketWatchlists, err)
	}
	jobs, err := k.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      events.BucketRetroJobs,
		Description: "Watchwire retro-screening jobs: claims and checkpoints",
		History:     1,
		TTL:         2 * max(k.cfg.LookBack, DefaultLookBack),
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return fmt.Errorf("opening key-value bucket %s: %w", events.BucketRetroJobs, err)
	}
	k.store, k.jobs = store, jobs
	return nil
}
