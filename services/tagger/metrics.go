package tagger

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	screened *prometheus.CounterVec
	duration prometheus.Histogram
	entities *prometheus.GaugeVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		screened: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_articles_screened_total",
			Help: "Articles screened, by result: match (named a listed entity) or clean.",
		}, []string{"result"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "watchwire_screen_duration_seconds",
			Help:    "Time to screen one article's title and body against the watchlists.",
			Buckets: prometheus.ExponentialBuckets(0.00001, 4, 10),
		}),
		entities: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "watchwire_watchlist_entities",
			Help: "Entities in each watchlist in use, by list.",
		}, []string{"list"}),
	}
	for _, c := range []prometheus.Collector{m.screened, m.duration, m.entities} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// Both results exist from the start, so rate() sees the first increment.
	m.screened.WithLabelValues("match")
	m.screened.WithLabelValues("clean")
	return m, nil
}
