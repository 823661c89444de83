package ingestor

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/platform"
)

// feedServer serves one document with an ETag and answers 304 to a
// matching If-None-Match; status, when set, replaces the answer.
type feedServer struct {
	mu          sync.Mutex
	doc, etag   string
	contentType string
	status      int
	notModified int
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.status != 0:
		w.WriteHeader(f.status)
	case r.Header.Get("If-None-Match") == f.etag:
		f.notModified++
		w.WriteHeader(http.StatusNotModified)
	default:
		w.Header().Set("ETag", f.etag)
		w.Header().Set("Content-Type", f.contentType)
		w.Write([]byte(f.doc))
	}
}

func (f *feedServer) set(doc, etag string, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.doc, f.etag, f.status = doc, etag, status
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPollFeed(t *testing.T) {
	for _, tc := range []struct{ file, contentType string }{
		{"testdata/rss.xml", "application/rss+xml"},
		{"testdata/atom.xml", "application/atom+xml"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			fs := &feedServer{contentType: tc.contentType}
			srv := httptest.NewServer(fs)
			defer srv.Close()
			e := newEnv(t, platform.DefaultStreams(), func(c *Config) {
				c.Feeds = []Feed{{Name: "example", URL: srv.URL, Interval: time.Minute}}
			})
			p := e.in.pollers[0]
			ctx := context.Background()

			doc := readFile(t, tc.file)
			steps := []struct {
				name            string
				doc, etag       string
				status          int
				wantErr         bool
				result          string
				accepted, dupes float64
			}{
				{"first poll publishes every item", doc, `"v1"`, 0, false, PollOK, 2, 0},
				{"unchanged feed: 304, nothing published", doc, `"v1"`, 0, false, PollNotModified, 2, 0},
				{"server error", doc, `"v1"`, 500, true, PollFetchError, 2, 0},
				{"broken document", "<rss><channel><item>", `"v2"`, 0, true, PollParseError, 2, 0},
				// A new ETag on the same items: each is seen again, a duplicate.
				{"items seen again", doc, `"v3"`, 0, false, PollOK, 2, 2},
			}
			for _, s := range steps {
				fs.set(s.doc, s.etag, s.status)
				err := p.poll(ctx)
				if (err != nil) != s.wantErr {
					t.Fatalf("%s: poll error %v, want error %v", s.name, err, s.wantErr)
				}
				if n := len(e.articles()); n != 2 {
					t.Errorf("%s: NEWS holds %d articles, want 2", s.name, n)
				}
				if n := e.counter("watchwire_feed_polls_total", "example", s.result); n < 1 {
					t.Errorf("%s: no poll counted with result %s", s.name, s.result)
				}
				if a, d := e.counter("watchwire_articles_ingested_total", "example"), e.counter("watchwire_articles_duplicate_total", "example"); a != s.accepted || d != s.dupes {
					t.Errorf("%s: ingested %v duplicates %v, want %v %v", s.name, a, d, s.accepted, s.dupes)
				}
			}
			if fs.notModified != 1 {
				t.Errorf("server answered 304 %d times, want 1", fs.notModified)
			}
			if e.counter("watchwire_feed_last_success_timestamp_seconds", "example") != float64(testClock().Unix()) {
				t.Error("last success timestamp not set")
			}
		})
	}
}

