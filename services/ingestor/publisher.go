package ingestor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/watchwire/watchwire/pkg/events"
)

// Result counts what a Publish did.
type Result struct {
	// Accepted counts articles published to NEWS for the first time.
	Accepted int `json:"accepted"`
	// Duplicates counts articles dropped as repeats.
	Duplicates int `json:"duplicates"`
	// IDs lists the id of every article handled, in order.
	IDs []string `json:"ids"`
}

func (r *Result) add(o Result) {
	r.Accepted += o.Accepted
	r.Duplicates += o.Duplicates
	r.IDs = append(r.IDs, o.IDs...)
}

// chunkSize bounds the publishes awaiting a PubAck at once.
const chunkSize = 256

// Publisher publishes prepared articles to NEWS, dropping repeats. It is
// safe for concurrent use.
type Publisher struct {
	js      jetstream.JetStream
	seen    Seen
	metrics *Metrics
}

// NewPublisher returns a Publisher that remembers ids in seen.
func NewPublisher(js jetstream.JetStream, seen Seen, m *Metrics) *Publisher {
	return &Publisher{js: js, seen: seen, metrics: m}
}

// Publish publishes each article to news.articles.<source> with
// Nats-Msg-Id = its id, and returns once every one is acknowledged by
// JetStream. An article whose id is in the seen record, or that JetStream
// reports as a duplicate, counts as a duplicate. On an error some articles
// may have been published; publishing them again is safe.
func (p *Publisher) Publish(ctx context.Context, articles []events.Article) (Result, error) {
	var res Result
	for start := 0; start < len(articles); start += chunkSize {
		r, err := p.publishChunk(ctx, articles[start:min(start+chunkSize, len(articles))])
		res.add(r)
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

func (p *Publisher) publishChunk(ctx context.Context, articles []events.Article) (Result, error) {
	res := Result{IDs: make([]string, 0, len(articles))}
	var fresh []*events.Article
	for i := range articles {
		a := &articles[i]
		res.IDs = append(res.IDs, a.ID)
		seen, err := p.seen.Seen(ctx, a.ID)
		if err != nil {
			return res, err
		}
		if seen {
			p.countDuplicate(&res, a)
			continue
		}
		fresh = append(fresh, a)
	}
	futures, err := p.publishAsync(fresh)
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	for i, f := range futures {
		errs = append(errs, p.await(ctx, &res, fresh[i], f))
	}
	return res, errors.Join(errs...)
}

// publishAsync sends the articles without waiting; futures[i] is the
// PubAck of articles[i]. It stops at the first failed send.
func (p *Publisher) publishAsync(articles []*events.Article) ([]jetstream.PubAckFuture, error) {
	futures := make([]jetstream.PubAckFuture, 0, len(articles))
	for _, a := range articles {
		msg, err := articleMsg(a)
		if err != nil {
			return futures, err
		}
		f, err := p.js.PublishMsgAsync(msg, jetstream.WithMsgID(a.ID))
		if err != nil {
			return futures, fmt.Errorf("publish article %s to %s: %w", a.ID, msg.Subject, err)
		}
		futures = append(futures, f)
	}
	return futures, nil
}

// await waits for one PubAck, then records the article as seen.
func (p *Publisher) await(ctx context.Context, res *Result, a *events.Article, f jetstream.PubAckFuture) error {
	select {
	case ack := <-f.Ok():
		if err := p.seen.Mark(ctx, a.ID); err != nil {
			return err
		}
		if ack.Duplicate {
			p.countDuplicate(res, a)
		} else {
			res.Accepted++
			p.metrics.Ingested.WithLabelValues(a.Source).Inc()
		}
		return nil
	case err := <-f.Err():
		return fmt.Errorf("publish article %s: %w", a.ID, err)
	case <-ctx.Done():
		return fmt.Errorf("publish article %s: waiting for PubAck: %w", a.ID, context.Cause(ctx))
	}
}

func (p *Publisher) countDuplicate(res *Result, a *events.Article) {
	res.Duplicates++
	p.metrics.Duplicates.WithLabelValues(a.Source).Inc()
}

func articleMsg(a *events.Article) (*nats.Msg, error) {
	data, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode article %s: %w", a.ID, err)
	}
	msg := nats.NewMsg(events.ArticleSubject(a.Source))
	msg.Data = data
	msg.Header.Set(events.HeaderContentType, events.ContentTypeJSON)
	msg.Header.Set(events.HeaderSchemaVersion, events.SchemaVersionHeader())
	msg.Header.Set(events.HeaderArticleID, a.ID)
	return msg, nil
}
