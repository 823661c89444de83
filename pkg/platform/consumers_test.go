package platform_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

var consumerMetricNames = []string{
	"watchwire_consumer_pending_messages",
	"watchwire_consumer_ack_pending_messages",
	"watchwire_consumer_redelivering_messages",
	"watchwire_consumer_redelivered_total",
	"watchwire_consumer_info_errors_total",
}

func TestConsumerCollectorReportsBacklogAndRedeliveries(t *testing.T) {
	ctx := context.Background()
	nc, js := natstest.Connect(t, natstest.Start(t))
	if err := platform.EnsureStreams(ctx, js); err != nil {
		t.Fatal(err)
	}
	// MaxAckPending 2: with two messages out, the fetch after the nak
	// waits for the server to have taken it and gets the nak'd message
	// back, not the next one (the nak is not acknowledged to the client).
	cons, err := js.CreateOrUpdateConsumer(ctx, events.StreamNews, jetstream.ConsumerConfig{
		Durable: events.ConsumerTagger, AckPolicy: jetstream.AckExplicitPolicy, MaxAckPending: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if _, err := js.Publish(ctx, events.ArticleSubject("wire"), fmt.Appendf(nil, `{"n":%d}`, i)); err != nil {
			t.Fatal(err)
		}
	}
	c := platform.NewConsumerCollector(js, []platform.ConsumerRef{
		{Stream: events.StreamNews, Consumer: events.ConsumerTagger},
		{Stream: events.StreamScreened, Consumer: events.ConsumerAlerter}, // not created yet
		{Stream: "NOSUCH", Consumer: "nobody"},                            // stream missing
	})
	// Two fetched and left unacknowledged, one of them nak'd and fetched again.
	first := fetch(t, cons, 2)
	for _, m := range first {
		c.Observe(m)
	}
	if err := first[0].Nak(); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	again := fetch(t, cons, 1)
	c.Observe(again[0])

	want := `
# HELP watchwire_consumer_ack_pending_messages Messages delivered to the durable consumer and not yet acknowledged.
# TYPE watchwire_consumer_ack_pending_messages gauge
watchwire_consumer_ack_pending_messages{consumer="tagger",stream="NEWS"} 2
# HELP watchwire_consumer_info_errors_total JetStream consumer info requests that failed during a scrape.
# TYPE watchwire_consumer_info_errors_total counter
watchwire_consumer_info_errors_total{consumer="alerter",stream="SCREENED"} 0
watchwire_consumer_info_errors_total{consumer="nobody",stream="NOSUCH"} 0
watchwire_consumer_info_errors_total{consumer="tagger",stream="NEWS"} 0
# HELP watchwire_consumer_pending_messages Messages of the stream not yet delivered to the durable consumer.
# TYPE watchwire_consumer_pending_messages gauge
watchwire_consumer_pending_messages{consumer="tagger",stream="NEWS"} 3
# HELP watchwire_consumer_redelivered_total Deliveries of a message after its first, as seen by the consumer.
# TYPE watchwire_consumer_redelivered_total counter
watchwire_consumer_redelivered_total{consumer="alerter",stream="SCREENED"} 0
watchwire_consumer_redelivered_total{consumer="nobody",stream="NOSUCH"} 0
watchwire_consumer_redelivered_total{consumer="tagger",stream="NEWS"} 1
# HELP watchwire_consumer_redelivering_messages Messages delivered more than once to the durable consumer and not yet acknowledged.
# TYPE watchwire_consumer_redelivering_messages gauge
watchwire_consumer_redelivering_messages{consumer="tagger",stream="NEWS"} 1
`
	if err := collectEventually(c, want, consumerMetricNames...); err != nil {
		t.Error(err)
	}
	// Acknowledging everything empties the backlog.
	for _, m := range append(first[1:], again...) {
		if err := m.DoubleAck(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 { // one at a time: at most two may be out
		if err := fetch(t, cons, 1)[0].DoubleAck(ctx); err != nil {
			t.Fatal(err)
		}
	}
	empty := `
# HELP watchwire_consumer_ack_pending_messages Messages delivered to the durable consumer and not yet acknowledged.
# TYPE watchwire_consumer_ack_pending_messages gauge
watchwire_consumer_ack_pending_messages{consumer="tagger",stream="NEWS"} 0
# HELP watchwire_consumer_pending_messages Messages of the stream not yet delivered to the durable consumer.
# TYPE watchwire_consumer_pending_messages gauge
watchwire_consumer_pending_messages{consumer="tagger",stream="NEWS"} 0
# HELP watchwire_consumer_redelivering_messages Messages delivered more than once to the durable consumer and not yet acknowledged.
# TYPE watchwire_consumer_redelivering_messages gauge
watchwire_consumer_redelivering_messages{consumer="tagger",stream="NEWS"} 0
`
	if err := collectEventually(c, empty, consumerMetricNames[:3]...); err != nil {
		t.Errorf("after acking everything: %v", err)
	}
}

func TestConsumerCollectorCountsFailedRequestsAndStillAnswers(t *testing.T) {
	nc, js := natstest.Connect(t, natstest.Start(t))
	c := platform.NewConsumerCollector(js, []platform.ConsumerRef{{Stream: events.StreamNews, Consumer: events.ConsumerTagger}})
	nc.Close()
	// The scrape succeeds without the backlog gauges and counts the failure.
	want := `
# HELP watchwire_consumer_info_errors_total JetStream consumer info requests that failed during a scrape.
# TYPE watchwire_consumer_info_errors_total counter
watchwire_consumer_info_errors_total{consumer="tagger",stream="NEWS"} 1
# HELP watchwire_consumer_redelivered_total Deliveries of a message after its first, as seen by the consumer.
# TYPE watchwire_consumer_redelivered_total counter
watchwire_consumer_redelivered_total{consumer="tagger",stream="NEWS"} 0
`
	if err := collectEventually(c, want, consumerMetricNames...); err != nil {
		t.Error(err)
	}
}

// collectEventually compares what c collects with want until they agree
// or 5 s have passed: the server counts a consumer's pending messages as
// it gets to it, a moment after the publish, fetch or ack that changes them.
func collectEventually(c prometheus.Collector, want string, names ...string) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := testutil.CollectAndCompare(c, strings.NewReader(want), names...)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fetch(t *testing.T, c jetstream.Consumer, n int) []jetstream.Msg {
	t.Helper()
	batch, err := c.Fetch(n, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []jetstream.Msg
	for m := range batch.Messages() {
		msgs = append(msgs, m)
	}
	if len(msgs) != n {
		t.Fatalf("fetched %d messages, want %d (err %v)", len(msgs), n, batch.Error())
	}
	return msgs
}
