package main

import (
	"context"

	"github.com/watchwire/watchwire/services/alerter"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// alerterWithSuppressions builds the alerter with cfg plus the reviewed
// false positives (alerter.OpenSuppression: loaded before the alerter
// starts, kept current by a watch, counted on the shared registry), and
// serves their API, /v1/suppressions, on the mux.
func (p *pipeline) alerterWithSuppressions(ctx context.Context, s services, rules alerter.Rules, dlq alerter.DeadLetterer, cfg alerter.Config) (*alerter.Alerter, error) {
	// The watch ends with the pipeline (close stops the actor before it
	// drains the connection) or when ctx ends.
	watchCtx, stopWatch := context.WithCancel(ctx)
	p.goRun("suppressions", func(ctx context.Context) error {
		<-ctx.Done()
		stopWatch()
		return nil
	})
	sup, store, err := alerter.OpenSuppression(watchCtx, s.js, s.reg, p.log)
	if err != nil {
		return nil, err
	}
	suppress.NewAPI(store, p.log).Register(s.mux)
	cfg.Suppression = sup
	return alerter.New(s.js, p.writer, rules, dlq, s.reg, p.log, cfg)
}
