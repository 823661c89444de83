package events

import "time"

// Screened is the tagger's output on SCREENED (news.screened): an article
// with every watchlist entry it names. Only articles with at least one match
// are published. Its Nats-Msg-Id is ScreenedMsgID(article id, watchlist version).
//
// A retro screened event (Retro true) comes from screening an article
// already in NEWS again, for the names a new watchlist version added: its
// Matches are only the entries that version made the article name, and
// VersionAdded is that version ("list@digest"). Its Nats-Msg-Id is
// RetroScreenedMsgID(article id, VersionAdded).
type Screened struct {
	SchemaVersion int     `json:"schema_version"`
	Article       Article `json:"article"`
	// WatchlistVersion identifies the lists the article was screened against.
	WatchlistVersion string    `json:"watchlist_version"`
	ScreenedAt       time.Time `json:"screened_at"`
	Matches          []Match   `json:"matches"`
	// Retro marks an event of retro-screening.
	Retro bool `json:"retro,omitempty"`
	// VersionAdded is, on a retro event, the watchlist version that added
	// the matched names: the list's name, "@", and its version digest.
	VersionAdded string `json:"version_added,omitempty"`
}

// Match is one watchlist entry that an article names.
type Match struct {
	EntityID string   `json:"entity_id"`
	List     string   `json:"list"`
	Schema   string   `json:"schema"`
	Name     string   `json:"name"`
	Programs []string `json:"programs,omitempty"`
	Score    float64  `json:"score"`
	// Kind says how the name matched, as the screening engine reports it.
	Kind     string    `json:"kind"`
	Mentions []Mention `json:"mentions"`
}

// Mention is one place where the article names the entry: Start and End are
// byte offsets into the article's field ("title" or "body"), and Text is
// the field's text between them.
type Mention struct {
	Field string `json:"field"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// FieldText returns the article's text for a mention's field name.
func (a *Article) FieldText(field string) string {
	switch field {
	case "title":
		return a.Title
	case "body":
		return a.Body
	}
	return ""
}
