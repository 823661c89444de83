package tagger

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/screening/engine"
)

// reasonPanic is the dead-letter reason for an article whose screening
// panicked: redelivering it would only panic again.
const reasonPanic = "panic"

// permanentError is a failure that no redelivery can cure.
type permanentError struct {
	reason string // dead-letter reason, a bounded label
	err    error
}

func (e *permanentError) Error() string { return e.reason + ": " + e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// handle is the MessageHandler for one article: screen, publish, then ack.
// Its context is not Run's: an article in hand is finished during a stop.
func (t *Tagger) handle(msg jetstream.Msg) {
	ctx, cancel := context.WithTimeout(context.Background(), t.cfg.PublishTimeout)
	defer cancel()
	result, err := t.process(ctx, msg)
	var perm *permanentError
	switch {
	case errors.As(err, &perm):
		t.deadLetter(ctx, msg, perm)
	case err != nil:
		t.retry(msg, err)
	default:
		if err := msg.Ack(); err != nil {
			t.log.Warn("acking article", "subject", msg.Subject(), "err", err)
		}
		t.metrics.screened.WithLabelValues(result).Inc()
	}
}

// process screens one article and publishes its screened event when it
// names anyone. It returns the result label ("match" or "clean").
func (t *Tagger) process(ctx context.Context, msg jetstream.Msg) (result string, err error) {
	art, err := decodeArticle(msg.Data())
	if err != nil {
		return "", err
	}
	cur := t.current.Load()
	matches, err := t.screen(cur.screener, art)
	if err != nil {
		return "", err
	}
	if len(matches) == 0 {
		return "clean", nil
	}
	version := cur.screener.Version()
	s := screenedEvent(art, version, matches)
	if err := t.publish(ctx, s, events.ScreenedMsgID(art.ID, version)); err != nil {
		return "", err
	}
	return "match", nil
}

// screenedEvent is the screened event of art's matches, screened now
// against watchlist version version.
func screenedEvent(art *events.Article, version string, matches []engine.Match) *events.Screened {
	return &events.Screened{
		SchemaVersion: events.SchemaVersion, Article: *art, WatchlistVersion: version,
		ScreenedAt: time.Now().UTC(), Matches: toEvents(matches),
	}
}

// decodeArticle decodes and validates an article; its errors are permanent.
func decodeArticle(data []byte) (*events.Article, error) {
	var art events.Article
	if err := json.Unmarshal(data, &art); err != nil {
		return nil, &permanentError{events.ReasonDecode, fmt.Errorf("decoding article: %w", err)}
	}
	if err := art.Validate(); err != nil {
		return nil, &permanentError{events.ReasonSchema, fmt.Errorf("article %q: %w", art.ID, err)}
	}
	return &art, nil
}

// screen runs the screener on the article's title and body, timing it.
func (t *Tagger) screen(s Screener, art *events.Article) ([]engine.Match, error) {
	start := time.Now()
	matches, err := screenArticle(s, art, t.cfg.MinScore)
	t.metrics.duration.Observe(time.Since(start).Seconds())
	return matches, err
}

// screenArticle runs s on the article's title and body. A panic in the
// screener becomes a permanent error rather than a crash loop.
func screenArticle(s Screener, art *events.Article, minScore float64) (matches []engine.Match, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &permanentError{reasonPanic, fmt.Errorf("screening article %q panicked: %v", art.ID, p)}
		}
	}()
	doc := engine.Document{ID: art.ID, Fields: []engine.Field{{Name: "title", Text: art.Title}, {Name: "body", Text: art.Body}}}
	return s.Screen(doc, minScore), nil
}

// publish stores the screened event s in SCREENED, with Nats-Msg-Id msgID,
// and waits for the PubAck. The id makes a redelivered article's second
// event a duplicate that JetStream drops.
func (t *Tagger) publish(ctx context.Context, s *events.Screened, msgID string) error {
	art := &s.Article
	data, err := json.Marshal(s)
	if err != nil {
		return &permanentError{events.ReasonDecode, fmt.Errorf("encoding screened event for %q: %w", art.ID, err)}
	}
	out := nats.NewMsg(events.SubjectScreened)
	out.Data = data
	out.Header.Set(events.HeaderMsgID, msgID)
	out.Header.Set(events.HeaderArticleID, art.ID)
	out.Header.Set(events.HeaderContentType, events.ContentTypeJSON)
	out.Header.Set(events.HeaderSchemaVersion, events.SchemaVersionHeader())
	if _, err := t.js.PublishMsg(ctx, out); err != nil {
		return fmt.Errorf("publishing screened event for %q: %w", art.ID, err)
	}
	return nil
}

func toEvents(ms []engine.Match) []events.Match {
	out := make([]events.Match, len(ms))
	for i, m := range ms {
		mentions := make([]events.Mention, len(m.Mentions))
		for j, mn := range m.Mentions {
			mentions[j] = events.Mention{Field: mn.Field, Start: mn.Start, End: mn.End, Text: mn.Text}
		}
		out[i] = events.Match{
			EntityID: m.EntityID, List: m.List, Schema: string(m.Schema), Name: m.Name,
			Programs: m.Programs, Score: m.Score, Kind: m.Kind, Mentions: mentions,
		}
	}
	return out
}

// deadLetter hands the message to the dead-letter subject and terminates
// it. If the dead letter cannot be stored, the message is redelivered
// later instead: nothing is dropped.
func (t *Tagger) deadLetter(ctx context.Context, msg jetstream.Msg, perm *permanentError) {
	if err := t.dlq.DeadLetter(ctx, events.StageTagger, perm.reason, msg, perm.err); err != nil {
		t.retry(msg, fmt.Errorf("dead-lettering (%v): %w", perm, err))
		return
	}
	t.log.Warn("article dead-lettered", "subject", msg.Subject(), "reason", perm.reason, "err", perm.err)
	if err := msg.TermWithReason(perm.reason); err != nil {
		t.log.Warn("terminating article", "subject", msg.Subject(), "err", err)
	}
}

// retry asks JetStream to redeliver msg after a delay that doubles with
// each delivery.
func (t *Tagger) retry(msg jetstream.Msg, cause error) {
	delay := backoff(msg, t.cfg.RetryDelay, t.cfg.MaxRetryDelay)
	t.log.Warn("article will be retried", "subject", msg.Subject(), "in", delay, "err", cause)
	if err := msg.NakWithDelay(delay); err != nil {
		t.log.Warn("naking article", "subject", msg.Subject(), "err", err)
	}
}

// backoff is base doubled for each earlier delivery of msg, at most limit.
func backoff(msg jetstream.Msg, base, limit time.Duration) time.Duration {
	n := uint64(1)
	if md, err := msg.Metadata(); err == nil {
		n = max(md.NumDelivered, 1)
	}
	d := base << min(n-1, 20)
	return min(d, limit)
}
