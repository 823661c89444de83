package ingestor

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

// env is an ingestor on an embedded NATS server, with its API on an
// httptest server.
type env struct {
	t   *testing.T
	js  jetstream.JetStream
	reg *prometheus.Registry
	in  *Ingestor
	api *httptest.Server
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func testClock() time.Time { return time.Date(2024, 7, 16, 12, 0, 0, 0, time.UTC) }

// newEnv starts NATS, ensures the streams and starts an ingestor with cfg
// changed by edit.
func newEnv(t *testing.T, streams platform.Streams, edit func(*Config)) *env {
	t.Helper()
	_, js := natstest.Connect(t, natstest.Start(t))
	if err := streams.Ensure(context.Background(), js); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, js: js}
	e.restart(edit)
	return e
}

// restart replaces the ingestor with a new one on the same NATS server,
// as after a process restart.
func (e *env) restart(edit func(*Config)) {
	cfg := DefaultConfig()
	cfg.Now = testClock
	cfg.Backoff = Backoff{Base: time.Millisecond, Max: 10 * time.Millisecond}
	if edit != nil {
		edit(&cfg)
	}
	e.reg = prometheus.NewRegistry()
	in, err := New(context.Background(), e.js, e.reg, discardLog(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.in = in
	mux := http.NewServeMux()
	in.Register(mux)
	if e.api != nil {
		e.api.Close()
	}
	e.api = httptest.NewServer(mux)
	e.t.Cleanup(e.api.Close)
}

// post sends body to POST /v1/articles and decodes the JSON answer.
func (e *env) post(contentType, body string) (int, map[string]any) {
	e.t.Helper()
	resp, err := http.Post(e.api.URL+"/v1/articles", contentType, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		e.t.Fatalf("answer %d is not JSON: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

// articles returns every article on NEWS, in stream order.
func (e *env) articles() []jetstream.Msg {
	e.t.Helper()
	ctx := context.Background()
	s, err := e.js.Stream(ctx, events.StreamNews)
	if err != nil {
		e.t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	n := int(info.State.Msgs)
	if n == 0 {
		return nil
	}
	c, err := s.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	if err != nil {
		e.t.Fatal(err)
	}
	batch, err := c.Fetch(n, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		e.t.Fatal(err)
	}
	var out []jetstream.Msg
	for m := range batch.Messages() {
		out = append(out, m)
	}
	if len(out) != n {
		e.t.Fatalf("fetched %d of %d articles", len(out), n)
	}
	return out
}

// counter reads one series of a counter or gauge vector from the registry.
func (e *env) counter(name string, labels ...string) float64 {
	e.t.Helper()
	mfs, err := e.reg.Gather()
	if err != nil {
		e.t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			for i, lp := range m.GetLabel() {
				if i >= len(labels) || lp.GetValue() != labels[i] {
					continue metrics
				}
			}
			if c := m.GetCounter(); c != nil {
				return c.GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return 0
}

func newBenchServer(tb testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv.URL
}
