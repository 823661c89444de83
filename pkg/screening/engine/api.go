// Package engine finds the entries of sanctions watchlists that a text names.
//
// An Engine is built once from one or more lists and is then safe for
// concurrent use by any number of goroutines; Screen allocates nothing for
// text that names no entry.
//
// How it works, in the order of a screen:
//
//   - token.go reads the text once into words: ASCII fast path, Latin
//     diacritics folded, Cyrillic and Greek transliterated, each word's
//     canonical key (spelling variants merged: y/i, kh/h, q/k, doubled
//     letters) hashed; plain lower-case words keep no key until asked.
//   - names.go indexed every entry under its name variants (both orders,
//     given name and surname, without particles, legal forms or a second
//     surname; surnames alone where they can name a person alone) in two
//     tries over word hashes (index.go): exact keys, and spelling
//     skeletons for transliterations the keys don't merge (spell.go).
//   - scan.go finds the leftmost-longest names from capitalised words and
//     particles, judging each on its words: capitals, acronyms, ordinary
//     words, shipping words around a vessel's name, a place after a name.
//   - resolve.go and evidence.go decide per entity with what the article
//     says around the hits: the listing's context words (context.go), an
//     entry's prominence, namesakes, collisions between entries, surnames
//     of people named in full; and score each match (kind, score).
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
