package alerter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/segmentio/kafka-go"
	"github.com/watchwire/watchwire/pkg/events"
)

// permanentError is a failure that no redelivery can cure.
type permanentError struct {
	reason string // dead-letter reason, a bounded label
	err    error
}

func (e *permanentError) Error() string { return e.reason + ": " + e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// handle is the MessageHandler for one screened event: build its alerts,
// write them to Kafka, then ack. Its context is not Run's: an event in
// hand is finished during a stop.
func (a *Alerter) handle(msg jetstream.Msg) {
	ctx, cancel := context.WithTimeout(context.Background(), a.cfg.WriteTimeout)
	defer cancel()
	alerts, err := a.process(ctx, msg)
	var perm *permanentError
	switch {
	case errors.As(err, &perm):
		a.deadLetter(ctx, msg, perm)
	case err != nil:
		a.retry(msg, err)
	default:
		if err := msg.Ack(); err != nil {
			a.log.Warn("acking screened event", "subject", msg.Subject(), "err", err)
		}
		a.count(alerts)
	}
}

// process decodes one screened event and writes its alerts to Kafka.
func (a *Alerter) process(ctx context.Context, msg jetstream.Msg) ([]events.Alert, error) {
	s, err := decodeScreened(msg.Data())
	if err != nil {
		return nil, err
	}
	alerts := a.alerts(s, time.Now().UTC())
	alerts = a.cfg.Suppression.keep(alerts, a.log)
	if len(alerts) == 0 {
		return nil, nil
	}
	records, err := records(alerts)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	err = a.kafka.WriteMessages(ctx, records...)
	a.metrics.writeDuration.Observe(time.Since(start).Seconds())
	if err != nil {
		a.metrics.writeErrors.Inc()
		return nil, fmt.Errorf("writing %d alerts of article %q to Kafka: %w", len(alerts), s.Article.ID, err)
	}
	return alerts, nil
}

// decodeScreened decodes and validates a screened event; its errors are permanent.
func decodeScreened(data []byte) (*events.Screened, error) {
	var s events.Screened
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, &permanentError{events.ReasonDecode, fmt.Errorf("decoding screened event: %w", err)}
	}
	if s.SchemaVersion != events.SchemaVersion {
		return nil, &permanentError{events.ReasonSchema, fmt.Errorf("screened event of article %q: schema_version is %d, want %d", s.Article.ID, s.SchemaVersion, events.SchemaVersion)}
	}
	if err := s.Article.Validate(); err != nil {
		return nil, &permanentError{events.ReasonSchema, fmt.Errorf("screened event of article %q: article: %w", s.Article.ID, err)}
	}
	return &s, nil
}

// alerts applies the rules to each match: one alert per entity the
// article names, for the matches some rule accepts.
func (a *Alerter) alerts(s *events.Screened, now time.Time) []events.Alert {
	var out []events.Alert
	seen := make(map[string]bool, len(s.Matches))
	for _, m := range s.Matches {
		rule, ok := a.rules.First(m)
		if !ok || seen[m.EntityID] {
			continue
		}
		seen[m.EntityID] = true
		out = append(out, events.NewAlert(s, m, rule.Severity, rule.Name, now))
	}
	return out
}

// records encodes alerts as Kafka records keyed by entity id.
func records(alerts []events.Alert) ([]kafka.Message, error) {
	out := make([]kafka.Message, len(alerts))
	for i, al := range alerts {
		value, err := json.Marshal(al)
		if err != nil {
			return nil, &permanentError{events.ReasonDecode, fmt.Errorf("encoding alert %s: %w", al.AlertID, err)}
		}
		out[i] = kafka.Message{Key: []byte(al.EntityID), Value: value, Headers: []kafka.Header{
			{Key: events.HeaderAlertID, Value: []byte(al.AlertID)},
			{Key: events.HeaderContentType, Value: []byte(events.ContentTypeJSON)},
			{Key: events.HeaderSchemaVersion, Value: []byte(events.SchemaVersionHeader())},
		}}
	}
	return out, nil
}

// count records delivered alerts, once Kafka has acknowledged them. A
// retro alert's article was ingested long before: its age is no pipeline
// latency.
func (a *Alerter) count(alerts []events.Alert) {
	now := time.Now()
	for _, al := range alerts {
		a.metrics.alerts.WithLabelValues(al.List, al.Schema, al.Severity).Inc()
		a.metrics.entityAlerts.WithLabelValues(al.List, al.EntityID, al.Name).Inc()
		if al.Retro {
			a.metrics.retroAlerts.Inc()
			continue
		}
		a.metrics.latency.Observe(now.Sub(al.IngestedAt).Seconds())
	}
}

// deadLetter hands the message to the dead-letter subject and terminates
// it. If the dead letter cannot be stored, the message is redelivered
// later instead: nothing is dropped.
func (a *Alerter) deadLetter(ctx context.Context, msg jetstream.Msg, perm *permanentError) {
	if err := a.dlq.DeadLetter(ctx, events.StageAlerter, perm.reason, msg, perm.err); err != nil {
		a.retry(msg, fmt.Errorf("dead-lettering (%v): %w", perm, err))
		return
	}
	a.log.Warn("screened event dead-lettered", "subject", msg.Subject(), "reason", perm.reason, "err", perm.err)
	if err := msg.TermWithReason(perm.reason); err != nil {
		a.log.Warn("terminating screened event", "subject", msg.Subject(), "err", err)
	}
}

// retry asks JetStream to redeliver msg after a delay that doubles with
// each delivery.
func (a *Alerter) retry(msg jetstream.Msg, cause error) {
	delay := backoff(msg, a.cfg.RetryDelay, a.cfg.MaxRetryDelay)
	a.log.Warn("screened event will be retried", "subject", msg.Subject(), "in", delay, "err", cause)
	if err := msg.NakWithDelay(delay); err != nil {
		a.log.Warn("naking screened event", "subject", msg.Subject(), "err", err)
	}
}

// backoff is base doubled for each earlier delivery of msg, at most limit.
func backoff(msg jetstream.Msg, base, limit time.Duration) time.Duration {
	n := uint64(1)
	if md, err := msg.Metadata(); err == nil {
		n = max(md.NumDelivered, 1)
	}
	return min(base<<min(n-1, 20), limit)
}
