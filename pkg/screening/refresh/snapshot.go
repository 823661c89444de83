package refresh

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Snapshot is a copy of a list's source files in a directory: what one
// replica stores for the others to load (see the tagger's keeper).
type Snapshot struct {
	Kind  string   // the list's kind: watchlist.KindOFAC, KindOpenSanctions or KindCSV
	Dir   string   // where the copy is
	Files []string // the files' names in Dir, as the loaders expect them
}

// Spec is the spec that loads the copy.
func (s Snapshot) Spec() string {
	if s.Kind == watchlist.KindOFAC || len(s.Files) == 0 {
		return s.Kind + ":" + s.Dir
	}
	return s.Kind + ":" + filepath.Join(s.Dir, s.Files[0])
}

// TakeSnapshot copies the files of spec's source into dir: a local
// source's files (OFAC's plain or gzipped, under their plain names: the
// loader tells by their first bytes), or a URL source's, downloaded as a
// refresh downloads them (o's client, FetchTimeout and MaxBytes).
func TakeSnapshot(ctx context.Context, spec, dir string, o Options) (Snapshot, error) {
	o, err := o.withDefaults()
	if err != nil {
		return Snapshot{}, err
	}
	kind, loc, _ := strings.Cut(strings.TrimSpace(spec), ":")
	snap := Snapshot{Kind: kind, Dir: dir}
	switch {
	case IsURL(spec):
		err = snap.download(ctx, spec, o)
	case kind == watchlist.KindOFAC:
		for _, name := range ofacFiles() {
			err = copyFile(filepath.Join(loc, name), filepath.Join(dir, name))
			if errors.Is(err, fs.ErrNotExist) {
				err = copyFile(filepath.Join(loc, name+".gz"), filepath.Join(dir, name))
			}
			if err != nil {
				break
			}
			snap.Files = append(snap.Files, name)
		}
	default:
		snap.Files = []string{filepath.Base(loc)}
		err = copyFile(loc, filepath.Join(dir, snap.Files[0]))
	}
	if err != nil {
		return Snapshot{}, fmt.Errorf("copying the source of %s: %w", spec, err)
	}
	return snap, nil
}

// Snapshot copies the source files of l, a version this Refresher loaded,
// into dir: for a URL source the files it downloaded, when they are still
// those of l's version (no second download), and otherwise as
// TakeSnapshot copies them. The caller checks that the copy loads as l's
// version: a local file may have changed since, a server may have
// served another version.
func (r *Refresher) Snapshot(ctx context.Context, l *watchlist.List, dir string) (Snapshot, error) {
	for _, w := range r.watchers {
		if u, ok := w.src.(*urlSource); ok && u.spec == l.Source {
			snap, ok, err := u.snapshot(l.Version, dir)
			if err != nil {
				return Snapshot{}, fmt.Errorf("copying the source of %s: %w", l.Source, err)
			}
			if ok {
				return snap, nil
			}
		}
	}
	return TakeSnapshot(ctx, l.Source, dir, r.opts)
}

// Close removes the files the Refresher keeps for Snapshot (a URL
// source's last download). Call it once Run has returned; Snapshot then
// downloads again.
func (r *Refresher) Close() {
	for _, w := range r.watchers {
		release(w.src)
	}
}

// release removes the files src keeps for a snapshot, if any.
func release(src source) {
	if u, ok := src.(*urlSource); ok {
		u.keep(keptFiles{})
	}
}

// download fetches the files of the URL source spec into the snapshot's
// directory.
func (snap *Snapshot) download(ctx context.Context, spec string, o Options) error {
	s, err := newURLSource(spec, o)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.FetchTimeout)
	defer cancel()
	for _, f := range s.files {
		if _, _, err := s.get(ctx, f, snap.Dir, validators{}); err != nil {
			return err
		}
		snap.Files = append(snap.Files, f.name)
	}
	return nil
}

// SourceTime is when spec's source last changed: its newest file's
// modification time, or now for a URL source (it is fetched when read).
func SourceTime(spec string) time.Time {
	if IsURL(spec) {
		return time.Now()
	}
	src, _ := newFileSource(spec, Options{})
	var newest int64
	for _, st := range src.stamps() {
		if st.exists {
			newest = max(newest, st.modTime)
		}
	}
	if newest == 0 {
		return time.Time{}
	}
	return time.Unix(0, newest)
}

// ofacFiles are the files of an OFAC list, in a directory or under a URL.
func ofacFiles() []string { return []string{"sdn.csv", "alt.csv", "add.csv"} }

// copyFile copies the file src to a new file dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
