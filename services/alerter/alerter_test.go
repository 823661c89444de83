package alerter_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/alerter"
)

// broker is an in-process Kafka (kfake) that can be stopped and started
// again on the same port and data directory.
type broker struct {
	t       *testing.T
	port    int
	dir     string
	cluster *kfake.Cluster
}

func startBroker(t *testing.T) *broker {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	b := &broker{t: t, port: port, dir: t.TempDir()}
	b.start()
	t.Cleanup(b.stop)
	return b
}

func (b *broker) start() {
	b.t.Helper()
	c, err := kfake.NewCluster(kfake.Ports(b.port), kfake.DataDir(b.dir))
	if err != nil {
		b.t.Fatalf("starting kfake: %v", err)
	}
	b.cluster = c
}

func (b *broker) stop() { b.cluster.Close() }

func (b *broker) addrs() []string { return []string{net.JoinHostPort("127.0.0.1", itoa(b.port))} }

func itoa(n int) string { return (&net.TCPAddr{Port: n}).String()[1:] }

type rig struct {
	js     jetstream.JetStream
	reg    *prometheus.Registry
	broker *broker
}

// start runs an alerter with the default rules on a fresh embedded NATS
// server and Kafka broker, and stops it at cleanup.
func start(t *testing.T) *rig {
	t.Helper()
	srv := natstest.Start(t)
	_, js := natstest.Connect(t, srv)
	ctx := t.Context()
	if err := platform.EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	b := startBroker(t)
	if err := alerter.EnsureTopic(ctx, b.addrs(), events.TopicAlerts, 3); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	log := slog.New(slog.NewTextHandler(testLogOut(t), nil))
	dlq := platform.NewDeadLetters(js, platform.NewMetrics(reg), log)
	w := alerter.NewWriter(b.addrs(), events.TopicAlerts)
	consumers := platform.NewConsumerCollector(js, []platform.ConsumerRef{{Stream: events.StreamScreened, Consumer: events.ConsumerAlerter}})
	reg.MustRegister(consumers)
	a, err := alerter.New(js, w, alerter.DefaultRules(), dlq, reg, log, alerter.Config{
		RetryDelay: 50 * time.Millisecond, MaxRetryDelay: 200 * time.Millisecond, WriteTimeout: 2 * time.Second,
		PullWait: 100 * time.Millisecond, Observer: consumers,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("closing Kafka writer: %v", err)
		}
	})
	natstest.Serve(t, "alerter", a.Run) // stops before the writer closes
	return &rig{js: js, reg: reg, broker: b}
}

func screened(articleID string, entities ...string) events.Screened {
	s := events.Screened{
		SchemaVersion: events.SchemaVersion, WatchlistVersion: "sha256:test",
		Article: events.Article{
			SchemaVersion: events.SchemaVersion, ID: articleID, Source: "test",
			Title: "Blue Harbor and Red Field named", Body: "Blue Harbor ships met Red Field tankers.",
			IngestedAt: time.Now().UTC(),
		},
	}
	for _, e := range entities {
		s.Matches = append(s.Matches, events.Match{
			EntityID: e, List: "test", Schema: "Organization", Name: e, Score: 0.95, Kind: "exact",
			Mentions: []events.Mention{{Field: "body", Start: 0, End: 11, Text: "Blue Harbor"}},
		})
	}
	return s
}

func (r *rig) publish(t *testing.T, id string, payload []byte) {
	t.Helper()
	natstest.Publish(t, r.js, events.SubjectScreened, id, payload)
}

func (r *rig) publishScreened(t *testing.T, s events.Screened) {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	r.publish(t, s.Article.ID, data)
}

// readAlerts reads n records from the alerts topic with a consumer group.
func (r *rig) readAlerts(t *testing.T, n int) []kafka.Message {
	t.Helper()
	reader := kafka.NewReader(kafka.ReaderConfig{
		Brokers: r.broker.addrs(), GroupID: "test-" + t.Name(), Topic: events.TopicAlerts,
		StartOffset: kafka.FirstOffset, MaxWait: 50 * time.Millisecond,
	})
	defer reader.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	var out []kafka.Message
	for len(out) < n {
		m, err := reader.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("read %d of %d alerts: %v", len(out), n, err)
		}
		out = append(out, m)
	}
	return out
}

func alertIDs(t *testing.T, msgs []kafka.Message) []string {
	t.Helper()
	var ids []string
	for _, m := range msgs {
		var a events.Alert
		if err := json.Unmarshal(m.Value, &a); err != nil {
			t.Fatalf("alert at offset %d: %v", m.Offset, err)
		}
		if string(m.Key) != a.EntityID {
			t.Errorf("alert %s: key %q, want the entity id %q", a.AlertID, m.Key, a.EntityID)
		}
		if h := header(m, events.HeaderAlertID); h != a.AlertID {
			t.Errorf("alert %s: header %s = %q", a.AlertID, events.HeaderAlertID, h)
		}
		ids = append(ids, a.AlertID)
	}
	slices.Sort(ids)
	return ids
}

