package suppress

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts the alerts suppressions drop. Create it once per
// registry and share it between the alerters that use that registry.
type Metrics struct {
	suppressed *prometheus.CounterVec
}

// NewMetrics registers watchwire_alerts_suppressed_total{reason} on reg,
// with a zero series for each reason.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{suppressed: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "watchwire_alerts_suppressed_total",
		Help: "Alerts not raised because a reviewed false positive covers them, by the kind of suppression (article, source, phrase). An event redelivered after a failed Kafka write counts again.",
	}, []string{"reason"})}
	if err := reg.Register(m.suppressed); err != nil {
		return nil, fmt.Errorf("registering watchwire_alerts_suppressed_total: %w", err)
	}
	for _, k := range allKinds() {
		m.suppressed.WithLabelValues(string(k))
	}
	return m, nil
}

// Suppressed counts one alert dropped for reason. A nil *Metrics counts
// nothing.
func (m *Metrics) Suppressed(reason string) {
	if m != nil {
		m.suppressed.WithLabelValues(reason).Inc()
	}
}

// newInForceDesc describes watchwire_suppressions{kind}.
func newInForceDesc() *prometheus.Desc {
	return prometheus.NewDesc("watchwire_suppressions",
		"Suppressions in force (not expired) that the alerter applies, by kind.", []string{"kind"}, nil)
}

// Describe implements prometheus.Collector: a Matcher exports
// watchwire_suppressions{kind}. Register it on the registry of its alerter.
func (m *Matcher) Describe(ch chan<- *prometheus.Desc) { ch <- m.desc }

// Collect implements prometheus.Collector.
func (m *Matcher) Collect(ch chan<- prometheus.Metric) {
	counts := m.inForce()
	for _, k := range allKinds() {
		ch <- prometheus.MustNewConstMetric(m.desc, prometheus.GaugeValue, float64(counts[k]), string(k))
	}
}
