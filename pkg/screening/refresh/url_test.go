package refresh_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// server serves files by path with ETag and Last-Modified, answering
// conditional GETs, and can be told to fail.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	files    map[string][]byte
	modified time.Time
	fail     func(w http.ResponseWriter) bool // answers instead of serving, when it returns true
	got      []string                         // "200 /path", "304 /path", ... in order
}

func newServer(t *testing.T, files map[string]string) *server {
	s := &server{files: map[string][]byte{}, modified: time.Now().Add(-time.Hour).Truncate(time.Second)}
	s.set(files)
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// set replaces files.
func (s *server) set(files map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, content := range files {
		s.files[name] = []byte(content)
	}
	s.modified = s.modified.Add(time.Second)
}

func (s *server) setFail(fail func(w http.ResponseWriter) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = fail
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() { s.got = append(s.got, fmt.Sprintf("%d %s", rec.status, r.URL.Path)) }()
	if s.fail != nil && s.fail(rec) {
		return
	}
	data, ok := s.files[strings.TrimPrefix(r.URL.Path, "/")]
	if !ok {
		http.NotFound(rec, r)
		return
	}
	rec.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(data)))
	http.ServeContent(rec, r, r.URL.Path, s.modified, bytes.NewReader(data))
}

// requests returns the requests served since the last call.
func (s *server) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	got := s.got
	s.got = nil
	return got
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func TestURLConditionalGet(t *testing.T) {
	srv := newServer(t, map[string]string{"lists/firm.csv": firmCSV(3)})
	spec := "csv:" + srv.URL + "/lists/firm.csv"
	h := start(t, []string{spec}, fast())
	v1 := h.r.Current()[0]
	if v1.Name != "firm" || v1.Source != spec || len(v1.Entities) != 3 {
		t.Fatalf("loaded %q from %q with %d entities, want firm from %s with 3", v1.Name, v1.Source, len(v1.Entities), spec)
	}
	h.waitMetric(t, 2, "watchwire_watchlist_refresh_total", "list", "firm", "result", "unchanged")
	h.none(t)
	got := srv.requests()
	if got[0] != "200 /lists/firm.csv" || got[1] != "304 /lists/firm.csv" || got[2] != "304 /lists/firm.csv" {
		t.Errorf("requests %v: want the first load, then 304s", got)
	}

	srv.set(map[string]string{"lists/firm.csv": firmCSV(3, "p9,Ivan PETROV,Person,,WATCH")})
	d := h.next(t)
	if v2 := d.lists[0]; v2.Version == v1.Version || len(v2.Entities) != 4 || v2.Source != spec {
		t.Errorf("new version %s from %s with %d entities, want a new one from %s with 4", v2.Version, v2.Source, len(v2.Entities), spec)
	}
	if n := d.changes[0].Counts.Added; n != 1 {
		t.Errorf("%d entries added, want 1", n)
	}
}

func TestURLOFACDirectory(t *testing.T) {
	files := ofacFiles(3)
	srv := newServer(t, map[string]string{"ofac/sdn.csv": files["sdn.csv"], "ofac/alt.csv": files["alt.csv"], "ofac/add.csv": files["add.csv"]})
	h := start(t, []string{"ofac:" + srv.URL + "/ofac"}, fast())
	if n := len(h.r.Current()[0].Entities); n != 3 {
		t.Fatalf("loaded %d entries, want 3", n)
	}
	h.waitMetric(t, 1, "watchwire_watchlist_refresh_total", "list", "ofac", "result", "unchanged")
	srv.requests()
	more := ofacFiles(4)
	srv.set(map[string]string{"ofac/sdn.csv": more["sdn.csv"]})
	d := h.next(t)
	if c := d.changes[0]; c.Counts.Added != 1 || len(d.lists[0].Entities) != 4 {
		t.Errorf("want one entry added, 4 in all; got %+v, %d", c.Counts, len(d.lists[0].Entities))
	}
	// Only sdn.csv changed; the others were fetched again in full to load the list.
	got := strings.Join(srv.requests(), ",")
	if !strings.Contains(got, "200 /ofac/sdn.csv,304 /ofac/alt.csv,304 /ofac/add.csv,200 /ofac/alt.csv,200 /ofac/add.csv") {
		t.Errorf("requests %s: want sdn.csv fetched, the others asked then fetched", got)
	}
}

