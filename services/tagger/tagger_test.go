package tagger_test

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
	"github.com/watchwire/watchwire/services/tagger"
)

// fakeScreener is a fake engine: it reports the entity "t-1" for every
// document whose title or body contains "Blue Harbor".
type fakeScreener struct{ version string }

func (f fakeScreener) Version() string { return f.version }

func (f fakeScreener) Screen(doc engine.Document, _ float64) []engine.Match {
	var m *engine.Match
	for _, fl := range doc.Fields {
		if i := strings.Index(fl.Text, "Blue Harbor"); i >= 0 {
			if m == nil {
				m = &engine.Match{EntityID: "t-1", List: "test", Schema: watchlist.Organization, Name: "BLUE HARBOR LTD", Score: 0.95, Kind: "fake"}
			}
			m.Mentions = append(m.Mentions, engine.Mention{Field: fl.Name, Start: i, End: i + 11, Text: "Blue Harbor"})
		}
	}
	if m == nil {
		return nil
	}
	return []engine.Match{*m}
}

// panicScreener panics on every document.
type panicScreener struct{}

func (panicScreener) Version() string                                { return "panic" }
func (panicScreener) Screen(engine.Document, float64) []engine.Match { panic("boom") }

type rig struct {
	js  jetstream.JetStream
	reg *prometheus.Registry
	tg  *tagger.Tagger
}

// start runs a tagger with screener s on a fresh embedded NATS server, and
// stops it at cleanup.
func start(t *testing.T, s tagger.Screener) *rig {
	t.Helper()
	srv := natstest.Start(t)
	_, js := natstest.Connect(t, srv)
	ctx := t.Context()
	if err := platform.EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	log := slog.New(slog.NewTextHandler(testLogOut(t), nil))
	dlq := platform.NewDeadLetters(js, platform.NewMetrics(reg), log)
	consumers := platform.NewConsumerCollector(js, []platform.ConsumerRef{{Stream: events.StreamNews, Consumer: events.ConsumerTagger}})
	reg.MustRegister(consumers)
	tg, err := tagger.New(js, dlq, reg, log, tagger.Config{RetryDelay: 20 * time.Millisecond, MaxRetryDelay: 50 * time.Millisecond, PullWait: 100 * time.Millisecond, Observer: consumers})
	if err != nil {
		t.Fatal(err)
	}
	tg.Use(s, &watchlist.List{Name: "test", Entities: []watchlist.Entity{{ID: "t-1"}}})
	natstest.Serve(t, "tagger", tg.Run)
	return &rig{js: js, reg: reg, tg: tg}
}

