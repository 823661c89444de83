package events

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Alert is the alerter's output on Kafka topic watchwire.alerts: one entity
// named in one article. The record key is EntityID; the headers carry
// Watchwire-Alert-Id, Content-Type and Watchwire-Schema-Version. Delivery is
// at least once: consumers de-duplicate on AlertID.
type Alert struct {
	SchemaVersion int    `json:"schema_version"`
	AlertID       string `json:"alert_id"`
	Severity      string `json:"severity"`
	// Rule names the alerting rule that matched.
	Rule string `json:"rule"`

	ArticleID   string    `json:"article_id"`
	Title       string    `json:"title"`
	URL         string    `json:"url,omitempty"`
	Source      string    `json:"source"`
	PublishedAt time.Time `json:"published_at,omitzero"`

	EntityID string         `json:"entity_id"`
	List     string         `json:"list"`
	Schema   string         `json:"schema"`
	Name     string         `json:"name"`
	Programs []string       `json:"programs,omitempty"`
	Score    float64        `json:"score"`
	Kind     string         `json:"kind"`
	Mentions []AlertMention `json:"mentions"`

	WatchlistVersion string    `json:"watchlist_version"`
	IngestedAt       time.Time `json:"ingested_at"`
	ProducedAt       time.Time `json:"produced_at"`

	// Retro marks an alert raised by retro-screening: an article already
	// in the feed names an entity only a newer watchlist version lists.
	// Its AlertID is RetroAlertID(article, entity, VersionAdded).
	Retro bool `json:"retro,omitempty"`
	// VersionAdded is, on a retro alert, the watchlist version that added
	// the entity or the name ("list@digest").
	VersionAdded string `json:"version_added,omitempty"`
}

// AlertMention is a Mention with a short snippet of the text around it.
type AlertMention struct {
	Mention
	Context string `json:"context"`
}

// ContextRadius is how many bytes of text, at most, a mention's context
// snippet keeps on either side of the mention.
const ContextRadius = 60

// NewAlert builds the alert for one match of a screened event. It takes the
// mention snippets from the screened article's text. The alert of a retro
// screened event is retro too, with its RetroAlertID.
func NewAlert(s *Screened, m Match, severity, rule string, producedAt time.Time) Alert {
	a := s.Article
	mentions := make([]AlertMention, len(m.Mentions))
	for i, mn := range m.Mentions {
		mentions[i] = AlertMention{Mention: mn, Context: Context(a.FieldText(mn.Field), mn.Start, mn.End)}
	}
	id := AlertID(a.ID, m.EntityID)
	if s.Retro {
		id = RetroAlertID(a.ID, m.EntityID, s.VersionAdded)
	}
	return Alert{
		SchemaVersion: SchemaVersion, AlertID: id,
		Severity: severity, Rule: rule,
		ArticleID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, PublishedAt: a.PublishedAt,
		EntityID: m.EntityID, List: m.List, Schema: m.Schema, Name: m.Name,
		Programs: m.Programs, Score: m.Score, Kind: m.Kind, Mentions: mentions,
		WatchlistVersion: s.WatchlistVersion, IngestedAt: a.IngestedAt, ProducedAt: producedAt,
		Retro: s.Retro, VersionAdded: s.VersionAdded,
	}
}

// Context returns text[start:end] with up to ContextRadius bytes on either
// side, cut on UTF-8 boundaries, with line breaks and tabs shown as spaces
// and the ends trimmed of spaces. Offsets outside the text are clamped.
func Context(text string, start, end int) string {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	from := max(0, start-ContextRadius)
	for from < start && !utf8.RuneStart(text[from]) {
		from++
	}
	to := min(len(text), end+ContextRadius)
	for to > end && to < len(text) && !utf8.RuneStart(text[to]) {
		to--
	}
	flat := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, text[from:to])
	return strings.TrimSpace(flat)
}
