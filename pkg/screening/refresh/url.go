package refresh

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// urlSource is a list on an HTTP server, polled with conditional GETs
// (If-None-Match, If-Modified-Since). A poll that changes anything
// downloads the list's files into a fresh directory and loads them with
// watchlist.Load; the files of the version last loaded stay, for a
// snapshot (see Refresher.Snapshot), until the next version replaces
// them or the Refresher is closed. A failed refresh is retried with
// backoff: a download cut short may succeed next time.
type urlSource struct {
	spec, kind string
	files      []remoteFile
	o          Options
	good       map[string]validators // by URL: of the content in use
	pending    map[string]validators // by URL: of the content last loaded

	mu   sync.Mutex // guards kept: a snapshot may be taken while a load runs
	kept keptFiles
}

// keptFiles are the downloaded files of one version, in dir.
type keptFiles struct{ version, dir string }

// remoteFile is one file of a URL source.
type remoteFile struct {
	name string // its name once downloaded: csv lists are named after their file
	url  string
}

// validators are what a server said identifies a file's content.
type validators struct{ etag, lastModified string }

func newURLSource(spec string, o Options) (*urlSource, error) {
	kind, loc, _ := strings.Cut(strings.TrimSpace(spec), ":")
	files, err := remoteFiles(kind, loc)
	if err != nil {
		return nil, fmt.Errorf("refresh: %s: %w", spec, err)
	}
	return &urlSource{spec: strings.TrimSpace(spec), kind: kind, files: files, o: o}, nil
}

// remoteFiles lists the files of a list at loc: OFAC's three files in
// the directory loc, or the one file loc.
func remoteFiles(kind, loc string) ([]remoteFile, error) {
	u, err := url.Parse(loc)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q is not a URL with a host", loc)
	}
	switch kind {
	case watchlist.KindOFAC:
		var files []remoteFile
		for _, name := range ofacFiles() {
			files = append(files, remoteFile{name: name, url: u.JoinPath(name).String()})
		}
		return files, nil
	case watchlist.KindCSV, watchlist.KindOpenSanctions:
		name := path.Base(u.Path)
		if name == "/" || name == "." || name == ".." {
			if kind == watchlist.KindCSV {
				return nil, errors.New("cannot name the list after the URL: want a path ending in a file name such as mylist.csv")
			}
			name = "opensanctions"
		}
		return []remoteFile{{name: name, url: loc}}, nil
	}
	return nil, fmt.Errorf("unknown list kind %q: want ofac:URL/ (a directory with sdn.csv, alt.csv, add.csv), opensanctions:URL or csv:URL", kind)
}

// load implements source.
func (s *urlSource) load(ctx context.Context) (found, *watchlist.List, error) {
	ctx, cancel := context.WithTimeout(ctx, s.o.FetchTimeout)
	defer cancel()
	dir, err := os.MkdirTemp(s.o.TempDir, "watchwire-watchlist-*")
	if err != nil {
		return foundList, nil, fmt.Errorf("making a directory to download %s into: %w", s.spec, err)
	}
	got, changed, err := s.download(ctx, dir)
	if err != nil || !changed {
		os.RemoveAll(dir)
		return foundUnchanged, nil, err
	}
	s.pending = got
	l, err := watchlist.Load(ctx, s.localSpec(dir))
	if err != nil {
		os.RemoveAll(dir)
		return foundList, nil, fmt.Errorf("loading what %s served: %w", s.spec, err)
	}
	l.Source = s.spec
	s.keep(keptFiles{l.Version, dir})
	return foundList, l, nil
}

// keep makes k the files kept for a snapshot, removing those kept before.
func (s *urlSource) keep(k keptFiles) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kept.dir != "" {
		os.RemoveAll(s.kept.dir)
	}
	s.kept = k
}

// snapshot copies the files of version into dir, if they are the ones
// kept; ok is false when they are not (a later version was loaded since).
func (s *urlSource) snapshot(version, dir string) (snap Snapshot, ok bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kept.dir == "" || s.kept.version != version {
		return Snapshot{}, false, nil
	}
	snap = Snapshot{Kind: s.kind, Dir: dir}
	for _, f := range s.files {
		if err := copyFile(filepath.Join(s.kept.dir, f.name), filepath.Join(dir, f.name)); err != nil {
			return Snapshot{}, true, fmt.Errorf("copying the downloaded %s: %w", f.name, err)
		}
		snap.Files = append(snap.Files, f.name)
	}
	return snap, true, nil
}

// localSpec is the spec of the files downloaded into dir.
func (s *urlSource) localSpec(dir string) string {
	snap := Snapshot{Kind: s.kind, Dir: dir}
	for _, f := range s.files {
		snap.Files = append(snap.Files, f.name)
	}
	return snap.Spec()
}

// download fetches the source's files into dir, asking first whether
// they changed. It reports changed false when none did. When some did,
// it fetches the others too, as the list is loaded from all of them.
func (s *urlSource) download(ctx context.Context, dir string) (map[string]validators, bool, error) {
	got := make(map[string]validators, len(s.files))
	var same []remoteFile
	for _, f := range s.files {
		v, fresh, err := s.get(ctx, f, dir, s.good[f.url])
		if err != nil {
			return nil, false, err
		}
		if !fresh {
			same = append(same, f)
			continue
		}
		got[f.url] = v
	}
	if len(same) == len(s.files) {
		return nil, false, nil
	}
	for _, f := range same {
		v, _, err := s.get(ctx, f, dir, validators{})
		if err != nil {
			return nil, false, err
		}
		got[f.url] = v
	}
	return got, true, nil
}

// get fetches f into dir, unless the server says that it still has the
// content v identifies (then fresh is false).
func (s *urlSource) get(ctx context.Context, f remoteFile, dir string, v validators) (_ validators, fresh bool, _ error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url, nil)
	if err != nil {
		return v, false, &fetchError{f.url, err}
	}
	req.Header.Set("User-Agent", "watchwire")
	if v.etag != "" {
		req.Header.Set("If-None-Match", v.etag)
	}
	if v.lastModified != "" {
		req.Header.Set("If-Modified-Since", v.lastModified)
	}
	resp, err := s.o.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return v, false, &fetchError{f.url, err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && v != (validators{}):
		return v, false, nil
	case resp.StatusCode != http.StatusOK:
		return v, false, &fetchError{f.url, fmt.Errorf("server answered %s", resp.Status)}
	case resp.ContentLength > s.o.MaxBytes:
		return v, false, &fetchError{f.url, fmt.Errorf("%d bytes is more than the %d allowed", resp.ContentLength, s.o.MaxBytes)}
	}
	if err := save(filepath.Join(dir, f.name), resp.Body, s.o.MaxBytes); err != nil {
		return v, false, &fetchError{f.url, err}
	}
	return validators{etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}, true, nil
}

// save copies r into a new file at path, refusing more than max bytes.
func save(path string, r io.Reader, max int64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, io.LimitReader(r, max+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return fmt.Errorf("download cut short after %d bytes: %w", n, err)
	case n > max:
		return fmt.Errorf("more than the %d bytes allowed", max)
	}
	return nil
}

// accept implements source.
func (s *urlSource) accept() { s.good = s.pending }

// wait implements source: the poll interval, or after failures a
// backoff from RetryMin doubling up to the poll interval.
func (s *urlSource) wait(failures int) time.Duration {
	if failures == 0 {
		return s.o.URLPoll
	}
	d := s.o.RetryMin
	for i := 1; i < failures && d < s.o.URLPoll; i++ {
		d *= 2
	}
	return min(d, s.o.URLPoll)
}
