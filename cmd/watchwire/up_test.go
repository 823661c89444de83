package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/segmentio/kafka-go"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

// e2eList is a small watchlist for the end-to-end tests: the csv list "e2e".
const e2eList = `id,name,schema,aliases,programs
e2e-1,"NORTHWIND SHIPPING LTD",Organization,NORTHWIND SHIPPING,E2E-PROG
e2e-2,"VOLKOV, Arkady Semyonovich",Person,,E2E-PROG
e2e-3,"CRIMSON DELTA TRADING FZE",Organization,,E2E-PROG
`

// e2eArticles are written for these tests: hits name listed entities in
// their listed forms, traps use the same words without naming anyone.
type e2eArticles struct {
	northwind, volkov, two, trapWind, trapNames map[string]any
}

func newE2EArticles() e2eArticles {
	return e2eArticles{
		northwind: article("e2e-h1", "Northwind Shipping Ltd fined", "Regulators fined Northwind Shipping Ltd on Monday for falsified cargo papers."),
		volkov:    article("e2e-h2", "Tycoon gives rare interview", "Arkady Semyonovich Volkov spoke to reporters at his office on Friday."),
		two:       article("e2e-h3", "Trading firm signs deal", "Crimson Delta Trading FZE signed a charter with Northwind Shipping Ltd last week."),
		trapWind:  article("e2e-t1", "Storm warning", "The northwind blew across the delta while a crimson sunset fell on Volkov Street."),
		trapNames: article("e2e-t2", "Airline results", "Northwind Airlines and Delta Trading Inc. reported results; Arkady Petrov spoke."),
	}
}

// wantAlerts are the alert ids the hits must raise, and no others.
func wantAlerts(hits ...map[string]any) []string {
	entities := map[string][]string{"e2e-h1": {"e2e-1"}, "e2e-h2": {"e2e-2"}, "e2e-h3": {"e2e-3", "e2e-1"}}
	var ids []string
	for _, h := range hits {
		for _, e := range entities[h["id"].(string)] {
			ids = append(ids, events.AlertID(h["id"].(string), e))
		}
	}
	slices.Sort(ids)
	return ids
}

// publishFillers writes n valid articles that name no one straight onto
// NEWS, as fast as JetStream takes them, to give the pipeline a backlog.
func (r *upRun) publishFillers(t *testing.T, n int) {
	t.Helper()
	js := r.jetStream(t)
	for i := range n {
		a := events.Article{
			SchemaVersion: events.SchemaVersion, ID: fmt.Sprintf("e2e-f%05d", i), Source: "e2e",
			Title: fmt.Sprintf("Market report %d", i), Body: "Shares rose in early trading as investors weighed new data on factory output.",
			IngestedAt: time.Now().UTC(),
		}
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		msg := nats.NewMsg(events.ArticleSubject(a.Source))
		msg.Data = data
		msg.Header.Set(events.HeaderMsgID, a.ID)
		if _, err := js.PublishMsgAsync(msg); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-js.PublishAsyncComplete():
	case <-time.After(20 * time.Second):
		t.Fatal("fillers not stored within 20s")
	}
}

func article(id, title, body string) map[string]any {
	return map[string]any{"id": id, "source": "e2e", "title": title, "body": body, "url": "https://example.org/" + id}
}

