package platform

import (
	"context"
	"errors"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// ConsumerRef names a durable JetStream consumer.
type ConsumerRef struct {
	Stream, Consumer string
}

// ConsumerInfoTimeout bounds the JetStream requests of one scrape, all
// consumers together, so a slow or absent NATS never stalls /metrics.
const ConsumerInfoTimeout = 2 * time.Second

// ConsumerCollector exports the backlog of durable consumers, read from
// JetStream's consumer info on each scrape, and counts redeliveries that
// consumers report with Observe. Metrics, labelled {stream,consumer}:
//
//	watchwire_consumer_pending_messages       messages not yet delivered (NumPending)
//	watchwire_consumer_ack_pending_messages   delivered, not yet acknowledged (NumAckPending)
//	watchwire_consumer_redelivering_messages  redelivered, not yet acknowledged (NumRedelivered)
//	watchwire_consumer_redelivered_total      deliveries after the first, counted by Observe
//	watchwire_consumer_info_errors_total      consumer info requests that failed
//
// NumRedelivered is a gauge in JetStream (it drops when a message is
// acknowledged), so the counter is kept from the deliveries themselves.
// A consumer that does not exist yet is skipped. Register one collector per
// registry; it is safe for concurrent use.
type ConsumerCollector struct {
	js          jetstream.JetStream
	consumers   []ConsumerRef
	pending     *prometheus.Desc
	ackPending  *prometheus.Desc
	redelivery  *prometheus.Desc
	redelivered *prometheus.CounterVec
	infoErrors  *prometheus.CounterVec
}

// NewConsumerCollector returns a collector for consumers; register it on
// the service's registry.
func NewConsumerCollector(js jetstream.JetStream, consumers []ConsumerRef) *ConsumerCollector {
	labels := []string{"stream", "consumer"}
	c := &ConsumerCollector{
		js:        js,
		consumers: append([]ConsumerRef(nil), consumers...),
		pending: prometheus.NewDesc("watchwire_consumer_pending_messages",
			"Messages of the stream not yet delivered to the durable consumer.", labels, nil),
		ackPending: prometheus.NewDesc("watchwire_consumer_ack_pending_messages",
			"Messages delivered to the durable consumer and not yet acknowledged.", labels, nil),
		redelivery: prometheus.NewDesc("watchwire_consumer_redelivering_messages",
			"Messages delivered more than once to the durable consumer and not yet acknowledged.", labels, nil),
		redelivered: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_consumer_redelivered_total",
			Help: "Deliveries of a message after its first, as seen by the consumer.",
		}, labels),
		infoErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_consumer_info_errors_total",
			Help: "JetStream consumer info requests that failed during a scrape.",
		}, labels),
	}
	// Start the counters at zero, so rate() sees their first increment.
	for _, r := range c.consumers {
		c.redelivered.WithLabelValues(r.Stream, r.Consumer)
		c.infoErrors.WithLabelValues(r.Stream, r.Consumer)
	}
	return c
}

// Observe counts msg as a redelivery when JetStream delivered it before.
// Call it for every message a consumer receives.
func (c *ConsumerCollector) Observe(msg jetstream.Msg) {
	md, err := msg.Metadata()
	if err != nil || md.NumDelivered <= 1 {
		return
	}
	c.redelivered.WithLabelValues(md.Stream, md.Consumer).Inc()
}

// Describe implements prometheus.Collector.
func (c *ConsumerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.pending
	ch <- c.ackPending
	ch <- c.redelivery
	c.redelivered.Describe(ch)
	c.infoErrors.Describe(ch)
}

// Collect implements prometheus.Collector: one consumer info request per
// consumer, within ConsumerInfoTimeout.
func (c *ConsumerCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), ConsumerInfoTimeout)
	defer cancel()
	for _, r := range c.consumers {
		info, err := c.info(ctx, r)
		if err != nil {
			c.infoErrors.WithLabelValues(r.Stream, r.Consumer).Inc()
			continue
		}
		if info == nil {
			continue
		}
		ch <- gauge(c.pending, float64(info.NumPending), r)
		ch <- gauge(c.ackPending, float64(info.NumAckPending), r)
		ch <- gauge(c.redelivery, float64(info.NumRedelivered), r)
	}
	c.redelivered.Collect(ch)
	c.infoErrors.Collect(ch)
}

// info returns r's consumer info, or nil without error when the stream or
// the consumer does not exist (yet).
func (c *ConsumerCollector) info(ctx context.Context, r ConsumerRef) (*jetstream.ConsumerInfo, error) {
	cons, err := c.js.Consumer(ctx, r.Stream, r.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return cons.CachedInfo(), nil
}

func gauge(d *prometheus.Desc, v float64, r ConsumerRef) prometheus.Metric {
	return prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, r.Stream, r.Consumer)
}
