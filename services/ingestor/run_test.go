package ingestor

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitFor polls cond every 10ms for up to 5s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestRun runs the standalone service as its main does: it polls its feed,
// takes articles over HTTP, reports ready and its metrics, and stops cleanly.
func TestRun(t *testing.T) {
	srv := natstest.Start(t)
	feed := &feedServer{contentType: "application/rss+xml"}
	feed.set(readFile(t, "testdata/rss.xml"), `"v1"`, 0)
	feedSrv := httptest.NewServer(feed)
	defer feedSrv.Close()

	cfg := DefaultConfig()
	cfg.Listen = freeAddr(t)
	cfg.NATS = platform.NATSConfig{URL: srv.ClientURL()}
	cfg.Feeds = []Feed{{Name: "example", URL: feedSrv.URL, Interval: time.Hour}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg, discardLog()) }()

	base := "http://" + cfg.Listen
	waitFor(t, "/readyz", func() bool { code, _ := get(base + "/readyz"); return code == 200 })
	resp, err := http.Post(base+"/v1/articles", MediaJSON, strings.NewReader(articleJSON("run-1", "Pushed")))
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST: %v %v", resp, err)
	}
	resp.Body.Close()
	for _, series := range []string{
		`watchwire_articles_ingested_total{source="wire"} 1`,
		`watchwire_articles_ingested_total{source="example"} 2`,
		`watchwire_feed_polls_total{feed="example",result="ok"} 1`,
	} {
		waitFor(t, series, func() bool { _, body := get(base + "/metrics"); return strings.Contains(body, series) })
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v after its context ended", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}
