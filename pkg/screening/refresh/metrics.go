package refresh

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Results of a refresh, for watchwire_watchlist_refresh_total.
const (
	resultUpdated   = "updated"
	resultUnchanged = "unchanged"
	resultFailed    = "failed"
)

// Metrics are a Refresher's metrics. Build them once per registry with
// NewMetrics; a nil *Metrics records nothing.
type Metrics struct {
	refreshes *prometheus.CounterVec
	failures  *prometheus.CounterVec
	lastLoad  *prometheus.GaugeVec
	info      *prometheus.GaugeVec
	entities  *prometheus.GaugeVec // nil unless MetricsOptions.Entities
}

// MetricsOptions choose the optional metrics.
type MetricsOptions struct {
	// Entities registers and keeps watchwire_watchlist_entities{list}.
	// Leave it false where another part keeps that gauge: the tagger
	// sets it for the lists it screens with.
	Entities bool
}

// NewMetrics registers the refresh metrics with reg:
//
//	watchwire_watchlist_refresh_total{list,result}          result: updated, unchanged, failed
//	watchwire_watchlist_refresh_failures_total{list,reason} reason: fetch, parse, shrink, empty
//	watchwire_watchlist_last_load_timestamp_seconds{list}
//	watchwire_watchlist_info{list,version}                  1 for the version in use
//	watchwire_watchlist_entities{list}                      only with opts.Entities
func NewMetrics(reg prometheus.Registerer, opts MetricsOptions) (*Metrics, error) {
	m := &Metrics{
		refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_watchlist_refresh_total",
			Help: "Watchlist refreshes, by list and result: updated (a new version is in use), unchanged, or failed (the current version is kept).",
		}, []string{"list", "result"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_watchlist_refresh_failures_total",
			Help: "Failed watchlist refreshes, by list and reason: fetch (unreachable, HTTP error, cut short), parse (not a valid list), shrink (lost too many entries), empty (no entries).",
		}, []string{"list", "reason"}),
		lastLoad: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "watchwire_watchlist_last_load_timestamp_seconds",
			Help: "Unix time the list in use was last loaded or found current at its source; a failed refresh leaves it, so time() minus it is the list's age.",
		}, []string{"list"}),
		info: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "watchwire_watchlist_info",
			Help: "The version of each watchlist in use: 1 for that version only.",
		}, []string{"list", "version"}),
	}
	cs := []prometheus.Collector{m.refreshes, m.failures, m.lastLoad, m.info}
	if opts.Entities {
		m.entities = prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "watchwire_watchlist_entities",
			Help: "Entities in each watchlist in use, by list.",
		}, []string{"list"})
		cs = append(cs, m.entities)
	}
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("refresh: registering metrics: %w", err)
		}
	}
	return m, nil
}

// loaded records a list's first version. Every result and reason of
// the list exists from then on, so that rate() sees the first increment.
func (m *Metrics) loaded(l *watchlist.List) {
	if m == nil {
		return
	}
	for _, r := range []string{resultUpdated, resultUnchanged, resultFailed} {
		m.refreshes.WithLabelValues(l.Name, r)
	}
	for _, r := range reasons() {
		m.failures.WithLabelValues(l.Name, r)
	}
	m.use(l)
}

// use records l as the version in use.
func (m *Metrics) use(l *watchlist.List) {
	m.lastLoad.WithLabelValues(l.Name).Set(unixSeconds(l.LoadedAt))
	m.info.WithLabelValues(l.Name, l.Version).Set(1)
	if m.entities != nil {
		m.entities.WithLabelValues(l.Name).Set(float64(len(l.Entities)))
	}
}

// updated records a new version in use in place of old.
func (m *Metrics) updated(old, next *watchlist.List) {
	if m == nil {
		return
	}
	m.refreshes.WithLabelValues(next.Name, resultUpdated).Inc()
	if old.Version != next.Version {
		m.info.DeleteLabelValues(old.Name, old.Version)
	}
	m.use(next)
}

// unchanged records a refresh that found the version in use.
func (m *Metrics) unchanged(list string) {
	if m == nil {
		return
	}
	m.refreshes.WithLabelValues(list, resultUnchanged).Inc()
	m.current(list)
}

// current records that the list in use was found current just now.
func (m *Metrics) current(list string) {
	if m == nil {
		return
	}
	m.lastLoad.WithLabelValues(list).Set(unixSeconds(time.Now()))
}

// failed records a failed refresh.
func (m *Metrics) failed(list, reason string) {
	if m == nil {
		return
	}
	m.refreshes.WithLabelValues(list, resultFailed).Inc()
	m.failures.WithLabelValues(list, reason).Inc()
}

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }
