package ingestor

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the ingestor's own metrics.
type Metrics struct {
	Ingested        *prometheus.CounterVec
	Duplicates      *prometheus.CounterVec
	FeedPolls       *prometheus.CounterVec
	FeedLastSuccess *prometheus.GaugeVec
}

// Results of one feed poll, the values of the result label of
// watchwire_feed_polls_total.
const (
	PollOK           = "ok"
	PollNotModified  = "not_modified"
	PollFetchError   = "fetch_error"
	PollParseError   = "parse_error"
	PollPublishError = "publish_error"
)

// NewMetrics registers the ingestor's metrics on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_articles_ingested_total",
			Help: "Articles published to NEWS for the first time, by source.",
		}, []string{"source"}),
		Duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_articles_duplicate_total",
			Help: "Articles dropped as repeats of one already published, by source.",
		}, []string{"source"}),
		FeedPolls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_feed_polls_total",
			Help: "Feed polls, by feed and result (ok, not_modified, fetch_error, parse_error, publish_error).",
		}, []string{"feed", "result"}),
		FeedLastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "watchwire_feed_last_success_timestamp_seconds",
			Help: "Unix time of the last successful poll of each feed (ok or not_modified).",
		}, []string{"feed"}),
	}
	reg.MustRegister(m.Ingested, m.Duplicates, m.FeedPolls, m.FeedLastSuccess)
	return m
}
