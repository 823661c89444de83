package tagger

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Metadata of a watchlist source object.
const (
	metaVersion = "version" // the list's version digest
	metaKind    = "kind"    // ofac, opensanctions or csv
	metaFiles   = "files"   // how many files make up the list
	metaSource  = "source"  // the spec the publishing replica loaded it from
)

// storedList is the bucket's copy of one list: the objects of its latest
// complete version (every file with the same version), if any.
type storedList struct {
	version string
	kind    string
	source  string
	objects []*jetstream.ObjectInfo
	putAt   time.Time // when its newest object was stored
}

// objectName is where file of list is stored.
func objectName(list, file string) string {
	return events.WatchlistObjectPrefix + list + "/" + file
}

// listOf returns the list whose source object name is, and false for an
// object that is no list source (a retro job spec).
func listOf(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, events.WatchlistObjectPrefix)
	if !ok {
		return "", false
	}
	list, _, ok := strings.Cut(rest, "/")
	return list, ok && list != ""
}

// complete finds list's complete version among objs: the version all its
// files carry (the latest stored, should a file of an older one be left).
// While a replica replaces the files one by one there is none, and the
// version in use stays.
func complete(objs []*jetstream.ObjectInfo, list string) storedList {
	byVersion := map[string][]*jetstream.ObjectInfo{}
	for _, o := range objs {
		if l, ok := listOf(o.Name); ok && l == list && !o.Deleted {
			byVersion[o.Metadata[metaVersion]] = append(byVersion[o.Metadata[metaVersion]], o)
		}
	}
	var latest storedList
	for v, files := range byVersion {
		n, err := strconv.Atoi(files[0].Metadata[metaFiles])
		if v == "" || err != nil || n != len(files) {
			continue
		}
		st := storedList{version: v, kind: files[0].Metadata[metaKind], source: files[0].Metadata[metaSource], objects: files}
		for _, o := range files {
			if o.ModTime.After(st.putAt) {
				st.putAt = o.ModTime
			}
		}
		if st.putAt.After(latest.putAt) {
			latest = st
		}
	}
	return latest
}

// stored reads the bucket's copy of list.
func (k *Keeper) stored(ctx context.Context, list string) (storedList, error) {
	objs, err := k.store.List(ctx)
	if err != nil && !errors.Is(err, jetstream.ErrNoObjectsFound) {
		return storedList{}, fmt.Errorf("listing bucket %s: %w", events.BucketWatchlists, err)
	}
	return complete(objs, list), nil
}

// start is what a replica starts with for one list: the version to use,
// the version the replicas used before it (for retro-screening) and
// whether to share it through the bucket.
type start struct {
	use, old *watchlist.List
	share    bool
}

// agree settles, at start, which version of local's list to screen with:
// local when the bucket has no copy, has the same version, or has one
// stored before local's source last changed (local is then shared, and
// the stored version is the old one, for retro-screening); else the
// bucket's copy.
func (k *Keeper) agree(ctx context.Context, local *watchlist.List) (start, error) {
	st, err := k.stored(ctx, local.Name)
	if err != nil || st.version == local.Version {
		return start{use: local}, err
	}
	if st.version == "" {
		return start{use: local, share: true}, nil
	}
	stored, err := k.loadStored(ctx, st)
	newer := !refresh.SourceTime(local.Source).After(st.putAt)
	switch {
	case err == nil && newer:
		k.log.Info("watchlist version taken from the bucket: it is newer than the local source", "list", stored.Name, "version", stored.Version, "local_version", local.Version)
		return start{use: stored}, nil
	case err != nil && newer:
		k.log.Warn("watchlist version in the bucket cannot be loaded; using the local source", "list", local.Name, "err", err)
		fallthrough
	case err != nil:
		k.log.Warn("previous watchlist version in the bucket cannot be loaded: no retro-screening", "list", local.Name, "err", err)
	}
	return start{use: local, old: stored, share: true}, nil
}

// publish stores l's source files in the bucket, unless it holds l's
// version already. It copies the files first and digests the copy (the
// version a load of it would have, without parsing it again): if the
// source changed in between, the copy is not l, and nothing is stored (the
// next refresh brings the change).
func (k *Keeper) publish(ctx context.Context, l *watchlist.List) error {
	st, err := k.stored(ctx, l.Name)
	if err != nil || st.version == l.Version {
		return err
	}
	dir, err := os.MkdirTemp(k.cfg.Refresh.TempDir, "watchwire-publish-*")
	if err != nil {
		return fmt.Errorf("making a directory to copy %s into: %w", l.Source, err)
	}
	defer os.RemoveAll(dir)
	snap, err := k.r.Snapshot(ctx, l, dir)
	if err != nil {
		return err
	}
	kind, files := snap.Kind, snap.Files
	got, err := watchlist.Digest(ctx, snap.Spec())
	if err != nil {
		return fmt.Errorf("reading the copy of %s: %w", l.Source, err)
	}
	if got != l.Version {
		return fmt.Errorf("%s changed while it was copied (now %s): the next refresh shares it", l.Source, got)
	}
	meta := map[string]string{metaVersion: l.Version, metaKind: kind, metaFiles: strconv.Itoa(len(files)), metaSource: l.Source}
	if err := k.putFiles(ctx, l.Name, dir, files, meta); err != nil {
		return err
	}
	k.dropStale(ctx, st, l.Name, files)
	k.log.Info("watchlist version shared through the bucket", "list", l.Name, "version", l.Version, "bucket", events.BucketWatchlists, "files", len(files))
	return nil
}

