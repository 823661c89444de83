// Package ingestor brings articles into Watchwire: over HTTP
// (POST /v1/articles), from RSS 2.0 and Atom feeds polled on their own
// intervals, and from JSON lines (watchwire ingest). Each article is
// decoded leniently, given an id, source token and ingestion time,
// validated against the event contract, and published to JetStream stream
// NEWS on news.articles.<source> with Nats-Msg-Id = its id.
//
// Repeats are dropped twice over: by JetStream inside the stream's
// duplicate window, and by a key-value bucket of published ids (with a TTL)
// outside it, which survives restarts.
package ingestor