func header(m kafka.Message, key string) string {
	for _, h := range m.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

func (r *rig) drained(t *testing.T) {
	t.Helper()
	natstest.WaitDrained(t, r.js, events.StreamScreened, events.ConsumerAlerter)
}

func (r *rig) consumerInfo(t *testing.T) (*jetstream.ConsumerInfo, error) {
	c, err := r.js.Consumer(t.Context(), events.StreamScreened, events.ConsumerAlerter)
	if err != nil {
		return nil, err
	}
	return c.Info(t.Context())
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	natstest.WaitFor(t, what, cond)
}

func TestAlerterWritesOneAlertPerArticleAndEntity(t *testing.T) {
	r := start(t)
	r.publishScreened(t, screened("a-1", "e-blue", "e-red", "e-blue"))
	r.publishScreened(t, screened("a-2", "e-blue"))
	want := []string{events.AlertID("a-1", "e-blue"), events.AlertID("a-1", "e-red"), events.AlertID("a-2", "e-blue")}
	slices.Sort(want)
	if got := alertIDs(t, r.readAlerts(t, 3)); !slices.Equal(got, want) {
		t.Errorf("alert ids = %v, want %v", got, want)
	}
	r.drained(t)
	if got := value(t, r.reg, "watchwire_alerts_total", map[string]string{"list": "test", "schema": "Organization", "severity": "high"}); got != 3 {
		t.Errorf("alerts_total = %v, want 3", got)
	}
	if got := value(t, r.reg, "watchwire_pipeline_latency_seconds", nil); got != 3 {
		t.Errorf("pipeline_latency_seconds count = %v, want 3", got)
	}
	for entity, want := range map[string]float64{"e-blue": 2, "e-red": 1} {
		if got := value(t, r.reg, "watchwire_entity_alerts_total", map[string]string{"list": "test", "entity_id": entity, "name": entity}); got != want {
			t.Errorf("entity_alerts_total{entity_id=%q} = %v, want %v", entity, got, want)
		}
	}
}

func TestAlerterGivesRetroAlertsTheirOwnIDs(t *testing.T) {
	r := start(t)
	const added = "test@sha256:added"
	s := screened("a-old", "e-blue")
	s.Retro, s.VersionAdded = true, added
	s.Article.IngestedAt = time.Now().Add(-72 * time.Hour).UTC()
	r.publishScreened(t, s)
	msgs := r.readAlerts(t, 1)
	if got, want := alertIDs(t, msgs), []string{events.RetroAlertID("a-old", "e-blue", added)}; !slices.Equal(got, want) {
		t.Errorf("alert ids = %v, want %v (not the live id %s)", got, want, events.AlertID("a-old", "e-blue"))
	}
	var a events.Alert
	if err := json.Unmarshal(msgs[0].Value, &a); err != nil {
		t.Fatal(err)
	}
	if !a.Retro || a.VersionAdded != added {
		t.Errorf("alert retro = %v, version_added = %q; want true, %q", a.Retro, a.VersionAdded, added)
	}
	r.drained(t)
	if got := value(t, r.reg, "watchwire_retro_alerts_total", nil); got != 1 {
		t.Errorf("retro_alerts_total = %v, want 1", got)
	}
	// An article ingested days ago is no measure of the pipeline's latency.
	if got := value(t, r.reg, "watchwire_pipeline_latency_seconds", nil); got != 0 {
		t.Errorf("pipeline_latency_seconds count = %v, want 0", got)
	}
}

func TestAlerterDeadLettersAnUndecodableEvent(t *testing.T) {
	r := start(t)
	r.publish(t, "bad-1", []byte(`{"schema_version": 1, "article": `))
	r.drained(t)
	if got := value(t, r.reg, "watchwire_dead_letters_total", map[string]string{"stage": "alerter", "reason": events.ReasonDecode}); got != 1 {
		t.Errorf("dead_letters_total{stage=alerter,reason=decode} = %v, want 1", got)
	}
}

func TestAlerterLosesNothingWhileKafkaIsDown(t *testing.T) {
	r := start(t)
	r.broker.stop()
	r.publishScreened(t, screened("a-down", "e-blue"))
	waitFor(t, "a failed Kafka write", func() bool {
		return value(t, r.reg, "watchwire_kafka_write_errors_total", nil) >= 2
	})
	info, err := r.consumerInfo(t)
	if err != nil {
		t.Fatal(err)
	}
	if info.AckFloor.Stream != 0 {
		t.Fatalf("the event was acked (ack floor %d) although Kafka never took its alert", info.AckFloor.Stream)
	}
	r.broker.start()
	if got, want := alertIDs(t, r.readAlerts(t, 1)), []string{events.AlertID("a-down", "e-blue")}; !slices.Equal(got, want) {
		t.Errorf("alert ids = %v, want %v", got, want)
	}
	r.drained(t)
	if got := value(t, r.reg, "watchwire_consumer_redelivered_total", map[string]string{"stream": events.StreamScreened, "consumer": events.ConsumerAlerter}); got < 2 {
		t.Errorf("consumer_redelivered_total = %v, want at least 2 (one per failed write after the first)", got)
	}
}

// value sums the counter, gauge or histogram count of the named metric over
// the series that carry every label in labels.
func value(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			have := map[string]string{}
			for _, lp := range m.GetLabel() {
				have[lp.GetName()] = lp.GetValue()
			}
			if !subset(labels, have) {
				continue
			}
			sum += m.GetCounter().GetValue() + m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
		}
	}
	return sum
}

func subset(want, have map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func testLogOut(t *testing.T) io.Writer {
	if testing.Verbose() {
		return tWriter{t}
	}
	return io.Discard
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) { w.t.Log(string(p)); return len(p), nil }
