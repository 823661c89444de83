package ingestor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

// maxFeedBytes bounds a feed document.
const maxFeedBytes = 32 << 20

// publishTimeout bounds publishing one poll's items.
const publishTimeout = 30 * time.Second

// Backoff says how long to wait after failed polls: Base after the first
// failure, doubling with each further one, at most Max, each wait drawn at
// random from its upper half (jitter), so feeds that fail together spread out.
type Backoff struct {
	Base, Max time.Duration
}

// DefaultBackoff waits 1 s after a first failure, up to 30 minutes.
func DefaultBackoff() Backoff { return Backoff{Base: time.Second, Max: 30 * time.Minute} }

// Delay is the wait after the n-th failure in a row (n >= 1).
func (b Backoff) Delay(n int) time.Duration {
	d := b.Max
	if n < 32 && b.Base<<(n-1) < b.Max && b.Base<<(n-1) > 0 {
		d = b.Base << (n - 1)
	}
	return d/2 + rand.N(d/2+1)
}

// poller polls one feed: conditional GETs on the feed's interval, backing
// off after failures. It remembers the feed's validators (ETag,
// Last-Modified) only after the items they cover are published, so a
// failed publish is fetched and published again.
type poller struct {
	feed     Feed
	client   *http.Client
	pub      ArticlePublisher
	metrics  *Metrics
	log      *slog.Logger
	backoff  Backoff
	now      func() time.Time
	etag     string
	modified string
}

// run polls until ctx ends.
func (p *poller) run(ctx context.Context) {
	failures := 0
	for {
		wait := p.feed.Interval
		if err := p.poll(ctx); err != nil && ctx.Err() == nil {
			failures++
			wait = p.backoff.Delay(failures)
			p.log.Warn("feed poll failed", "feed", p.feed.Name, "failures", failures, "retry_in", wait, "err", err)
		} else {
			failures = 0
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// pollError is a failed poll with its result label.
type pollError struct {
	result string
	err    error
}

func (e *pollError) Error() string { return e.err.Error() }
func (e *pollError) Unwrap() error { return e.err }

// poll fetches the feed once and publishes its items.
func (p *poller) poll(ctx context.Context) error {
	res, err := p.fetchAndPublish(ctx)
	result := PollOK
	var pe *pollError
	switch {
	case errors.As(err, &pe):
		result = pe.result
	case err == nil && res == nil:
		result = PollNotModified
	}
	if ctx.Err() != nil && err != nil {
		return err // shutting down: not the feed's failure
	}
	p.metrics.FeedPolls.WithLabelValues(p.feed.Name, result).Inc()
	if err == nil {
		p.metrics.FeedLastSuccess.WithLabelValues(p.feed.Name).Set(float64(p.now().UnixNano()) / 1e9)
		if res != nil && res.Accepted > 0 {
			p.log.Info("feed polled", "feed", p.feed.Name, "accepted", res.Accepted, "duplicates", res.Duplicates)
		}
	}
	return err
}

// fetchAndPublish returns a nil Result when the feed is not modified.
func (p *poller) fetchAndPublish(ctx context.Context) (*Result, error) {
	data, validators, err := p.fetch(ctx)
	if err != nil || data == nil {
		return nil, err
	}
	items, err := parseFeed(data)
	if err != nil {
		return nil, &pollError{PollParseError, fmt.Errorf("feed %s: %w", p.feed.Name, err)}
	}
	// Once fetched, the items are published even if shutdown begins
	// meanwhile: in-flight work is finished, not abandoned half-recorded.
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), publishTimeout)
	defer cancel()
	res, err := p.pub.Publish(pctx, p.articles(items))
	if err != nil {
		return nil, &pollError{PollPublishError, fmt.Errorf("feed %s: %w", p.feed.Name, err)}
	}
	p.etag, p.modified = validators.Get("ETag"), validators.Get("Last-Modified")
	return &res, nil
}

// articles prepares the feed's items, skipping (and logging) invalid ones:
// one bad item must not hold back the rest of a feed we do not control.
func (p *poller) articles(items []item) []events.Article {
	out := make([]events.Article, 0, len(items))
	now := p.now()
	for i, it := range items {
		a := it.article(p.feed.Name)
		if err := Prepare(&a, now); err != nil {
			p.log.Warn("feed item skipped", "feed", p.feed.Name, "item", i+1, "link", it.link, "err", err)
			continue
		}
		out = append(out, a)
	}
	return out
}

// fetch GETs the feed conditionally; it returns nil data on 304.
func (p *poller) fetch(ctx context.Context) ([]byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.feed.URL, nil)
	if err != nil {
		return nil, nil, &pollError{PollFetchError, fmt.Errorf("feed %s: %w", p.feed.Name, err)}
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8")
	req.Header.Set("User-Agent", "watchwire-ingestor")
	if p.etag != "" {
		req.Header.Set("If-None-Match", p.etag)
	}
	if p.modified != "" {
		req.Header.Set("If-Modified-Since", p.modified)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, nil, &pollError{PollFetchError, fmt.Errorf("feed %s: %w", p.feed.Name, err)}
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		return nil, resp.Header, nil
	case http.StatusOK:
	default:
		return nil, nil, &pollError{PollFetchError, fmt.Errorf("feed %s: GET %s: %s", p.feed.Name, p.feed.URL, resp.Status)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxFeedBytes+1))
	switch {
	case err != nil:
		return nil, nil, &pollError{PollFetchError, fmt.Errorf("feed %s: read body: %w", p.feed.Name, err)}
	case len(data) > maxFeedBytes:
		return nil, nil, &pollError{PollFetchError, fmt.Errorf("feed %s: document larger than %d bytes", p.feed.Name, maxFeedBytes)}
	}
	return data, resp.Header, nil
}
