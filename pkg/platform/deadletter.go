package platform

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/watchwire/watchwire/pkg/events"
)

// Original is the message being dead-lettered; a jetstream.Msg is one.
type Original interface {
	Subject() string
	Data() []byte
	Headers() nats.Header
}

// DeadLetterer sends a message that a stage cannot process to that stage's
// dead-letter subject, with the reason (a bounded label) and the error;
// *DeadLetters is one. It does not acknowledge or terminate msg: the caller
// terminates it after DeadLetter returned nil.
type DeadLetterer interface {
	DeadLetter(ctx context.Context, stage, reason string, msg Original, cause error) error
}

// DeadLetters publishes messages a stage cannot process to
// news.dlq.<stage>, so they are kept, not redelivered for ever. It is safe
// for concurrent use.
type DeadLetters struct {
	js      jetstream.JetStream
	metrics *Metrics
	log     *slog.Logger
}

// NewDeadLetters returns a dead-letter publisher counting into m.DeadLetters.
func NewDeadLetters(js jetstream.JetStream, m *Metrics, log *slog.Logger) *DeadLetters {
	return &DeadLetters{js: js, metrics: m, log: log}
}

// maxErrorHeader bounds the error text carried in a header.
const maxErrorHeader = 1024

// DeadLetter publishes msg's payload unchanged to news.dlq.<stage>, with
// headers naming the stage, the reason (one of the events.Reason* values:
// a bounded metric label), the original subject and cause's text, and waits
// for the PubAck. The original's own headers are kept, except JetStream's.
// The metric counts each dead letter once, however often the original is
// delivered (within the DLQ stream's duplicate window). Only after it
// returns nil may the caller Term the original.
func (d *DeadLetters) DeadLetter(ctx context.Context, stage, reason string, msg Original, cause error) error {
	out := nats.NewMsg(events.DeadLetterSubject(stage))
	out.Data = msg.Data()
	for k, vs := range msg.Headers() {
		if !strings.HasPrefix(k, "Nats-") {
			out.Header[k] = vs
		}
	}
	errText := ""
	if cause != nil {
		errText = cause.Error()
	}
	out.Header.Set(events.HeaderDeadLetterStage, stage)
	out.Header.Set(events.HeaderDeadLetterReason, reason)
	out.Header.Set(events.HeaderDeadLetterSubject, msg.Subject())
	out.Header.Set(events.HeaderDeadLetterError, truncate(errText, maxErrorHeader))
	var opts []jetstream.PublishOpt
	if id := msg.Headers().Get(events.HeaderMsgID); id != "" {
		// A redelivered original is dead-lettered once.
		opts = append(opts, jetstream.WithMsgID("dlq."+stage+"."+id))
	}
	ack, err := d.js.PublishMsg(ctx, out, opts...)
	if err != nil {
		return fmt.Errorf("dead-letter message from %s to %s (%s): %w", msg.Subject(), out.Subject, reason, err)
	}
	if ack.Duplicate {
		return nil // already dead-lettered, and counted, on an earlier delivery
	}
	d.metrics.DeadLetters.WithLabelValues(stage, reason).Inc()
	d.log.Warn("dead-lettered message", "stage", stage, "reason", reason, "subject", msg.Subject(), "err", errText)
	return nil
}

// truncate cuts s to at most n bytes on a UTF-8 boundary, and replaces line
// breaks, which headers cannot carry.
func truncate(s string, n int) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
