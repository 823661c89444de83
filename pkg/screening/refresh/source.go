package refresh

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// source is where one watchlist spec's list comes from. Only its
// watcher goroutine calls its methods.
type source interface {
	// load looks at the source again and says what it found: with
	// foundList, the list as the source now has it.
	load(ctx context.Context) (found, *watchlist.List, error)
	// accept tells the source that the list its last load returned is
	// in use (or has the version in use), so that later loads compare
	// with it.
	accept()
	// wait is how long to wait before the next load, after failures
	// failed refreshes in a row.
	wait(failures int) time.Duration
}

// found is what a source's load found, when it did not fail.
type found int

const (
	// foundNothing: unchanged since a refresh that failed; nothing new
	// to judge, and nothing to confirm.
	foundNothing found = iota
	// foundCurrent: a cheap check (the files' sizes and times) shows the
	// source still holds the version in use. Not counted as a refresh.
	foundCurrent
	// foundUnchanged: the source was asked and holds the version in use
	// (an HTTP 304). Counted as an unchanged refresh.
	foundUnchanged
	// foundList: the source's content was loaded.
	foundList
)

// newSource returns the source for spec: a URL source for KIND:http(s)://...,
// a file source otherwise.
func newSource(spec string, o Options) (source, error) {
	if IsURL(spec) {
		return newURLSource(spec, o)
	}
	return newFileSource(spec, o)
}

// IsURL reports whether spec names an HTTP(S) source: KIND:https://...
func IsURL(spec string) bool {
	_, loc, _ := strings.Cut(strings.TrimSpace(spec), ":")
	return strings.HasPrefix(loc, "https://") || strings.HasPrefix(loc, "http://")
}

// The reasons a refresh fails: a bounded set, for metric labels.
const (
	reasonFetch  = "fetch"  // the source could not be read: unreachable, HTTP error, missing file, cut download
	reasonParse  = "parse"  // the source's content is not a valid list
	reasonShrink = "shrink" // the new version lost more entries than MaxShrink allows
	reasonEmpty  = "empty"  // the new version has no entries
)

func reasons() []string { return []string{reasonFetch, reasonParse, reasonShrink, reasonEmpty} }

// refusedError is a new version that loaded but is not believed.
type refusedError struct {
	reason string // reasonShrink or reasonEmpty
	msg    string
}

func (e *refusedError) Error() string { return e.msg }

// fetchError is a file that could not be downloaded.
type fetchError struct {
	url string
	err error
}

func (e *fetchError) Error() string { return "GET " + e.url + ": " + e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

// reason classifies a failed refresh's error.
func reason(err error) string {
	var re *refusedError
	var fe *fetchError
	var pe *fs.PathError
	switch {
	case errors.As(err, &re):
		return re.reason
	case errors.As(err, &fe), errors.As(err, &pe), errors.Is(err, context.DeadlineExceeded):
		return reasonFetch
	}
	return reasonParse
}

// judge refuses a new version that lost too many of the current one's
// entries: most likely a cut or wrong file rather than mass delistings.
// A restart accepts it, as the first load of a list is not judged.
func judge(cur, next *watchlist.List, maxShrink float64) error {
	c, n := len(cur.Entities), len(next.Entities)
	if n == 0 && c > 0 {
		return &refusedError{reasonEmpty, fmt.Sprintf("new version %s has no entries (the current one has %d)", next.Version, c)}
	}
	if c == 0 || float64(c-n)/float64(c) <= maxShrink {
		return nil
	}
	return &refusedError{reasonShrink, fmt.Sprintf("new version %s has %d entries, %.0f%% fewer than the %d of the current one (at most %.0f%% fewer allowed)",
		next.Version, n, 100*float64(c-n)/float64(c), c, 100*maxShrink)}
}
