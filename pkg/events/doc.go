// Package events is Watchwire's event contract: the types, JSON Schemas and
// the stream, subject, topic and header names that the services and
// downstream consumers share.
package events