func TestUpEndToEnd(t *testing.T) {
	kcat := kcatPath(t)
	a := newE2EArticles()
	r := startUp(t, t.TempDir(), "--watchlist", "csv:"+writeList(t))

	res := r.post(t, http.StatusAccepted, a.northwind, a.volkov, a.two, a.trapWind, a.trapNames)
	if res.Accepted != 5 || res.Duplicates != 0 {
		t.Errorf("first batch: %+v, want 5 accepted", res)
	}
	if res := r.post(t, http.StatusAccepted, a.northwind); res.Accepted != 0 || res.Duplicates != 1 {
		t.Errorf("repeated article: %+v, want 1 duplicate", res)
	}
	// A batch with a malformed line is refused whole, naming the line.
	body := r.postRaw(t, http.StatusBadRequest, ndjson(t, a.volkov)+"{\"id\": \"e2e-bad\", \"title\": \n")
	if !strings.Contains(body, "line 2") {
		t.Errorf("refused batch: %s, want the bad line named", body)
	}
	// A producer that bypasses the API and writes garbage onto NEWS: the
	// tagger dead-letters it.
	garbage := r.publishRaw(t, events.ArticleSubject("e2e"), "not json at all")

	want := wantAlerts(a.northwind, a.volkov, a.two)
	if got := readGroup(t, r.addrs.Kafka, "e2e-group", len(want)); !slices.Equal(got, want) {
		t.Errorf("kafka-go consumer group read %v, want %v", got, want)
	}
	r.drained(t)
	if got := readKcat(t, kcat, r.addrs.Kafka); !slices.Equal(got, want) {
		t.Errorf("kcat read %v, want %v", got, want)
	}
	r.checkDeadLetter(t, garbage)
	r.checkPrinted(t, want)
	r.checkMetrics(t, map[string]float64{
		`watchwire_articles_ingested_total{source="e2e"}`:                          5,
		`watchwire_articles_duplicate_total{source="e2e"}`:                         1,
		`watchwire_articles_screened_total{result="match"}`:                        3,
		`watchwire_articles_screened_total{result="clean"}`:                        2,
		`watchwire_alerts_total{list="e2e",schema="Organization",severity="high"}`: 3,
		`watchwire_alerts_total{list="e2e",schema="Person",severity="high"}`:       1,
		`watchwire_dead_letters_total{reason="decode",stage="tagger"}`:             1,
		`watchwire_watchlist_entities{list="e2e"}`:                                 3,
		`watchwire_pipeline_latency_seconds_count`:                                 4,
		`watchwire_screen_duration_seconds_count`:                                  5,
		`watchwire_kafka_write_errors_total`:                                       0,
	})
}

func TestUpRestartMidStreamLosesNothingAndAddsNothing(t *testing.T) {
	kcat := kcatPath(t)
	a := newE2EArticles()
	dir, list := t.TempDir(), writeList(t)
	first := startUp(t, dir, "--watchlist", "csv:"+list)
	first.post(t, http.StatusAccepted, a.northwind, a.trapWind)
	first.publishFillers(t, 5000)
	first.post(t, http.StatusAccepted, a.volkov)
	// Stop with a backlog: the tagger and the alerter in the middle of it.
	first.stop(t)

	second := startUp(t, dir, "--watchlist", "csv:"+list)
	res := second.post(t, http.StatusAccepted, a.two, a.trapNames, a.northwind, a.trapWind, a.volkov)
	if res.Accepted != 2 || res.Duplicates != 3 {
		t.Errorf("after the restart: %+v, want 2 accepted and the 3 articles of before as duplicates", res)
	}
	want := wantAlerts(a.northwind, a.volkov, a.two)
	if got := readGroup(t, second.addrs.Kafka, "e2e-group", len(want)); !slices.Equal(got, want) {
		t.Errorf("kafka-go consumer group read %v, want %v", got, want)
	}
	second.drained(t)
	if got := readKcat(t, kcat, second.addrs.Kafka); !slices.Equal(got, want) {
		t.Errorf("kcat read %v, want %v", got, want)
	}
	m := scrape(t, "http://"+second.addrs.HTTP+"/metrics")
	t.Logf("after the restart the tagger screened %v articles left by the first run",
		m[`watchwire_articles_screened_total{result="match"}`]+m[`watchwire_articles_screened_total{result="clean"}`]-2)
}

