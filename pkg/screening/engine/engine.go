package engine

import (
	"strings"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Engine screens documents against watchlists. PLACEHOLDER implementation
// (exact case-insensitive primary-name substring) until the real index lands.
type Engine struct {
	entities []watchlist.Entity
	versions []string
}

// New builds an engine over the given lists.
func New(lists ...*watchlist.List) (*Engine, error) {
	e := &Engine{}
	for _, l := range lists {
		e.entities = append(e.entities, l.Entities...)
		e.versions = append(e.versions, l.Version)
	}
	return e, nil
}

// Version identifies the lists the engine was built from.
func (e *Engine) Version() string { return strings.Join(e.versions, "+") }

// Screen returns the entries the document names with a score of at least minScore.
func (e *Engine) Screen(doc Document, minScore float64) []Match {
	var out []Match
	for _, ent := range e.entities {
		var m *Match
		for _, f := range doc.Fields {
			i := strings.Index(strings.ToLower(f.Text), strings.ToLower(ent.Name))
			if i < 0 {
				continue
			}
			if m == nil {
				m = &Match{EntityID: ent.ID, List: ent.List, Schema: ent.Schema, Name: ent.Name, Programs: ent.Programs, Score: 1, Kind: "exact"}
			}
			m.Mentions = append(m.Mentions, Mention{Field: f.Name, Start: i, End: i + len(ent.Name), Text: f.Text[i : i+len(ent.Name)]})
		}
		if m != nil && m.Score >= minScore {
			out = append(out, *m)
		}
	}
	return out
}
