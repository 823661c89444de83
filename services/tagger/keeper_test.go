package tagger_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/services/tagger"
)

// Versions of the csv list "firm" for these tests. v2 adds f-2, gives f-3
// a new alias, and drops f-4 (one entry in five, within the default
// MaxShrink of 20%).
const (
	firmHeader = "id,name,schema,aliases,programs\n"
	firmV1     = firmHeader +
		"f-1,NORTHWIND SHIPPING LTD,Organization,,\n" +
		"f-3,BLUE HARBOR LTD,Organization,,\n" +
		"f-4,SEA LARK MARITIME SA,Organization,,\n" +
		"f-5,RED FIELD PETROLEUM PLC,Organization,,\n" +
		"f-6,SILVER COVE HOLDINGS,Organization,,\n"
	firmV2 = firmHeader +
		"f-1,NORTHWIND SHIPPING LTD,Organization,,\n" +
		"f-2,CRIMSON DELTA TRADING FZE,Organization,,\n" +
		"f-3,BLUE HARBOR LTD,Organization,GREY HERON LOGISTICS,\n" +
		"f-5,RED FIELD PETROLEUM PLC,Organization,,\n" +
		"f-6,SILVER COVE HOLDINGS,Organization,,\n"
)

// replica is one tagger process: a Tagger and its Keeper on a shared NATS.
type replica struct {
	tg     *tagger.Tagger
	keeper *tagger.Keeper
	reg    *prometheus.Registry
	stop   func()
}