func TestUpWithTheBundledOFACList(t *testing.T) {
	if _, err := findRepoFile("data/ofac/sdn.csv.gz"); err != nil {
		t.Skipf("bundled OFAC list not here: %v", err)
	}
	r := startUp(t, t.TempDir()) // the default --watchlist
	mahan := article("ofac-a1", "Mahan Air flights stay grounded", "European regulators kept Mahan Air out of their airspace for another month, officials said on Tuesday.")
	sovcomflot := article("ofac-a2", "Tanker insurers pull cover", "Insurers said they would no longer cover tankers operated by Joint Stock Company Sovcomflot, the shipping group.")
	trap := article("ofac-t1", "Rain expected in Lisbon", "Forecasters expect heavy rain across Portugal this weekend, with flooding possible near the coast.")
	r.post(t, http.StatusAccepted, mahan, sovcomflot, trap)
	want := []string{events.AlertID("ofac-a1", "ofac-12927"), events.AlertID("ofac-a2", "ofac-34741")}
	slices.Sort(want)
	if got := readGroup(t, r.addrs.Kafka, "e2e-ofac", len(want)); !slices.Equal(got, want) {
		t.Errorf("alerts %v, want %v (MAHAN AIR, JOINT STOCK COMPANY SOVCOMFLOT)", got, want)
	}
	r.drained(t)
	r.checkMetrics(t, map[string]float64{
		`watchwire_articles_screened_total{result="clean"}`:                         1,
		`watchwire_alerts_total{list="ofac",schema="Organization",severity="high"}`: 2,
	})
}

func TestUpDemoPrintsAlertsFromTheSampleFeed(t *testing.T) {
	for _, f := range []string{"data/ofac/sdn.csv.gz", demoArticles} {
		if _, err := findRepoFile(f); err != nil {
			t.Skipf("bundled data not here: %v", err)
		}
	}
	r := startUp(t, t.TempDir(), "--demo")
	eventually(t, "the demo's alerts", func() bool { return strings.Count(r.out.String(), "ALERT ") >= 5 })
	eventually(t, "the demo's report", func() bool { return strings.Contains(r.stderr.String(), "demo: posted") })
	if !strings.Contains(r.stderr.String(), " 0 duplicates") {
		t.Errorf("demo on a fresh data dir: %s", r.stderr)
	}
}

// upRun is one `watchwire up` running in-process on free ports.
type upRun struct {
	addrs  upAddrs
	out    *syncBuffer
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan error
	once   sync.Once
}