// putFiles stores each of files, from dir, as an object of list with meta.
func (k *Keeper) putFiles(ctx context.Context, list, dir string, files []string, meta map[string]string) error {
	for _, name := range files {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		_, err = k.store.Put(ctx, jetstream.ObjectMeta{Name: objectName(list, name), Metadata: meta}, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("storing %s in bucket %s: %w", objectName(list, name), events.BucketWatchlists, err)
		}
	}
	return nil
}

// dropStale deletes the objects of the previous copy st that the new
// version has no file for (an OpenSanctions export renamed).
func (k *Keeper) dropStale(ctx context.Context, st storedList, list string, files []string) {
	for _, o := range st.objects {
		keep := false
		for _, f := range files {
			keep = keep || o.Name == objectName(list, f)
		}
		if !keep {
			if err := k.store.Delete(ctx, o.Name); err != nil {
				k.log.Warn("deleting a stale watchlist object", "object", o.Name, "err", err)
			}
		}
	}
}

// loadStored loads the list st describes from the bucket: its files are
// written to a temporary directory and loaded with watchlist.Load.
func (k *Keeper) loadStored(ctx context.Context, st storedList) (*watchlist.List, error) {
	dir, err := os.MkdirTemp(k.cfg.Refresh.TempDir, "watchwire-bucket-*")
	if err != nil {
		return nil, fmt.Errorf("making a directory for the bucket's copy: %w", err)
	}
	defer os.RemoveAll(dir)
	var files []string
	for _, o := range st.objects {
		name := filepath.Base(o.Name)
		if err := k.getFile(ctx, o.Name, filepath.Join(dir, name)); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	l, err := watchlist.Load(ctx, refresh.Snapshot{Kind: st.kind, Dir: dir, Files: files}.Spec())
	if err != nil {
		return nil, fmt.Errorf("loading the bucket's copy of %s: %w", st.source, err)
	}
	if l.Version != st.version {
		return nil, fmt.Errorf("the bucket's copy of %s changed while it was read: version %s, want %s", st.source, l.Version, st.version)
	}
	l.Source = st.source
	return l, nil
}

// getFile writes object name to path.
func (k *Keeper) getFile(ctx context.Context, name, path string) error {
	r, err := k.store.Get(ctx, name)
	if err != nil {
		return fmt.Errorf("reading %s from bucket %s: %w", name, events.BucketWatchlists, err)
	}
	defer r.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return fmt.Errorf("reading %s from bucket %s: %w", name, events.BucketWatchlists, err)
	}
	return f.Close()
}

// follow watches the bucket until ctx ends and adopts each complete new
// version of a list this tagger screens against.
func (k *Keeper) follow(ctx context.Context) {
	for ctx.Err() == nil {
		if err := k.followOnce(ctx); err != nil && ctx.Err() == nil {
			k.log.Warn("watching the watchlist bucket; retrying", "bucket", events.BucketWatchlists, "err", err)
			platform.Pause(ctx, time.Second)
		}
	}
}

func (k *Keeper) followOnce(ctx context.Context) error {
	w, err := k.store.Watch(ctx)
	if err != nil {
		return err
	}
	defer w.Stop()
	objs := map[string]*jetstream.ObjectInfo{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case o, ok := <-w.Updates():
			if !ok {
				return errors.New("the watch ended")
			}
			if o == nil {
				continue // all objects seen once
			}
			if list, ok := listOf(o.Name); ok {
				objs[o.Name] = o
				k.adopt(ctx, list, objs)
			}
		}
	}
}

// adopt puts in use the bucket's complete version of list if it differs
// from the one in use.
func (k *Keeper) adopt(ctx context.Context, list string, objs map[string]*jetstream.ObjectInfo) {
	all := make([]*jetstream.ObjectInfo, 0, len(objs))
	for _, o := range objs {
		all = append(all, o)
	}
	st := complete(all, list)
	if cur := k.inUse(list); st.version == "" || cur == "" || cur == st.version {
		return
	}
	l, err := k.loadStored(ctx, st)
	if err != nil {
		k.log.Warn("watchlist version in the bucket not adopted", "list", list, "version", st.version, "err", err)
		return
	}
	old, version, err := k.apply(l)
	if err != nil {
		k.log.Error("watchlist version in the bucket not applied; keeping the version in use", "list", list, "version", st.version, "err", err)
		return
	}
	k.retro(ctx, old, l, version)
}
