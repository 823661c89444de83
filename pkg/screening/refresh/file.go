package refresh

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// fileSource is a list in local files, re-read when one of them changes
// size or modification time and then holds still for one poll: a file
// being copied or written in place is read once written, not half-way.
// A failed refresh is not retried until the files change again:
// re-reading the same bytes would fail the same way.
type fileSource struct {
	spec  string
	paths []string // the files that make up the list, existing or not
	every time.Duration
	prev  []stamp // at the previous poll
	seen  []stamp // at the last load
	good  []stamp // of the content in use; nil before the first load
}

// stamp is what a file looks like from outside.
type stamp struct {
	exists  bool
	size    int64
	modTime int64 // Unix nanoseconds
}

func newFileSource(spec string, o Options) (*fileSource, error) {
	kind, loc, _ := strings.Cut(strings.TrimSpace(spec), ":")
	paths := []string{loc}
	if kind == watchlist.KindOFAC {
		paths = nil
		for _, name := range ofacFiles() {
			paths = append(paths, filepath.Join(loc, name), filepath.Join(loc, name+".gz"))
		}
	}
	return &fileSource{spec: spec, paths: paths, every: o.FilePoll}, nil
}

// stamps looks at each of the source's files.
func (s *fileSource) stamps() []stamp {
	st := make([]stamp, len(s.paths))
	for i, p := range s.paths {
		if fi, err := os.Stat(p); err == nil {
			st[i] = stamp{exists: true, size: fi.Size(), modTime: fi.ModTime().UnixNano()}
		}
	}
	return st
}

// load implements source. The files are looked at before they are read:
// a change made while they are read shows at the next look.
func (s *fileSource) load(ctx context.Context) (found, *watchlist.List, error) {
	st := s.stamps()
	still := slices.Equal(st, s.prev)
	s.prev = st
	switch {
	case slices.Equal(st, s.good):
		return foundCurrent, nil, nil
	case slices.Equal(st, s.seen), !still && s.good != nil:
		return foundNothing, nil, nil
	}
	s.seen = st
	l, err := watchlist.Load(ctx, s.spec)
	if err != nil {
		return foundList, nil, err
	}
	return foundList, l, nil
}

// accept implements source.
func (s *fileSource) accept() { s.good = s.seen }

// wait implements source: failures change nothing, as a failed file is
// only read again once it changed.
func (s *fileSource) wait(int) time.Duration { return s.every }