// startReplica runs a tagger replica screening against specs on srv until
// it is stopped (at the latest at cleanup).
func startReplica(t *testing.T, srv *server.Server, cfg tagger.ListsConfig, specs ...string) *replica {
	t.Helper()
	_, js := natstest.Connect(t, srv)
	if err := platform.EnsureStreams(t.Context(), js); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	log := slog.New(slog.NewTextHandler(testLogOut(t), nil))
	tg, err := tagger.New(js, platform.NewDeadLetters(js, platform.NewMetrics(reg), log), reg, log,
		tagger.Config{Workers: 2, PullWait: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	m, err := refresh.NewMetrics(reg, refresh.MetricsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Refresh.FilePoll == 0 {
		cfg.Refresh.FilePoll = 20 * time.Millisecond
	}
	k, err := tagger.NewKeeper(t.Context(), js, tg, specs, m, log, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, run := range []func(context.Context) error{k.Run, tg.Run} {
		wg.Go(func() {
			if err := run(ctx); err != nil {
				t.Errorf("replica: %v", err)
			}
		})
	}
	var once sync.Once
	r := &replica{tg: tg, keeper: k, reg: reg, stop: func() { once.Do(func() { cancel(); wg.Wait() }) }}
	t.Cleanup(r.stop)
	return r
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	// Written aside and renamed, as an editor or a deployment would: the
	// file is never seen half-written.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func firmList(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "firm.csv")
	writeFile(t, path, content)
	return path
}

// feed publishes articles onto NEWS.
type feed struct {
	js jetstream.JetStream
}

func (f feed) publish(t *testing.T, a events.Article) {
	t.Helper()
	r := &rig{js: f.js}
	r.publishArticle(t, a)
}

// screenedEvents returns every event in SCREENED, by Nats-Msg-Id.
func screenedEvents(t *testing.T, js jetstream.JetStream) map[string]events.Screened {
	t.Helper()
	r := &rig{js: js}
	out := map[string]events.Screened{}
	for _, m := range r.messages(t, events.StreamScreened, events.SubjectScreened) {
		var s events.Screened
		if err := json.Unmarshal(m.Data, &s); err != nil {
			t.Fatal(err)
		}
		id := m.Header.Get(events.HeaderMsgID)
		if _, dup := out[id]; dup {
			t.Errorf("SCREENED holds %s twice", id)
		}
		out[id] = s
	}
	return out
}

func entityIDs(s events.Screened) []string {
	var ids []string
	for _, m := range s.Matches {
		ids = append(ids, m.EntityID)
	}
	slices.Sort(ids)
	return ids
}

// gauge returns the value of the gauge name with the given labels, and
// whether it exists.
func gauge(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			have := map[string]string{}
			for _, lp := range m.GetLabel() {
				have[lp.GetName()] = lp.GetValue()
			}
			if maps.Equal(have, labels) {
				return m.GetGauge().GetValue(), true
			}
		}
	}
	return 0, false
}

func TestListChangeMidStreamLeavesNoArticleUnscreened(t *testing.T) {
	srv := natstest.Start(t)
	_, js := natstest.Connect(t, srv)
	path := firmList(t, firmV1)
	r := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+path)
	v1 := r.tg.Version()

	// Articles keep coming while the list file is rewritten: each names
	// f-1 (in both versions) and f-2 (only in v2).
	const n = 300
	f := feed{js}
	for i := range n {
		f.publish(t, article(fmt.Sprintf("mid-%03d", i), "Charter signed", "Northwind Shipping Ltd and Crimson Delta Trading FZE signed a charter."))
		if i == n/3 {
			writeFile(t, path, firmV2)
		}
		time.Sleep(2 * time.Millisecond)
	}
	waitFor(t, "the new version in use", func() bool { return r.tg.Version() != v1 })
	v2 := r.tg.Version()
	(&rig{js: js}).drained(t)
	waitFor(t, "the retro job to finish", func() bool { return retroDone(t, js, v2) })

	byArticle := map[string][]events.Screened{}
	for _, s := range screenedEvents(t, js) {
		byArticle[s.Article.ID] = append(byArticle[s.Article.ID], s)
	}
	versions := map[string]int{}
	for i := range n {
		id := fmt.Sprintf("mid-%03d", i)
		var live *events.Screened
		foundF2 := false
		for _, s := range byArticle[id] {
			if s.Retro {
				foundF2 = foundF2 || slices.Equal(entityIDs(s), []string{"f-2"})
				continue
			}
			if live != nil {
				t.Errorf("%s: two live screened events", id)
			}
			live = &s
			foundF2 = foundF2 || slices.Contains(entityIDs(s), "f-2")
		}
		if live == nil {
			t.Errorf("%s: no screened event: the article was lost", id)
			continue
		}
		versions[live.WatchlistVersion]++
		want := map[string][]string{v1: {"f-1"}, v2: {"f-1", "f-2"}}[live.WatchlistVersion]
		if got := entityIDs(*live); !slices.Equal(got, want) {
			t.Errorf("%s screened with %s found %v, want %v (screened against a half-built list?)", id, live.WatchlistVersion, got, want)
		}
		if !foundF2 {
			t.Errorf("%s: f-2 found neither live nor by retro-screening", id)
		}
	}
	if versions[v1] == 0 || versions[v2] == 0 || versions[v1]+versions[v2] != n {
		t.Errorf("articles by version: %v, want some with each of %s and %s, %d in all", versions, v1, v2, n)
	}
	if got := value(t, r.reg, "watchwire_articles_screened_total", "result", "match"); got < n {
		t.Errorf("articles screened = %v, want at least %d", got, n)
	}
	t.Logf("articles screened live: %v", versions)
}

// retroDone reports whether the retro job of versionAdded exists and is done.
func retroDone(t *testing.T, js jetstream.JetStream, versionAdded string) bool {
	st, ok := retroState(t, js, versionAdded)
	return ok && st.Done
}

type jobState struct {
	Owner    string `json:"owner"`
	Done     bool   `json:"done"`
	LastSeq  uint64 `json:"last_seq"`
	EndSeq   uint64 `json:"end_seq"`
	Screened int64  `json:"screened"`
}

func retroState(t *testing.T, js jetstream.JetStream, versionAdded string) (jobState, bool) {
	t.Helper()
	kv, err := js.KeyValue(t.Context(), events.BucketRetroJobs)
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(t.Context(), events.RetroJobKey(versionAdded))
	if err != nil {
		return jobState{}, false
	}
	var st jobState
	if err := json.Unmarshal(e.Value(), &st); err != nil {
		t.Fatal(err)
	}
	return st, true
}

func TestFailedRefreshKeepsTheVersionInUse(t *testing.T) {
	tests := []struct {
		name, content, reason string
	}{
		{"garbage", "\x00\x01 this is not a list \x02\n", "parse"},
		{"cut after the header", firmHeader, "empty"},
		{"most entries gone", firmHeader + "f-1,NORTHWIND SHIPPING LTD,Organization,,\n", "shrink"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := natstest.Start(t)
			_, js := natstest.Connect(t, srv)
			path := firmList(t, firmV1)
			r := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+path)
			v1 := r.tg.Version()
			digest := strings.TrimPrefix(v1, "firm@")

			writeFile(t, path, tc.content)
			waitFor(t, "the refresh to fail", func() bool {
				return value(t, r.reg, "watchwire_watchlist_refresh_failures_total", "reason", tc.reason) >= 1
			})
			if got := r.tg.Version(); got != v1 {
				t.Errorf("version in use = %s, want %s kept", got, v1)
			}
			if v, ok := gauge(t, r.reg, "watchwire_watchlist_info", map[string]string{"list": "firm", "version": digest}); !ok || v != 1 {
				t.Errorf("watchwire_watchlist_info{version=%s} = %v, %v; want 1", digest, v, ok)
			}
			if got := value(t, r.reg, "watchwire_watchlist_refresh_total", "result", "failed"); got < 1 {
				t.Errorf("refresh_total{result=failed} = %v, want at least 1", got)
			}
			// Articles are still screened, with the version kept.
			f := feed{js}
			f.publish(t, article("kept-1", "Fine", "Blue Harbor Ltd was fined."))
			(&rig{js: js}).drained(t)
			for _, s := range screenedEvents(t, js) {
				if s.WatchlistVersion != v1 || s.Retro {
					t.Errorf("screened event %+v, want a live one with %s", s, v1)
				}
			}
		})
	}
}

