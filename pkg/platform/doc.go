// Package platform is what every Watchwire service shares: the NATS
// connection, the JetStream streams, the dead-letter publisher, the shared
// metrics, the operations HTTP handler (/metrics, /healthz, /readyz), the
// JSON logger and WATCHWIRE_* environment variables for flags.
//
// Nothing here is global: metrics are registered on an injected
// prometheus.Registerer, so several services can run in one process on one
// registry (watchwire up) as long as they share one Metrics.
package platform