func article(id, title, body string) events.Article {
	return events.Article{
		SchemaVersion: events.SchemaVersion, ID: id, Source: "test", Title: title, Body: body,
		IngestedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func (r *rig) publish(t *testing.T, msgID string, payload []byte) {
	t.Helper()
	natstest.Publish(t, r.js, events.ArticleSubject("test"), msgID, payload)
}

func (r *rig) publishArticle(t *testing.T, a events.Article) {
	t.Helper()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	r.publish(t, a.ID, data)
}

// drained waits until the tagger has received every article on NEWS and
// acked or terminated each one.
func (r *rig) drained(t *testing.T) {
	t.Helper()
	natstest.WaitDrained(t, r.js, events.StreamNews, events.ConsumerTagger)
}

func (r *rig) consumerInfo(t *testing.T) (*jetstream.ConsumerInfo, error) {
	c, err := r.js.Consumer(t.Context(), events.StreamNews, events.ConsumerTagger)
	if err != nil {
		return nil, err
	}
	return c.Info(t.Context())
}

// messages returns every message stored on subject in stream.
func (r *rig) messages(t *testing.T, stream, subject string) []*jetstream.RawStreamMsg {
	t.Helper()
	s, err := r.js.Stream(t.Context(), stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []*jetstream.RawStreamMsg
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := s.GetMsg(t.Context(), seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if m.Subject == subject {
			out = append(out, m)
		}
	}
	return out
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	natstest.WaitFor(t, what, cond)
}

func TestTaggerPublishesOnlyArticlesThatNameSomeone(t *testing.T) {
	r := start(t, fakeScreener{version: "v1"})
	hit := article("a-hit", "Ships of Blue Harbor seized", "Officials said Blue Harbor moved oil.")
	r.publishArticle(t, hit)
	r.publishArticle(t, article("a-clean", "Harbour news", "Nothing to see."))
	r.drained(t)

	got := r.messages(t, events.StreamScreened, events.SubjectScreened)
	if len(got) != 1 {
		t.Fatalf("SCREENED holds %d events, want 1", len(got))
	}
	if id, want := got[0].Header.Get(events.HeaderMsgID), events.ScreenedMsgID(hit.ID, "v1"); id != want {
		t.Errorf("Nats-Msg-Id = %q, want %q", id, want)
	}
	var s events.Screened
	if err := json.Unmarshal(got[0].Data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Article.ID != hit.ID || s.WatchlistVersion != "v1" || len(s.Matches) != 1 || len(s.Matches[0].Mentions) != 2 {
		t.Errorf("screened event = %+v, want article %s, version v1, one match with two mentions", s, hit.ID)
	}
	for result, want := range map[string]float64{"match": 1, "clean": 1} {
		if got := value(t, r.reg, "watchwire_articles_screened_total", "result", result); got != want {
			t.Errorf("screened_total{result=%q} = %v, want %v", result, got, want)
		}
	}
}

func TestTaggerScreensARedeliveredArticleIntoOneEvent(t *testing.T) {
	r := start(t, fakeScreener{version: "v1"})
	hit := article("a-again", "Blue Harbor", "")
	data, _ := json.Marshal(hit)
	// Two copies with different message ids, as after a repeat outside
	// the ingestor's window: both are screened, one event is stored.
	r.publish(t, "copy-1", data)
	r.publish(t, "copy-2", data)
	r.drained(t)
	if got := len(r.messages(t, events.StreamScreened, events.SubjectScreened)); got != 1 {
		t.Errorf("SCREENED holds %d events, want 1", got)
	}
}

func TestTaggerDeadLettersWhatItCannotScreen(t *testing.T) {
	tests := []struct {
		name     string
		screener tagger.Screener
		payload  string
		reason   string
	}{
		{"malformed JSON", fakeScreener{}, `{"id": "x", "title": `, events.ReasonDecode},
		{"not an object", fakeScreener{}, `[1, 2]`, events.ReasonDecode},
		{"trailing garbage", fakeScreener{}, mustJSON(article("a-trail", "Blue Harbor", "")) + " and more", events.ReasonDecode},
		{"breaks the contract", fakeScreener{}, `{"schema_version": 1, "id": "bad id!", "source": "test", "title": "t"}`, events.ReasonSchema},
		{"screener panics", panicScreener{}, mustJSON(article("a-panic", "Blue Harbor", "")), "panic"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := start(t, tc.screener)
			r.publish(t, "m-1", []byte(tc.payload))
			r.drained(t)
			dl := r.messages(t, events.StreamDeadLetters, events.DeadLetterSubject(events.StageTagger))
			if len(dl) != 1 {
				t.Fatalf("news.dlq.tagger holds %d messages, want 1", len(dl))
			}
			if got := dl[0].Header.Get(events.HeaderDeadLetterReason); got != tc.reason {
				t.Errorf("reason = %q, want %q (error: %s)", got, tc.reason, dl[0].Header.Get(events.HeaderDeadLetterError))
			}
			if string(dl[0].Data) != tc.payload {
				t.Errorf("dead letter payload = %q, want the original %q", dl[0].Data, tc.payload)
			}
			if got := value(t, r.reg, "watchwire_dead_letters_total", "reason", tc.reason); got != 1 {
				t.Errorf("dead_letters_total{reason=%q} = %v, want 1", tc.reason, got)
			}
			// Terminated, not redelivered: still exactly one dead letter later.
			time.Sleep(100 * time.Millisecond)
			if got := len(r.messages(t, events.StreamDeadLetters, events.DeadLetterSubject(events.StageTagger))); got != 1 {
				t.Errorf("after a pause news.dlq.tagger holds %d messages, want 1", got)
			}
		})
	}
}

func TestTaggerRetriesUntilSCREENEDTakesTheEvent(t *testing.T) {
	r := start(t, fakeScreener{version: "v1"})
	ctx := t.Context()
	if err := r.js.DeleteStream(ctx, events.StreamScreened); err != nil {
		t.Fatal(err)
	}
	r.publishArticle(t, article("a-retry", "Blue Harbor", ""))
	waitFor(t, "a failed delivery", func() bool {
		info, err := r.consumerInfo(t)
		return err == nil && info.Delivered.Consumer > 1
	})
	if err := platform.EnsureStreams(ctx, r.js); err != nil {
		t.Fatal(err)
	}
	r.drained(t)
	if got := len(r.messages(t, events.StreamScreened, events.SubjectScreened)); got != 1 {
		t.Errorf("SCREENED holds %d events, want 1", got)
	}
	if got := value(t, r.reg, "watchwire_consumer_redelivered_total", "stream", events.StreamNews); got < 1 {
		t.Errorf("consumer_redelivered_total{stream=NEWS} = %v, want at least 1", got)
	}
}

func TestReadyNeedsAWatchlist(t *testing.T) {
	tg, err := tagger.New(nil, nil, prometheus.NewRegistry(), slog.New(slog.NewTextHandler(io.Discard, nil)), tagger.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if tg.Ready() == nil {
		t.Error("Ready() = nil before Use, want an error")
	}
	tg.Use(fakeScreener{}, &watchlist.List{Name: "test"})
	if err := tg.Ready(); err != nil {
		t.Errorf("Ready() after Use = %v, want nil", err)
	}
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// value returns the value of the counter name whose label has value, or 0.
func value(t *testing.T, g prometheus.Gatherer, name, label, val string) float64 {
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
			for _, lp := range m.GetLabel() {
				if lp.GetName() == label && lp.GetValue() == val {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

func testLogOut(t *testing.T) io.Writer {
	if testing.Verbose() {
		return tWriter{t}
	}
	return io.Discard
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