func TestURLRefused(t *testing.T) {
	tests := []struct {
		name   string
		fail   func(w http.ResponseWriter) bool
		serve  string // served instead of the list, when fail is nil
		reason string
	}{
		{name: "server error", reason: "fetch", fail: func(w http.ResponseWriter) bool {
			http.Error(w, "boom", http.StatusInternalServerError)
			return true
		}},
		{name: "not found", reason: "fetch", fail: func(w http.ResponseWriter) bool {
			http.NotFound(w, nil)
			return true
		}},
		{name: "cut short", reason: "fetch", fail: func(w http.ResponseWriter) bool {
			w.Header().Set("Content-Length", "1000")
			w.Write([]byte(firmCSV(10)[:100]))
			return true
		}},
		{name: "too large", reason: "fetch", fail: func(w http.ResponseWriter) bool {
			w.Write(bytes.Repeat([]byte("x"), 2<<10))
			return true
		}},
		{name: "too large, streamed", reason: "fetch", fail: func(w http.ResponseWriter) bool {
			for range 4 {
				w.Write(bytes.Repeat([]byte("x"), 512))
				http.NewResponseController(w).Flush()
			}
			return true
		}},
		{name: "connection dropped", reason: "fetch", fail: func(w http.ResponseWriter) bool {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
			return true
		}},
		{name: "malformed", reason: "parse", serve: "<html>maintenance</html>"},
		{name: "shrunk", reason: "shrink", serve: firmCSV(5)},
		{name: "empty", reason: "empty", serve: firmCSV(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, map[string]string{"firm.csv": firmCSV(10)})
			opts := fast()
			opts.MaxBytes = 1 << 10
			h := start(t, []string{"csv:" + srv.URL + "/firm.csv"}, opts)
			v1 := h.r.Current()[0]
			h.waitMetric(t, 1, "watchwire_watchlist_refresh_total", "list", "firm", "result", "unchanged")
			lastLoad := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm")

			if tt.fail != nil {
				srv.setFail(tt.fail)
			} else {
				srv.set(map[string]string{"firm.csv": tt.serve})
			}
			h.waitMetric(t, 2, "watchwire_watchlist_refresh_failures_total", "list", "firm", "reason", tt.reason)
			h.none(t)
			if h.r.Current()[0] != v1 {
				t.Error("Current() changed after a failed refresh")
			}
			if got := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm"); got < lastLoad {
				t.Errorf("last load went back from %v to %v", lastLoad, got)
			}
			// What the failed refreshes leave behind: no last load after
			// the first failure, which is retried until the server recovers.
			failedAt := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm")
			h.waitMetric(t, 3, "watchwire_watchlist_refresh_failures_total", "list", "firm", "reason", tt.reason)
			if got := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm"); got != failedAt {
				t.Errorf("a failed refresh moved the last load from %v to %v", failedAt, got)
			}

			srv.setFail(nil)
			srv.set(map[string]string{"firm.csv": firmCSV(11)})
			if d := h.next(t); len(d.lists[0].Entities) != 11 {
				t.Errorf("after recovery, %d entities, want 11", len(d.lists[0].Entities))
			}
		})
	}
}

func TestLoad(t *testing.T) {
	srv := newServer(t, map[string]string{"x/pep.csv.gz": gzipped(t, firmCSV(2))})
	l, err := refresh.Load(t.Context(), "csv:"+srv.URL+"/x/pep.csv.gz", refresh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "pep" || len(l.Entities) != 2 {
		t.Errorf("got %q with %d entities, want pep with 2", l.Name, len(l.Entities))
	}
	if _, err := refresh.Load(t.Context(), "csv:"+srv.URL+"/missing.csv", refresh.Options{}); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("a missing file: err = %v, want the server's 404", err)
	}
}

// TestURLSnapshot: a snapshot of the version a URL source last loaded
// copies the files it downloaded, with no second request; once a later
// version is loaded, a snapshot of the earlier one downloads (and its
// caller finds the version changed). Close removes the download.
func TestURLSnapshot(t *testing.T) {
	files := ofacFiles(3)
	srv := newServer(t, map[string]string{"ofac/sdn.csv": files["sdn.csv"], "ofac/alt.csv": files["alt.csv"], "ofac/add.csv": files["add.csv"]})
	spec := "ofac:" + srv.URL + "/ofac"
	opts := fast()
	opts.URLPoll = time.Hour
	opts.TempDir = t.TempDir()
	r, err := refresh.New(t.Context(), []string{spec}, opts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	v1 := r.Current()[0]
	srv.requests()

	snap, err := r.Snapshot(t.Context(), v1, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.requests(); len(got) != 0 {
		t.Errorf("the snapshot of the version loaded asked the server again: %v", got)
	}
	if strings.Join(snap.Files, ",") != "sdn.csv,alt.csv,add.csv" {
		t.Errorf("snapshot files %v, want OFAC's three", snap.Files)
	}
	for _, name := range snap.Files {
		got, err := os.ReadFile(filepath.Join(snap.Dir, name))
		if err != nil || string(got) != files[name] {
			t.Errorf("%s in the snapshot is not what the server served (err %v)", name, err)
		}
	}
	if l, err := watchlist.Load(t.Context(), snap.Spec()); err != nil || l.Version != v1.Version {
		t.Errorf("the snapshot loads as %v (err %v), want version %s", l, err, v1.Version)
	}

	// Another process might have loaded a later version: here, a list
	// whose kept files are of another version than the one asked for.
	older := *v1
	older.Version = "sha256:older"
	if _, err := r.Snapshot(t.Context(), &older, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if got := srv.requests(); len(got) != 3 {
		t.Errorf("a snapshot of a version not kept made %d requests (%v), want the three files downloaded", len(got), got)
	}

	r.Close()
	if left, _ := os.ReadDir(opts.TempDir); len(left) != 0 {
		t.Errorf("Close left %d entries in the temp dir", len(left))
	}
}
