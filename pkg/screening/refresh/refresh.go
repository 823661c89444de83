// Package refresh keeps watchlists current. A Refresher reloads a list
// when its files change, or, for a list served over HTTP(S), when a
// conditional GET says it changed, and hands the new set of lists to a
// callback. A new version that cannot be fetched or parsed, or that
// loses too many entries, is refused: the version in use stays, and the
// failure is logged and counted with its reason.
//
// Sources are watchlist specs (see watchlist.Load), and also specs whose
// location is a URL:
//
//	ofac:https://host/path/     a directory with sdn.csv, alt.csv and add.csv
//	opensanctions:https://...   an OpenSanctions export
//	csv:https://host/list.csv   a firm's own list, named after the URL's file name
package refresh

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Refresher keeps a set of watchlists current, one per spec. Its methods
// are safe for concurrent use.
type Refresher struct {
	opts     Options
	log      *slog.Logger
	metrics  *Metrics
	watchers []*watcher
	running  atomic.Bool

	mu    sync.RWMutex
	lists []*watchlist.List // in use, in spec order; replaced on update, never changed
}

// watcher polls one source. Only its own goroutine uses it once Run runs.
type watcher struct {
	i        int // the list's index in the set
	spec     string
	src      source
	last     *watchlist.List // the version handed on: the next one is judged against it
	failures int             // failed refreshes in a row
}

// update is a new version of the i-th list.
type update struct {
	i    int
	list *watchlist.List
}

// New loads the lists that specs name, and fails if one cannot be loaded
// or two have the same name. m may be nil (no metrics), and so may log.
// The lists stay as loaded until Run runs. Close it when done with it: a
// URL source keeps its last download on disk (see Snapshot).
func New(ctx context.Context, specs []string, opts Options, m *Metrics, log *slog.Logger) (*Refresher, error) {
	if len(specs) == 0 {
		return nil, errors.New("refresh: no watchlists to load")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Refresher{opts: opts, log: log, metrics: m}
	for i, spec := range specs {
		w, err := r.first(ctx, i, spec)
		if err != nil {
			r.Close()
			return nil, err
		}
		r.watchers = append(r.watchers, w)
		r.lists = append(r.lists, w.last)
	}
	for _, w := range r.watchers {
		m.loaded(w.last)
		log.Info("watchlist loaded", "list", w.last.Name, "source", w.spec, "version", w.last.Version, "entities", len(w.last.Entities))
	}
	return r, nil
}

// first loads the i-th list for the first time.
func (r *Refresher) first(ctx context.Context, i int, spec string) (*watcher, error) {
	src, err := newSource(spec, r.opts)
	if err != nil {
		return nil, err
	}
	_, l, err := src.load(ctx)
	if err != nil {
		return nil, fmt.Errorf("refresh: first load: %w", err)
	}
	for _, prev := range r.lists {
		if prev.Name == l.Name {
			release(src)
			return nil, fmt.Errorf("refresh: %s and %s are both named %q: rename one file", prev.Source, spec, l.Name)
		}
	}
	src.accept()
	return &watcher{i: i, spec: spec, src: src, last: l}, nil
}

// Current returns the lists in use, one per spec in the order given to New.
func (r *Refresher) Current() []*watchlist.List {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.lists)
}

// Run polls the sources until ctx ends, then returns nil. Whenever a
// list gets a new version, it calls onChange (if not nil) with the whole
// set of lists, as Current then returns them, and what changed in each
// (an empty Changes for the others). Calls are made one at a time, from
// Run's goroutine: a slow onChange delays the next update, not the
// polling. The metrics show the new version once onChange has returned.
// Run fails if it is already running.
func (r *Refresher) Run(ctx context.Context, onChange func(lists []*watchlist.List, changes []watchlist.Changes)) error {
	if !r.running.CompareAndSwap(false, true) {
		return errors.New("refresh: Run is already running")
	}
	defer r.running.Store(false)
	updates := make(chan update)
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, w := range r.watchers {
		wg.Go(func() { r.watch(ctx, w, updates) })
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case u := <-updates:
			old, lists, changes := r.install(u)
			if onChange != nil {
				onChange(lists, changes)
			}
			r.metrics.updated(old, u.list)
		}
	}
}

// install puts u's list in use and returns the version it replaced, the
// new set of lists and what changed in each.
func (r *Refresher) install(u update) (*watchlist.List, []*watchlist.List, []watchlist.Changes) {
	r.mu.Lock()
	old := r.lists[u.i]
	lists := slices.Clone(r.lists)
	lists[u.i] = u.list
	r.lists = lists
	r.mu.Unlock()
	changes := make([]watchlist.Changes, len(lists))
	for i, l := range lists {
		changes[i] = watchlist.Diff(l, l)
	}
	c := watchlist.Diff(old, u.list)
	changes[u.i] = c
	r.log.Info("watchlist updated", "list", u.list.Name, "source", u.list.Source, "version", u.list.Version, "previous", old.Version,
		"entities", len(u.list.Entities), "added", c.Counts.Added, "removed", c.Counts.Removed, "changed", c.Counts.Changed, "names_added", c.Counts.NamesAdded)
	return old, slices.Clone(lists), changes
}

// watch polls w's source until ctx ends, sending each new version to updates.
func (r *Refresher) watch(ctx context.Context, w *watcher, updates chan<- update) {
	t := time.NewTimer(w.src.wait(w.failures))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if l := r.poll(ctx, w); l != nil {
			select {
			case updates <- update{w.i, l}:
				w.src.accept()
				w.last = l
			case <-ctx.Done():
				return
			}
		}
		t.Reset(w.src.wait(w.failures))
	}
}

// poll refreshes w's list once. It returns a new version to put in use,
// or nil; it counts and logs what else came of it.
func (r *Refresher) poll(ctx context.Context, w *watcher) *watchlist.List {
	f, l, err := w.src.load(ctx)
	if err == nil && l != nil {
		err = judge(w.last, l, r.opts.MaxShrink)
	}
	if err != nil {
		if ctx.Err() == nil { // not a failure: Run is stopping
			r.fail(w, err)
		}
		return nil
	}
	if f == foundNothing {
		return nil
	}
	w.failures = 0
	switch {
	case f == foundCurrent:
		r.metrics.current(w.last.Name)
	case f == foundUnchanged:
		r.metrics.unchanged(w.last.Name)
	case l.Version == w.last.Version:
		w.src.accept()
		r.metrics.unchanged(w.last.Name)
	default:
		return l
	}
	return nil
}

// fail counts and logs a failed refresh of w's list.
func (r *Refresher) fail(w *watcher, err error) {
	w.failures++
	why := reason(err)
	r.metrics.failed(w.last.Name, why)
	r.log.Warn("watchlist refresh failed; keeping the version in use", "list", w.last.Name, "source", w.spec,
		"reason", why, "version", w.last.Version, "retry_in", w.src.wait(w.failures), "err", err)
}
