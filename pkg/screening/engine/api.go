// Package engine finds the entries of sanctions watchlists that a text names.
//
// An Engine is built once from one or more lists and is then safe for
// concurrent use by any number of goroutines; Screen allocates nothing for
// text that names no entry.
package engine

import "github.com/watchwire/watchwire/pkg/screening/watchlist"

// Field is one named piece of a document's text, such as its title or body.
type Field struct {
	Name string
	Text string
}

// Document is what Screen reads: an id and its text fields.
type Document struct {
	ID     string
	Fields []Field
}

// Mention is one place where a document names an entry. Start and End are
// byte offsets into the field's text; Text equals text[Start:End].
type Mention struct {
	Field string `json:"field"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Match is one entry that a document names, with every mention of it.
type Match struct {
	EntityID string           `json:"entity_id"`
	List     string           `json:"list"`
	Schema   watchlist.Schema `json:"schema"`
	Name     string           `json:"name"`
	Programs []string         `json:"programs,omitempty"`
	Score    float64          `json:"score"`
	Kind     string           `json:"kind"`
	Mentions []Mention        `json:"mentions"`
}

// DefaultMinScore is the recommended operating point: matches scoring below
// it are not reported by default.
const DefaultMinScore = 0.7
