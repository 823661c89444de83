package ingestor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

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
	res := Result{IDs: make([]string, len(articles))}
	seen := make([]bool, len(articles))
	err := parallel(len(articles), func(i int) (err error) {
		res.IDs[i] = articles[i].ID
		seen[i], err = p.seen.Seen(ctx, articles[i].ID)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	var fresh []*events.Article
	for i := range articles {
		if seen[i] {
			p.countDuplicate(&res, &articles[i])
		} else {
			fresh = append(fresh, &articles[i])
		}
	}
	futures, sendErr := p.publishAsync(fresh)
	acks, ackErr := awaitAcks(ctx, fresh, futures)
	// Mark every acknowledged article, even when others failed, so a retry
	// counts them as duplicates.
	markErr := parallel(len(acks), func(i int) error {
		if acks[i] == nil {
			return nil
		}
		return p.seen.Mark(ctx, fresh[i].ID)
	})
	for i, ack := range acks {
		if ack == nil {
			continue
		}
		if ack.Duplicate {
			p.countDuplicate(&res, fresh[i])
		} else {
			res.Accepted++
			p.metrics.Ingested.WithLabelValues(fresh[i].Source).Inc()
		}
	}
	return res, errors.Join(sendErr, ackErr, markErr)
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

// awaitAcks waits for each future's PubAck; acks[i] is nil where
// publishing articles[i] failed.
func awaitAcks(ctx context.Context, articles []*events.Article, futures []jetstream.PubAckFuture) ([]*jetstream.PubAck, error) {
	acks := make([]*jetstream.PubAck, len(futures))
	var errs []error
	for i, f := range futures {
		select {
		case acks[i] = <-f.Ok():
		case err := <-f.Err():
			errs = append(errs, fmt.Errorf("publish article %s: %w", articles[i].ID, err))
		case <-ctx.Done():
			return acks, fmt.Errorf("publish article %s: waiting for PubAck: %w", articles[i].ID, context.Cause(ctx))
		}
	}
	return acks, errors.Join(errs...)
}

// parallelism bounds the seen-record lookups and writes in flight.
const parallelism = 32

// parallel runs fn(0..n-1) on up to parallelism goroutines and joins their errors.
func parallel(n int, fn func(i int) error) error {
	errs := make([]error, n)
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = fn(i)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
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
