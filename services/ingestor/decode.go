package ingestor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

// input is an article as clients send it: like events.Article, but with a
// published_at in any of several layouts, and with schema_version, id and
// ingested_at optional. Unknown fields are ignored.
type input struct {
	SchemaVersion int      `json:"schema_version"`
	ID            string   `json:"id"`
	Source        string   `json:"source"`
	Title         string   `json:"title"`
	Body          string   `json:"body"`
	URL           string   `json:"url"`
	PublishedAt   string   `json:"published_at"`
	Lang          string   `json:"lang"`
	Authors       []string `json:"authors"`
}

// MaxEncodedArticle bounds an article's JSON encoding, below NATS's default
// maximum payload of 1 MiB.
const MaxEncodedArticle = 1<<20 - 16<<10

// Decoder turns client JSON into articles ready for NEWS.
type Decoder struct {
	// DefaultSource is used for articles with no source; "" requires one.
	DefaultSource string
	// Now gives the ingestion time.
	Now func() time.Time
}

// Decode decodes one JSON article and prepares it (see Prepare).
func (d Decoder) Decode(data []byte) (events.Article, error) {
	var in input
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&in); err != nil {
		return events.Article{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return events.Article{}, errors.New("invalid JSON: more than one value")
	}
	return d.prepare(in)
}

func (d Decoder) prepare(in input) (events.Article, error) {
	published, err := parsePublished(in.PublishedAt)
	if err != nil {
		return events.Article{}, events.ValidationError{{Field: "published_at", Reason: err.Error()}}
	}
	if in.SchemaVersion == 0 {
		in.SchemaVersion = events.SchemaVersion
	}
	a := events.Article{
		SchemaVersion: in.SchemaVersion, ID: in.ID, Source: in.Source,
		Title: in.Title, Body: in.Body, URL: in.URL, PublishedAt: published,
		Lang: in.Lang, Authors: in.Authors,
	}
	if a.Source == "" {
		a.Source = d.DefaultSource
	}
	return a, Prepare(&a, d.Now())
}

func parsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot parse %q: want RFC 3339, YYYY-MM-DD[ hh:mm:ss] or RFC 1123", s)
}

// Prepare readies an article for NEWS and validates it: a free-text source
// is reduced to a source token, an article without an id gets
// events.ArticleID(source, url, title) (or source, title, body when it has
// no url), and IngestedAt is set to now.
func Prepare(a *events.Article, now time.Time) error {
	if a.SchemaVersion == 0 {
		a.SchemaVersion = events.SchemaVersion
	}
	a.Source = events.CleanSource(a.Source)
	if a.ID == "" && events.ValidSource(a.Source) {
		if a.URL != "" {
			a.ID = events.ArticleID(a.Source, a.URL, a.Title)
		} else {
			a.ID = events.ArticleID(a.Source, a.Title, a.Body)
		}
	}
	a.IngestedAt = now.UTC()
	if err := a.Validate(); err != nil {
		return err
	}
	if n := encodedSize(a); n > MaxEncodedArticle {
		return events.ValidationError{{Field: "article", Reason: fmt.Sprintf("encodes to %d bytes, limit %d", n, MaxEncodedArticle)}}
	}
	return nil
}

func encodedSize(a *events.Article) int {
	b, _ := json.Marshal(a)
	return len(b)
}

// LineError says which line of a batch is bad and why. Lines count from 1.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// DecodeLines decodes a batch of JSON lines, all or nothing: it returns
// every article, or the first bad line as a *LineError. Blank lines are
// skipped but counted. firstLine numbers the first line of data.
func (d Decoder) DecodeLines(data []byte, firstLine int) ([]events.Article, error) {
	var out []events.Article
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		a, err := d.Decode(line)
		if err != nil {
			return nil, &LineError{Line: firstLine + i, Err: err}
		}
		out = append(out, a)
	}
	return out, nil
}