func TestReplicasAgreeOnOneVersionThroughTheBucket(t *testing.T) {
	srv := natstest.Start(t)
	pathA, pathB := firmList(t, firmV1), firmList(t, firmV1)
	a := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+pathA)
	b := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+pathB)
	v1 := a.tg.Version()
	if b.tg.Version() != v1 {
		t.Fatalf("versions at start: %s and %s, want the same", v1, b.tg.Version())
	}
	// Only A's source changes: B follows through the bucket.
	writeFile(t, pathA, firmV2)
	waitFor(t, "A to use the new version", func() bool { return a.tg.Version() != v1 })
	v2 := a.tg.Version()
	waitFor(t, "B to follow A", func() bool { return b.tg.Version() == v2 })

	// A replica that starts with a copy older than the bucket's takes the
	// bucket's version.
	pathC := firmList(t, firmV1)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(pathC, old, old); err != nil {
		t.Fatal(err)
	}
	c := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+pathC)
	if got := c.tg.Version(); got != v2 {
		t.Errorf("a replica started with an older copy uses %s, want the bucket's %s", got, v2)
	}
}

func TestRetroScreeningRaisesEachMatchOnceAcrossARestart(t *testing.T) {
	srv := natstest.Start(t)
	_, js := natstest.Connect(t, srv)
	path := firmList(t, firmV1)
	slow := tagger.ListsConfig{RetroBatch: 4, RetroPause: 40 * time.Millisecond}
	first := startReplica(t, srv, slow, "csv:"+path)

	// The retained feed: articles naming the entry v2 adds (f-2), the new
	// alias of f-3, f-3 by its old name, the entry v2 removes (f-4), and
	// no one.
	var want []string
	f := feed{js}
	for i := range 200 {
		id := fmt.Sprintf("kept-%03d", i)
		switch i % 5 {
		case 0:
			f.publish(t, article(id, "Deal", "Crimson Delta Trading FZE opened an office."))
			want = append(want, id+"/f-2")
		case 1:
			f.publish(t, article(id, "Cargo", "Grey Heron Logistics moved cargo."))
			want = append(want, id+"/f-3")
		case 2:
			f.publish(t, article(id, "Cargo", "Blue Harbor Ltd moved cargo."))
		case 3:
			f.publish(t, article(id, "Tanker", "Sea Lark Maritime SA chartered a tanker."))
		default:
			f.publish(t, article(id, "Weather", "Rain is expected over the harbour."))
		}
	}
	(&rig{js: js}).drained(t)

	v1 := first.tg.Version()
	writeFile(t, path, firmV2)
	waitFor(t, "the new version in use", func() bool { return first.tg.Version() != v1 })
	versionAdded := first.tg.Version() // one list: the engine's version is the list's
	waitFor(t, "the first retro events", func() bool { return !retroEvents(t, js).empty() })
	// Stop half-way: the job is checkpointed and handed back.
	first.stop()
	st, ok := retroState(t, js, versionAdded)
	if !ok || st.Done || st.Owner != "" || st.LastSeq == 0 {
		t.Fatalf("job after a stop half-way: %+v (exists %v), want not done, handed back, with a checkpoint", st, ok)
	}
	t.Logf("stopped after NEWS sequence %d of %d", st.LastSeq, st.EndSeq)

	second := startReplica(t, srv, slow, "csv:"+path)
	waitFor(t, "the second replica to finish the job", func() bool { return retroDone(t, js, versionAdded) })
	if got := second.tg.Version(); got != first.tg.Version() {
		t.Errorf("second replica uses %s, want %s", got, first.tg.Version())
	}

	got := retroEvents(t, js)
	slices.Sort(want)
	if !slices.Equal(got.pairs, want) {
		t.Errorf("retro matches (article/entity):\n%v\nwant\n%v", got.pairs, want)
	}
	wantIDs := map[string]bool{}
	for _, p := range want {
		article, entity, _ := strings.Cut(p, "/")
		wantIDs[events.RetroAlertID(article, entity, versionAdded)] = true
	}
	if !maps.Equal(got.alertIDs, wantIDs) {
		t.Errorf("retro alert ids: %d, want the %d ids RetroAlertID gives", len(got.alertIDs), len(wantIDs))
	}
	if got := value(t, second.reg, "watchwire_retro_articles_total", "result", "match"); got == 0 || got == float64(len(want)) {
		t.Errorf("second replica's retro matches = %v, want some but not all %d (the first did the rest)", got, len(want))
	}
	if v, _ := gauge(t, second.reg, "watchwire_retro_progress_ratio", map[string]string{}); v != 1 {
		t.Errorf("retro progress = %v, want 1 once done", v)
	}
}

