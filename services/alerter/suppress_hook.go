package alerter

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// Suppressor tells whether a reviewed false positive covers an alert, and
// the reason (a bounded label) if so; *suppress.Matcher is one. It must be
// safe for concurrent use.
type Suppressor interface {
	Check(al events.Alert) (reason string, suppressed bool)
}

// Suppression drops the alerts that reviewed false positives cover
// (package suppress). The zero value drops nothing.
type Suppression struct {
	Matcher Suppressor
	// Metrics counts the alerts dropped; nil counts nothing. Create it
	// once per registry (suppress.NewMetrics).
	Metrics *suppress.Metrics
}

// OpenSuppression opens the suppressions bucket (creating it if missing)
// and returns an alerter's Suppression: a matcher loaded now, so that no
// covered alert slips through at startup, and kept current until ctx
// ends; and its metrics on reg (watchwire_alerts_suppressed_total and
// watchwire_suppressions; once per registry). It returns the store too,
// for the HTTP API.
func OpenSuppression(ctx context.Context, js jetstream.JetStream, reg prometheus.Registerer, log *slog.Logger) (Suppression, *suppress.Store, error) {
	store, err := suppress.Open(ctx, js)
	if err != nil {
		return Suppression{}, nil, fmt.Errorf("alerter: %w", err)
	}
	metrics, err := suppress.NewMetrics(reg)
	if err != nil {
		return Suppression{}, nil, fmt.Errorf("alerter: %w", err)
	}
	matcher, err := store.Watch(ctx, log)
	if err != nil {
		return Suppression{}, nil, fmt.Errorf("alerter: %w", err)
	}
	if err := reg.Register(matcher); err != nil {
		return Suppression{}, nil, fmt.Errorf("alerter: registering watchwire_suppressions: %w", err)
	}
	return Suppression{Matcher: matcher, Metrics: metrics}, store, nil
}

// keep returns the alerts of one screened event that no suppression
// covers, counting and logging those it drops. A dropped alert is never
// written to Kafka; the event is acked once the others are written, or at
// once if none is left. An event redelivered after a failed write is
// checked, and its dropped alerts counted, again.
func (s Suppression) keep(alerts []events.Alert, log *slog.Logger) []events.Alert {
	if s.Matcher == nil {
		return alerts
	}
	return slices.DeleteFunc(alerts, func(al events.Alert) bool {
		reason, suppressed := s.Matcher.Check(al)
		if suppressed {
			s.Metrics.Suppressed(reason)
			log.Info("alert suppressed", "alert_id", al.AlertID, "article_id", al.ArticleID, "entity_id", al.EntityID, "reason", reason)
		}
		return suppressed
	})
}