// TestRunFeedsBacksOffAndStops runs a poller on a failing feed: it retries
// after a backoff far shorter than its interval, then stops with its context.
func TestRunFeedsBacksOffAndStops(t *testing.T) {
	fs := &feedServer{}
	fs.set("", "", http.StatusServiceUnavailable)
	srv := httptest.NewServer(fs)
	defer srv.Close()
	e := newEnv(t, platform.DefaultStreams(), func(c *Config) {
		c.Feeds = []Feed{{Name: "flaky", URL: srv.URL, Interval: time.Hour}}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.in.RunFeeds(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for e.counter("watchwire_feed_polls_total", "flaky", PollFetchError) < 3 {
		if time.Now().After(deadline) {
			t.Fatal("fewer than 3 polls of a failing feed within 5s: no backoff retries")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("RunFeeds did not return after its context ended")
	}
}

func TestFeedConfig(t *testing.T) {
	tests := []struct {
		flag    string
		want    Feed
		wantErr string
	}{
		{"bbc=https://example.com/rss.xml", Feed{"bbc", "https://example.com/rss.xml", DefaultFeedInterval}, ""},
		{"bbc=https://example.com/rss?a=1,2,30s", Feed{"bbc", "https://example.com/rss?a=1,2", 30 * time.Second}, ""},
		{"no url", Feed{}, "want name=url"},
		{"b c=https://x/", Feed{}, "name must be"},
		{"bbc=ftp://x/", Feed{}, "not an http(s) URL"},
		{"bbc=https://x/,10ms", Feed{}, "shorter than 1s"},
	}
	for _, tc := range tests {
		got, err := ParseFeed(tc.flag)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseFeed(%q) error %v, want %q", tc.flag, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseFeed(%q) = %+v, %v; want %+v", tc.flag, got, err, tc.want)
		}
	}
	dir := t.TempDir()
	good := dir + "/feeds.json"
	os.WriteFile(good, []byte(`{"feeds": [{"name": "a", "url": "https://x/a"}, {"name": "b", "url": "https://x/b", "interval": "1m"}]}`), 0o644)
	feeds, err := LoadFeeds(good)
	if err != nil || len(feeds) != 2 || feeds[0].Interval != DefaultFeedInterval || feeds[1].Interval != time.Minute {
		t.Errorf("LoadFeeds = %+v, %v", feeds, err)
	}
	bad := dir + "/bad.json"
	os.WriteFile(bad, []byte(`{"feeds": [{"name": "a", "url": "https://x/a", "interval": "often"}]}`), 0o644)
	if _, err := LoadFeeds(bad); err == nil || !strings.Contains(err.Error(), "feed 1 (a): interval") {
		t.Errorf("LoadFeeds(bad) error = %v", err)
	}
	cfg := DefaultConfig()
	cfg.Feeds = []Feed{feeds[0], feeds[0]}
	if err := cfg.Validate(); err == nil || !errors.Is(err, err) || !strings.Contains(err.Error(), "named twice") {
		t.Errorf("Validate with a feed named twice = %v", err)
	}
}

// TestPollLastModified covers a feed that sends Last-Modified and no ETag.
func TestPollLastModified(t *testing.T) {
	const stamp = "Tue, 16 Jul 2024 10:00:00 GMT"
	doc := readFile(t, "testdata/atom.xml")
	notModified := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == stamp {
			notModified++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", stamp)
		w.Write([]byte(doc))
	}))
	defer srv.Close()
	e := newEnv(t, platform.DefaultStreams(), func(c *Config) {
		c.Feeds = []Feed{{Name: "dated", URL: srv.URL, Interval: time.Minute}}
	})
	for range 2 {
		if err := e.in.pollers[0].poll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if notModified != 1 || len(e.articles()) != 2 {
		t.Errorf("304 answers %d, articles %d; want 1, 2", notModified, len(e.articles()))
	}
}

// TestPollSkipsBadItems: one item with no text must not hold back the rest.
func TestPollSkipsBadItems(t *testing.T) {
	doc := `<rss version="2.0"><channel>
<item><guid>empty</guid><title> </title></item>
<item><guid>fine</guid><title>A fine item</title></item>
</channel></rss>`
	fs := &feedServer{contentType: "application/rss+xml"}
	fs.set(doc, `"v1"`, 0)
	srv := httptest.NewServer(fs)
	defer srv.Close()
	e := newEnv(t, platform.DefaultStreams(), func(c *Config) {
		c.Feeds = []Feed{{Name: "mixed", URL: srv.URL, Interval: time.Minute}}
	})
	if err := e.in.pollers[0].poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(e.articles()); n != 1 {
		t.Errorf("NEWS holds %d articles, want 1", n)
	}
}
