package tagger

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	screened *prometheus.CounterVec
	duration prometheus.Histogram
	entities *prometheus.GaugeVec

	retroArticles *prometheus.CounterVec
	retroProgress prometheus.Gauge
	swaps         prometheus.Histogram
}

// Results of retro-screening an article, for watchwire_retro_articles_total.
const (
	retroMatch   = "match"   // names an entity the new version added: a retro screened event
	retroClean   = "clean"   // names none of them
	retroInvalid = "invalid" // cannot be decoded or screened (the live tagger dead-lettered it)
)

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
		retroArticles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_retro_articles_total",
			Help: "Retained articles screened again for the names a new watchlist version added, by result: match (a retro screened event), clean, invalid.",
		}, []string{"result"}),
		retroProgress: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "watchwire_retro_progress_ratio",
			Help: "Share of the retained articles the running retro-screening job has screened, 0 to 1; 1 when no job runs here.",
		}),
		swaps: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "watchwire_watchlist_swap_duration_seconds",
			Help:    "Time to build the screening engine for a new watchlist version, while the previous one keeps screening.",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 12),
		}),
	}
	for _, c := range []prometheus.Collector{m.screened, m.duration, m.entities, m.retroArticles, m.retroProgress, m.swaps} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// Both results exist from the start, so rate() sees the first increment.
	m.screened.WithLabelValues("match")
	m.screened.WithLabelValues("clean")
	for _, r := range []string{retroMatch, retroClean, retroInvalid} {
		m.retroArticles.WithLabelValues(r)
	}
	m.retroProgress.Set(1)
	return m, nil
}