// retroFound is what retro screened events SCREENED holds.
type retroFound struct {
	pairs    []string        // article/entity, sorted
	alertIDs map[string]bool // the ids of the alerts they make
}

func (r retroFound) empty() bool { return len(r.pairs) == 0 }

func retroEvents(t *testing.T, js jetstream.JetStream) retroFound {
	t.Helper()
	found := retroFound{alertIDs: map[string]bool{}}
	for id, s := range screenedEvents(t, js) {
		if !s.Retro {
			continue
		}
		if id != events.RetroScreenedMsgID(s.Article.ID, s.VersionAdded) {
			t.Errorf("retro event of %s has Nats-Msg-Id %s", s.Article.ID, id)
		}
		for _, m := range s.Matches {
			found.pairs = append(found.pairs, s.Article.ID+"/"+m.EntityID)
			a := events.NewAlert(&s, m, "high", "test", time.Now())
			if !a.Retro || a.VersionAdded != s.VersionAdded {
				t.Errorf("alert of a retro event: %+v", a)
			}
			found.alertIDs[a.AlertID] = true
		}
	}
	slices.Sort(found.pairs)
	return found
}

func TestAReplicaOnAURLSharesItsVersion(t *testing.T) {
	srv := natstest.Start(t)
	var mu sync.Mutex
	served := firmV1
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Write([]byte(served))
	}))
	t.Cleanup(web.Close)
	a := startReplica(t, srv, tagger.ListsConfig{Refresh: refresh.Options{URLPoll: 50 * time.Millisecond}}, "csv:"+web.URL+"/firm.csv")
	// B reads an old local copy: it takes the bucket's version.
	pathB := firmList(t, firmV1)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(pathB, old, old); err != nil {
		t.Fatal(err)
	}
	b := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+pathB)
	v1 := a.tg.Version()
	if b.tg.Version() != v1 {
		t.Fatalf("versions at start: %s and %s, want the same", v1, b.tg.Version())
	}
	mu.Lock()
	served = firmV2
	mu.Unlock()
	waitFor(t, "A to use the served version", func() bool { return a.tg.Version() != v1 })
	waitFor(t, "B to follow A", func() bool { return b.tg.Version() == a.tg.Version() })
}

