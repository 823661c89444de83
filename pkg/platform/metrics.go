package platform

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the metrics more than one service updates. Build one per
// registry and hand it to every service in the process.
type Metrics struct {
	// DeadLetters counts messages sent to news.dlq.<stage>, by stage and reason.
	DeadLetters *prometheus.CounterVec
}

// NewMetrics registers the shared metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		DeadLetters: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_dead_letters_total",
			Help: "Messages a stage could not process and sent to its dead-letter subject, by stage and reason.",
		}, []string{"stage", "reason"}),
	}
	reg.MustRegister(m.DeadLetters)
	return m
}
