package alerter

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	alerts        *prometheus.CounterVec
	entityAlerts  *prometheus.CounterVec
	retroAlerts   prometheus.Counter
	latency       prometheus.Histogram
	writeDuration prometheus.Histogram
	writeErrors   prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		alerts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_alerts_total",
			Help: "Alerts written to Kafka and acknowledged, by list, schema and severity.",
		}, []string{"list", "schema", "severity"}),
		entityAlerts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "watchwire_entity_alerts_total",
			Help: "Alerts written to Kafka and acknowledged, by list and entity (its id and listed name): the entities alerting most.",
		}, []string{"list", "entity_id", "name"}),
		retroAlerts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "watchwire_retro_alerts_total",
			Help: "Alerts of retro-screening (an article already in the feed names an entity a new watchlist version added) written to Kafka and acknowledged; also counted in watchwire_alerts_total.",
		}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "watchwire_pipeline_latency_seconds",
			Help:    "Time from an article's ingestion to Kafka's acknowledgement of its alert.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 17),
		}),
		writeDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "watchwire_kafka_write_duration_seconds",
			Help:    "Time for one Kafka write of an article's alerts, acks=all, retries included.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}),
		writeErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "watchwire_kafka_write_errors_total",
			Help: "Kafka writes of alerts that failed; the screened event is retried.",
		}),
	}
	for _, c := range []prometheus.Collector{m.alerts, m.entityAlerts, m.retroAlerts, m.latency, m.writeDuration, m.writeErrors} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}