// TestAReplicaSharesWhatItDownloaded: the replica that loads a list from
// a URL shares the files it downloaded; it does not fetch them again to
// put them in the bucket.
func TestAReplicaSharesWhatItDownloaded(t *testing.T) {
	srv := natstest.Start(t)
	var gets atomic.Int32
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets.Add(1)
		w.Write([]byte(firmV2))
	}))
	t.Cleanup(web.Close)
	a := startReplica(t, srv, tagger.ListsConfig{Refresh: refresh.Options{URLPoll: time.Hour}}, "csv:"+web.URL+"/firm.csv")
	pathB := firmList(t, firmV1)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(pathB, old, old); err != nil {
		t.Fatal(err)
	}
	b := startReplica(t, srv, tagger.ListsConfig{}, "csv:"+pathB)
	if b.tg.Version() != a.tg.Version() {
		t.Fatalf("B screens with %s, A with %s: want B to take A's version from the bucket", b.tg.Version(), a.tg.Version())
	}
	if n := gets.Load(); n != 1 {
		t.Errorf("the list was downloaded %d times, want once: the bucket gets the files A loaded", n)
	}
}

func TestReplicasAgreeOnAnOFACVersion(t *testing.T) {
	bundled := filepath.Join("..", "..", "data", "ofac")
	if _, err := os.Stat(filepath.Join(bundled, "sdn.csv.gz")); err != nil {
		t.Skipf("bundled OFAC list not here: %v", err)
	}
	srv := natstest.Start(t)
	dirA, dirB := copyDir(t, bundled), copyDir(t, bundled)
	a := startReplica(t, srv, tagger.ListsConfig{}, "ofac:"+dirA)
	b := startReplica(t, srv, tagger.ListsConfig{}, "ofac:"+dirB)
	v1 := a.tg.Version()
	// A's add.csv loses its last line, written plain beside the gzipped
	// sdn.csv and alt.csv: B gets all three through the bucket.
	add := gunzip(t, filepath.Join(dirA, "add.csv.gz"))
	cut := add[:strings.LastIndex(strings.TrimRight(add, "\r\n\x1a"), "\n")+1]
	writeFile(t, filepath.Join(dirA, "add.csv"), cut)
	if err := os.Remove(filepath.Join(dirA, "add.csv.gz")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "A to use the new version", func() bool { return a.tg.Version() != v1 })
	waitFor(t, "B to follow A", func() bool { return b.tg.Version() == a.tg.Version() })
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
