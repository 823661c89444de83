package platform_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestEnsureStreamsIsIdempotentAndDeduplicates(t *testing.T) {
	ctx := context.Background()
	_, js := natstest.Connect(t, natstest.Start(t))
	for range 2 {
		if err := platform.EnsureStreams(ctx, js); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{events.StreamNews, events.StreamScreened, events.StreamDeadLetters} {
		s, err := js.Stream(ctx, name)
		if err != nil {
			t.Fatalf("stream %s: %v", name, err)
		}
		cfg := s.CachedInfo().Config
		if cfg.Storage != jetstream.FileStorage || cfg.MaxAge != 30*24*time.Hour || cfg.Duplicates != 2*time.Minute {
			t.Errorf("stream %s: storage %v, max age %v, duplicates %v", name, cfg.Storage, cfg.MaxAge, cfg.Duplicates)
		}
	}
	for i, wantDup := range []bool{false, true} {
		ack, err := js.Publish(ctx, events.ArticleSubject("wire"), []byte("{}"), jetstream.WithMsgID("a1"))
		if err != nil {
			t.Fatal(err)
		}
		if ack.Stream != events.StreamNews || ack.Duplicate != wantDup {
			t.Errorf("publish %d: ack %+v, want stream NEWS, duplicate %v", i, ack, wantDup)
		}
	}
	custom := platform.Streams{MaxAge: time.Hour, DuplicateWindow: time.Minute}
	if err := custom.Ensure(ctx, js); err != nil {
		t.Fatalf("update streams: %v", err)
	}
	// CreateMissing leaves existing streams alone.
	if err := platform.DefaultStreams().CreateMissing(ctx, js); err != nil {
		t.Fatal(err)
	}
	if s, _ := js.Stream(ctx, events.StreamNews); s.CachedInfo().Config.MaxAge != time.Hour {
		t.Errorf("CreateMissing changed NEWS's max age to %v", s.CachedInfo().Config.MaxAge)
	}
	bad := platform.Streams{MaxAge: time.Minute, DuplicateWindow: time.Hour}
	if err := bad.Ensure(ctx, js); err == nil {
		t.Error("Ensure accepted a duplicate window longer than max age")
	}
}

func TestCreateMissing(t *testing.T) {
	ctx := context.Background()
	_, js := natstest.Connect(t, natstest.Start(t))
	for range 2 {
		if err := platform.DefaultStreams().CreateMissing(ctx, js); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := js.Stream(ctx, events.StreamDeadLetters); err != nil {
		t.Errorf("stream DLQ: %v", err)
	}
}

func TestDeadLetter(t *testing.T) {
	ctx := context.Background()
	_, js := natstest.Connect(t, natstest.Start(t))
	if err := platform.EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	m := platform.NewMetrics(reg)
	dl := platform.NewDeadLetters(js, m, discard())

	orig := nats.NewMsg(events.ArticleSubject("wire"))
	orig.Data = []byte("not json")
	orig.Header.Set(events.HeaderMsgID, "a1")
	orig.Header.Set("Watchwire-Article-Id", "a1")
	if _, err := js.PublishMsg(ctx, orig); err != nil {
		t.Fatal(err)
	}
	got := fetchOne(t, js, events.StreamNews)
	cause := errors.New("decode article:\ninvalid character 'o'")
	for range 2 { // a redelivered original is dead-lettered once
		if err := dl.DeadLetter(ctx, events.StageTagger, events.ReasonDecode, got, cause); err != nil {
			t.Fatal(err)
		}
	}
	dead := fetchOne(t, js, events.StreamDeadLetters)
	want := map[string]string{
		events.HeaderDeadLetterStage:   "tagger",
		events.HeaderDeadLetterReason:  "decode",
		events.HeaderDeadLetterSubject: "news.articles.wire",
		events.HeaderDeadLetterError:   "decode article: invalid character 'o'",
		"Watchwire-Article-Id":         "a1",
	}
	for k, v := range want {
		if g := dead.Headers().Get(k); g != v {
			t.Errorf("header %s = %q, want %q", k, g, v)
		}
	}
	if dead.Subject() != "news.dlq.tagger" || string(dead.Data()) != "not json" {
		t.Errorf("dead letter on %s with %q", dead.Subject(), dead.Data())
	}
	info, _ := js.Stream(ctx, events.StreamDeadLetters)
	if n := info.CachedInfo().State.Msgs; n != 1 {
		t.Errorf("DLQ holds %d messages, want 1", n)
	}
	if n := testutil.ToFloat64(m.DeadLetters.WithLabelValues("tagger", "decode")); n != 1 {
		t.Errorf("dead letters counted %v, want 1 (one per dead letter, not per delivery)", n)
	}
}

func fetchOne(t *testing.T, js jetstream.JetStream, stream string) jetstream.Msg {
	t.Helper()
	ctx := context.Background()
	c, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := c.Next(jetstream.FetchMaxWait(2 * time.Second))
	if err != nil {
		t.Fatalf("next message on %s: %v", stream, err)
	}
	return msg
}

func TestOpsMux(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := platform.NewMetrics(reg)
	m.DeadLetters.WithLabelValues("tagger", "decode").Inc()
	h := platform.NewHealth()
	srv := httptest.NewServer(platform.NewOpsMux(reg, h))
	defer srv.Close()

	h.Register("nats", func(context.Context) error { return nil })
	assertGet(t, srv.URL+"/readyz", 200, `"nats":"ok"`)
	h.Register("watchlist", func(context.Context) error { return errors.New("not loaded") })
	assertGet(t, srv.URL+"/readyz", 503, `"watchlist":"not loaded"`)
	assertGet(t, srv.URL+"/healthz", 200, `"ok"`)
	assertGet(t, srv.URL+"/metrics", 200, `watchwire_dead_letters_total{reason="decode",stage="tagger"} 1`)
	if got := h.Failing(context.Background()); len(got) != 1 || got[0] != "watchlist" {
		t.Errorf("Failing = %v", got)
	}
}

func assertGet(t *testing.T, url string, code int, body string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != code || !strings.Contains(string(b), body) {
		t.Errorf("GET %s = %d %s, want %d with %s", url, resp.StatusCode, b, code, body)
	}
}

func TestApplyEnv(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantURL string
		wantErr bool
		wantDur time.Duration
	}{
		{"default", nil, nil, nats.DefaultURL, false, time.Second},
		{"env", nil, map[string]string{"WATCHWIRE_NATS_URL": "nats://env:4222", "WATCHWIRE_POLL_EVERY": "5s"}, "nats://env:4222", false, 5 * time.Second},
		{"flag wins", []string{"--nats-url", "nats://flag:4222"}, map[string]string{"WATCHWIRE_NATS_URL": "nats://env:4222"}, "nats://flag:4222", false, time.Second},
		{"bad env", nil, map[string]string{"WATCHWIRE_POLL_EVERY": "soon"}, nats.DefaultURL, true, time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			var nc platform.NATSConfig
			nc.RegisterFlags(fs)
			every := fs.Duration("poll-every", time.Second, "")
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := platform.ApplyEnv(fs, func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if (err != nil) != tc.wantErr {
				t.Fatalf("ApplyEnv error = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "WATCHWIRE_POLL_EVERY") {
					t.Errorf("error %q does not name the variable", err)
				}
				return
			}
			if nc.URL != tc.wantURL || *every != tc.wantDur {
				t.Errorf("url %s, poll-every %v; want %s, %v", nc.URL, *every, tc.wantURL, tc.wantDur)
			}
		})
	}
}

func TestConnect(t *testing.T) {
	s := natstest.Start(t)
	nc, err := platform.Connect(context.Background(), platform.NATSConfig{URL: s.ClientURL(), Name: "test"}, discard())
	if err != nil {
		t.Fatal(err)
	}
	if err := platform.NATSCheck(nc)(context.Background()); err != nil {
		t.Errorf("check on a live connection: %v", err)
	}
	if err := platform.Drain(nc, time.Second); err != nil || !nc.IsClosed() {
		t.Errorf("Drain = %v, closed %v", err, nc.IsClosed())
	}
	if err := platform.NATSCheck(nc)(context.Background()); err == nil {
		t.Error("check on a closed connection passed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := platform.Connect(ctx, platform.NATSConfig{URL: "nats://127.0.0.1:1"}, discard()); err == nil {
		t.Error("Connect to a closed port returned no error once its context ended")
	}
}

func TestNewLogger(t *testing.T) {
	var b strings.Builder
	log, err := platform.NewLogger(&b, "warn", "tagger")
	if err != nil {
		t.Fatal(err)
	}
	log.Info("hidden")
	log.Warn("shown", "n", 1)
	var rec map[string]any
	if err := json.Unmarshal([]byte(b.String()), &rec); err != nil {
		t.Fatalf("not one JSON record: %q", b.String())
	}
	if rec["msg"] != "shown" || rec["service"] != "tagger" {
		t.Errorf("record %v", rec)
	}
	if _, err := platform.NewLogger(&b, "loud", "x"); err == nil {
		t.Error("NewLogger accepted level \"loud\"")
	}
}
