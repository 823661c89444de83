package main

import (
	"context"
	"fmt"

	"github.com/watchwire/watchwire/services/alerter"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// alerterWithSuppressions builds the alerter with cfg plus the reviewed
// false positives: it opens their bucket, loads them into a matcher that
// the bucket's watch keeps current (loaded before the alerter starts, so
// none slips through at startup), counts what they drop and exports
// watchwire_suppressions on the shared registry, and serves
// /v1/suppressions on the mux.
func (p *pipeline) alerterWithSuppressions(ctx context.Context, s services, rules alerter.Rules, dlq alerter.DeadLetterer, cfg alerter.Config) (*alerter.Alerter, error) {
	store, err := suppress.Open(ctx, s.js)
	if err != nil {
		return nil, err
	}
	metrics, err := suppress.NewMetrics(s.reg)
	if err != nil {
		return nil, err
	}
	// The watch ends with the pipeline (close stops the actor before it
	// drains the connection) or when ctx ends.
	watchCtx, stopWatch := context.WithCancel(ctx)
	matcher, err := store.Watch(watchCtx, p.log)
	if err != nil {
		stopWatch()
		return nil, err
	}
	p.goRun("suppressions", func(ctx context.Context) error {
		<-ctx.Done()
		stopWatch()
		return nil
	})
	if err := s.reg.Register(matcher); err != nil {
		return nil, fmt.Errorf("registering watchwire_suppressions: %w", err)
	}
	suppress.NewAPI(store, p.log).Register(s.mux)
	cfg.Suppression = alerter.Suppression{Matcher: matcher, Metrics: metrics}
	return alerter.New(s.js, p.writer, rules, dlq, s.reg, p.log, cfg)
}