func startUp(t testing.TB, dir string, flags ...string) *upRun {
	t.Helper()
	args := append([]string{"--http", "127.0.0.1:0", "--nats-port", "-1", "--kafka-port", "0", "--data-dir", dir, "--log-level", "error"}, flags...)
	cfg, err := parseUpFlags(args, io.Discard)
	if err != nil {
		t.Fatalf("parseUpFlags(%q): %v", args, err)
	}
	started := make(chan upAddrs, 1)
	cfg.started = func(a upAddrs) { started <- a }
	ctx, cancel := context.WithCancel(context.Background())
	r := &upRun{out: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- up(ctx, cfg, r.out, r.stderr) }()
	select {
	case r.addrs = <-started:
	case err := <-r.done:
		cancel()
		t.Fatalf("watchwire up ended before it was up: %v\n%s", err, r.stderr)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("watchwire up not up within 60s\n%s", r.stderr)
	}
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop stops the pipeline as SIGTERM would and checks that it ended cleanly.
func (r *upRun) stop(t testing.TB) {
	t.Helper()
	r.once.Do(func() {
		r.cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("watchwire up stopped with %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("watchwire up did not stop within 30s")
		}
	})
}

type postResult struct {
	Accepted   int `json:"accepted"`
	Duplicates int `json:"duplicates"`
}

func (r *upRun) post(t *testing.T, status int, articles ...map[string]any) postResult {
	t.Helper()
	var res postResult
	if err := json.Unmarshal([]byte(r.postRaw(t, status, ndjson(t, articles...))), &res); err != nil {
		t.Fatalf("decoding the ingest API's answer: %v", err)
	}
	return res
}

func (r *upRun) postRaw(t *testing.T, status int, body string) string {
	t.Helper()
	resp, err := http.Post("http://"+r.addrs.HTTP+"/v1/articles", "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("POST /v1/articles: %s %s, want %d", resp.Status, data, status)
	}
	return string(data)
}

func ndjson(t *testing.T, articles ...map[string]any) string {
	t.Helper()
	var b strings.Builder
	for _, a := range articles {
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.String()
}

func (r *upRun) jetStream(t *testing.T) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect(r.addrs.NATS)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// publishRaw writes payload onto subject directly, as a misbehaving
// producer would; it returns the message's id.
func (r *upRun) publishRaw(t *testing.T, subject, payload string) string {
	t.Helper()
	natstest.Publish(t, r.jetStream(t), subject, "e2e-garbage", []byte(payload))
	return payload
}

// drained waits until the tagger and the alerter have received everything
// in their streams and acked or terminated each message.
func (r *upRun) drained(t *testing.T) {
	t.Helper()
	js := r.jetStream(t)
	// In the pipeline's order: the alerter is drained only once the
	// tagger has published all it will (a map's random order once looked
	// at the alerter first, before the tagger had published the last
	// screened event, and the test read Kafka too early).
	for _, sc := range [...]struct{ stream, consumer string }{{events.StreamNews, events.ConsumerTagger}, {events.StreamScreened, events.ConsumerAlerter}} {
		stream, consumer := sc.stream, sc.consumer
		var last string
		defer func() {
			if t.Failed() {
				t.Logf("%s on %s: %s", consumer, stream, last)
			}
		}()
		eventually(t, consumer+" to drain "+stream, func() bool {
			s, err := js.Stream(t.Context(), stream)
			if err != nil {
				return false
			}
			c, err := s.Consumer(t.Context(), consumer)
			if err != nil {
				return false
			}
			ci, err := c.Info(t.Context())
			if err == nil {
				last = fmt.Sprintf("stream last seq %d, delivered %d, pending %d, ack pending %d, redelivered %d", s.CachedInfo().State.LastSeq, ci.Delivered.Stream, ci.NumPending, ci.NumAckPending, ci.NumRedelivered)
			}
			return err == nil && ci.Delivered.Stream >= s.CachedInfo().State.LastSeq && ci.NumPending == 0 && ci.NumAckPending == 0
		})
	}
}

func (r *upRun) checkDeadLetter(t *testing.T, payload string) {
	t.Helper()
	s, err := r.jetStream(t).Stream(t.Context(), events.StreamDeadLetters)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.GetLastMsgForSubject(t.Context(), events.DeadLetterSubject(events.StageTagger))
	if err != nil {
		t.Fatalf("no dead letter on %s: %v", events.DeadLetterSubject(events.StageTagger), err)
	}
	if string(m.Data) != payload || m.Header.Get(events.HeaderDeadLetterReason) != events.ReasonDecode {
		t.Errorf("dead letter %q with reason %q, want %q with reason %q", m.Data, m.Header.Get(events.HeaderDeadLetterReason), payload, events.ReasonDecode)
	}
}

// checkPrinted checks that up printed one line per alert.
func (r *upRun) checkPrinted(t *testing.T, ids []string) {
	t.Helper()
	eventually(t, "an ALERT line per alert", func() bool {
		return strings.Count(r.out.String(), "ALERT ") == len(ids)
	})
	if !strings.Contains(r.out.String(), "«Northwind Shipping Ltd»") {
		t.Errorf("printed alerts do not show the matched words in context:\n%s", r.out)
	}
}

// checkMetrics scrapes /metrics until every series has its value.
func (r *upRun) checkMetrics(t *testing.T, want map[string]float64) {
	t.Helper()
	var got map[string]float64
	deadline := time.Now().Add(10 * time.Second)
	for {
		got = scrape(t, "http://"+r.addrs.HTTP+"/metrics")
		if mismatch(got, want) == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics: %s", mismatch(got, want))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func mismatch(got, want map[string]float64) string {
	var diffs []string
	for k, v := range want {
		if got[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", k, got[k], v))
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "; ")
}

// scrape returns every series of the exposition at url as name{labels} ->
// value; histograms as name_count.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parsing %s: %v", url, err)
	}
	out := map[string]float64{}
	for name, mf := range mfs {
		for _, m := range mf.GetMetric() {
			switch {
			case m.Histogram != nil:
				out[name+"_count"+labels(m)] = float64(m.GetHistogram().GetSampleCount())
			case m.Counter != nil:
				out[name+labels(m)] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				out[name+labels(m)] = m.GetGauge().GetValue()
			}
		}
	}
	return out
}

func labels(m *dto.Metric) string {
	if len(m.GetLabel()) == 0 {
		return ""
	}
	var parts []string
	for _, lp := range m.GetLabel() {
		parts = append(parts, fmt.Sprintf("%s=%q", lp.GetName(), lp.GetValue()))
	}
	slices.Sort(parts)
	return "{" + strings.Join(parts, ",") + "}"
}

// readGroup reads the alerts topic from the beginning in consumer group
// group until n distinct alerts have arrived, checking each record's key
// and headers; it returns their ids, sorted.
func readGroup(t *testing.T, brokers []string, group string, n int) []string {
	t.Helper()
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: brokers, GroupID: group, Topic: events.TopicAlerts,
		StartOffset: kafka.FirstOffset, MaxWait: 100 * time.Millisecond,
	})
	defer r.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	seen := map[string]bool{}
	for len(seen) < n {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("consumer group %s read %d of %d alerts: %v", group, len(seen), n, err)
		}
		var headers []string
		for _, h := range m.Headers {
			headers = append(headers, h.Key, string(h.Value))
		}
		seen[checkRecord(t, string(m.Key), m.Value, headers)] = true
		if err := r.CommitMessages(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// readKcat reads the whole alerts topic with kcat, an independent client,
// and returns the distinct alert ids, sorted.
func readKcat(t *testing.T, kcat string, brokers []string) []string {
	t.Helper()
	return slices.Compact(readKcatAll(t, kcat, brokers))
}

// readKcatAll reads the whole alerts topic with kcat and returns the alert
// id of every record, sorted: an alert written twice appears twice.
func readKcatAll(t *testing.T, kcat string, brokers []string) []string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), kcat, "-C", "-b", strings.Join(brokers, ","), "-t", events.TopicAlerts, "-o", "beginning", "-e", "-J", "-q")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kcat: %v\n%s", err, stderr.String())
	}
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			Key     string   `json:"key"`
			Payload string   `json:"payload"`
			Headers []string `json:"headers"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("kcat record %q: %v", sc.Text(), err)
		}
		ids = append(ids, checkRecord(t, rec.Key, []byte(rec.Payload), rec.Headers))
	}
	slices.Sort(ids)
	return ids
}

// checkRecord checks one alert record against the contract: key = entity
// id, headers with the alert id, content type and schema version. It
// returns the alert id.
func checkRecord(t *testing.T, key string, value []byte, headers []string) string {
	t.Helper()
	var a events.Alert
	if err := json.Unmarshal(value, &a); err != nil {
		t.Fatalf("alert record %q: %v", value, err)
	}
	h := map[string]string{}
	for i := 0; i+1 < len(headers); i += 2 {
		h[headers[i]] = headers[i+1]
	}
	wantHeaders := map[string]string{
		events.HeaderAlertID: a.AlertID, events.HeaderContentType: events.ContentTypeJSON,
		events.HeaderSchemaVersion: events.SchemaVersionHeader(),
	}
	for k, v := range wantHeaders {
		if h[k] != v {
			t.Errorf("alert %s: header %s = %q, want %q", a.AlertID, k, h[k], v)
		}
	}
	id := events.AlertID(a.ArticleID, a.EntityID)
	if a.Retro {
		id = events.RetroAlertID(a.ArticleID, a.EntityID, a.VersionAdded)
	}
	if key != a.EntityID || a.AlertID != id || len(a.Mentions) == 0 || a.Mentions[0].Context == "" {
		t.Errorf("alert %s: key %q, entity %s, article %s, mentions %+v: want key = entity id, the deterministic id, mentions in context", a.AlertID, key, a.EntityID, a.ArticleID, a.Mentions)
	}
	return a.AlertID
}

// kcatPath finds kcat; without it the test skips, except in CI.
func kcatPath(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("kcat")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("kcat not found; CI must install it (apt-get install kcat)")
		}
		t.Skip("kcat not found: install it (apt-get install kcat) to run this test")
	}
	return p
}

func writeList(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "e2e.csv")
	if err := os.WriteFile(p, []byte(e2eList), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
