package suppress_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/alerter"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

const partitions = 3

// alerterRig is an alerter with suppressions on embedded NATS and an
// in-process Kafka (kfake).
type alerterRig struct {
	js      jetstream.JetStream
	store   *suppress.Store
	matcher *suppress.Matcher
	reg     *prometheus.Registry
	brokers []string
}

func startAlerter(t *testing.T) *alerterRig {
	t.Helper()
	_, js := natstest.Connect(t, natstest.Start(t))
	ctx := t.Context()
	if err := platform.EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cluster.Close)
	brokers := cluster.ListenAddrs()
	if err := alerter.EnsureTopic(ctx, brokers, events.TopicAlerts, partitions); err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	sup, st, err := alerter.OpenSuppression(ctx, js, reg, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	w := alerter.NewWriter(brokers, events.TopicAlerts)
	a, err := alerter.New(js, w, alerter.DefaultRules(), platform.NewDeadLetters(js, platform.NewMetrics(reg), quietLog()), reg, quietLog(), alerter.Config{
		PullWait: 100 * time.Millisecond, Suppression: sup,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	natstest.Serve(t, "alerter", a.Run) // stops before the writer closes
	return &alerterRig{js: js, store: st, matcher: sup.Matcher.(*suppress.Matcher), reg: reg, brokers: brokers}
}

// match is a match of entity mentioned as texts.
type match struct {
	entity string
	texts  []string
}

// publish publishes the screened event of an article of source.
func (r *alerterRig) publish(t *testing.T, article, source string, matches ...match) {
	t.Helper()
	s := events.Screened{
		SchemaVersion: events.SchemaVersion, WatchlistVersion: "sha256:test",
		Article: events.Article{SchemaVersion: events.SchemaVersion, ID: article, Source: source,
			Title: "A harbour report", Body: "Ships called at the harbour.", IngestedAt: time.Now().UTC()},
	}
	for _, m := range matches {
		em := events.Match{EntityID: m.entity, List: "test", Schema: "Vessel", Name: m.entity, Score: 0.95, Kind: "exact"}
		for _, text := range m.texts {
			em.Mentions = append(em.Mentions, events.Mention{Field: "body", Start: 0, End: len(text), Text: text})
		}
		s.Matches = append(s.Matches, em)
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	natstest.Publish(t, r.js, events.SubjectScreened, article, data)
}

// alertIDs reads every record of the alerts topic (the end offsets say
// how many there are) and returns their alert ids, sorted.
func (r *alerterRig) alertIDs(t *testing.T) []string {
	t.Helper()
	var ids []string
	for p := range partitions {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		conn, err := kafka.DialLeader(ctx, "tcp", r.brokers[0], events.TopicAlerts, p)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		last, err := conn.ReadLastOffset()
		if err != nil {
			t.Fatal(err)
		}
		reader := kafka.NewReader(kafka.ReaderConfig{Brokers: r.brokers, Topic: events.TopicAlerts, Partition: p, MaxWait: 50 * time.Millisecond})
		defer reader.Close()
		for range last {
			m, err := reader.ReadMessage(ctx)
			if err != nil {
				t.Fatalf("partition %d: %v", p, err)
			}
			ids = append(ids, string(kafkaHeader(m, events.HeaderAlertID)))
		}
	}
	slices.Sort(ids)
	return ids
}

func kafkaHeader(m kafka.Message, key string) []byte {
	for _, h := range m.Headers {
		if h.Key == key {
			return h.Value
		}
	}
	return nil
}

func TestAlerterDropsSuppressedAlerts(t *testing.T) {
	r := startAlerter(t)
	for _, s := range []suppress.Suppression{
		{EntityID: "e-blue", ArticleID: "a-1", Who: "ana", Why: "a different Blue"},
		{EntityID: "e-red", Source: "wire", Who: "ana", Why: "the wire's own name"},
		{EntityID: "e-star", Phrase: "star", Who: "bo", Why: "the word, not the vessel STAR"},
	} {
		if _, err := r.store.Add(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	natstest.WaitFor(t, "the matcher to hold the suppressions", func() bool { return r.matcher.Len() == 3 })
	if got := value(t, r.reg, "watchwire_suppressions", "", ""); got != 3 {
		t.Errorf("watchwire_suppressions = %v in all, want 3", got)
	}

	r.publish(t, "a-1", "cnn", match{"e-blue", []string{"Blue"}}, match{"e-red", []string{"Red"}})
	r.publish(t, "a-2", "wire", match{"e-red", []string{"Red"}}, match{"e-blue", []string{"Blue"}})
	r.publish(t, "a-3", "cnn", match{"e-star", []string{"star", "STAR"}})
	r.publish(t, "a-4", "cnn", match{"e-star", []string{"star", "MV Star"}})
	natstest.WaitDrained(t, r.js, events.StreamScreened, events.ConsumerAlerter)

	want := []string{events.AlertID("a-1", "e-red"), events.AlertID("a-2", "e-blue"), events.AlertID("a-4", "e-star")}
	slices.Sort(want)
	if got := r.alertIDs(t); !slices.Equal(got, want) {
		t.Errorf("alerts on Kafka = %v, want only the uncovered %v", got, want)
	}
	for reason, want := range map[string]float64{"article": 1, "source": 1, "phrase": 1} {
		if got := value(t, r.reg, "watchwire_alerts_suppressed_total", "reason", reason); got != want {
			t.Errorf("watchwire_alerts_suppressed_total{reason=%q} = %v, want %v", reason, got, want)
		}
	}
	if got := value(t, r.reg, "watchwire_alerts_total", "", ""); got != 3 {
		t.Errorf("watchwire_alerts_total = %v, want the 3 written", got)
	}
}

// TestAlerterRaisesARemovedSuppressionAgain: once removed, a suppression
// stops nothing.
func TestAlerterRaisesARemovedSuppressionAgain(t *testing.T) {
	r := startAlerter(t)
	s, err := r.store.Add(t.Context(), suppress.Suppression{EntityID: "e-star", Phrase: "star", Who: "bo", Why: "the word"})
	if err != nil {
		t.Fatal(err)
	}
	natstest.WaitFor(t, "the matcher to hold the suppression", func() bool { return r.matcher.Len() == 1 })
	r.publish(t, "a-1", "cnn", match{"e-star", []string{"star"}})
	natstest.WaitDrained(t, r.js, events.StreamScreened, events.ConsumerAlerter)
	if err := r.store.Remove(t.Context(), s.Key); err != nil {
		t.Fatal(err)
	}
	natstest.WaitFor(t, "the matcher to drop the suppression", func() bool { return r.matcher.Len() == 0 })
	r.publish(t, "a-2", "cnn", match{"e-star", []string{"star"}})
	natstest.WaitDrained(t, r.js, events.StreamScreened, events.ConsumerAlerter)
	if got, want := r.alertIDs(t), []string{events.AlertID("a-2", "e-star")}; !slices.Equal(got, want) {
		t.Errorf("alerts on Kafka = %v, want %v", got, want)
	}
}

// value sums the named counter or gauge over its series, or over those
// whose label has the value given when label is not empty.
func value(t *testing.T, g prometheus.Gatherer, name, label, want string) float64 {
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
			if label == "" || slices.ContainsFunc(m.GetLabel(), func(l *dto.LabelPair) bool { return l.GetName() == label && l.GetValue() == want }) {
				sum += m.GetCounter().GetValue() + m.GetGauge().GetValue()
			}
		}
	}
	return sum
}
