package engine

import (
	"fmt"
	"strings"
	"sync"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Engine screens documents against watchlists.
type Engine struct {
	ix      *index
	version string
	lists   []*watchlist.List
	pool    sync.Pool // *scan
}

// New builds an engine over the given lists. The lists must not change
// afterwards.
func New(lists ...*watchlist.List) (*Engine, error) {
	b, err := prepare(lists)
	if err != nil {
		return nil, err
	}
	return b.build(lists), nil
}

// prepare checks the lists and makes the builder for them, with the word
// lists every engine reads.
func prepare(lists []*watchlist.List) (*builder, error) {
	w, err := embeddedWords()
	if err != nil {
		return nil, err
	}
	n := 0
	for _, l := range lists {
		if l == nil {
			return nil, fmt.Errorf("engine: nil watchlist")
		}
		n += len(l.Entities)
	}
	b := newBuilder(w.dict, w.spelled, w.proper, n)
	b.inlinks = countLinks(lists)
	return b, nil
}

// build adds every entry of the lists and freezes the engine.
func (b *builder) build(lists []*watchlist.List) *Engine {
	versions := make([]string, 0, len(lists))
	for _, l := range lists {
		versions = append(versions, l.Name+"@"+l.Version)
		for i := range l.Entities {
			b.addEntity(&l.Entities[i])
		}
	}
	e := &Engine{ix: b.freeze(), version: strings.Join(versions, ","), lists: lists}
	e.pool.New = func() any { return new(scan) }
	return e
}

// countLinks counts, for each listed name, the entries linked to it.
func countLinks(lists []*watchlist.List) map[string]int {
	m := make(map[string]int)
	for _, l := range lists {
		for i := range l.Entities {
			for _, n := range l.Entities[i].LinkedTo {
				m[strings.ToUpper(n)]++
			}
		}
	}
	return m
}

// Version identifies the lists the engine was built from: "name@digest"
// for each list, joined by commas.
func (e *Engine) Version() string { return e.version }

// Lists returns the lists the engine was built from.
func (e *Engine) Lists() []*watchlist.List { return e.lists }

// Screen returns the entries that the document names with a score of at
// least minScore, ordered by their first mention. It is safe for
// concurrent use.
func (e *Engine) Screen(doc Document, minScore float64) []Match {
	s := e.pool.Get().(*scan)
	defer e.pool.Put(s)
	s.reset(e.ix, doc)
	for f := range doc.Fields {
		s.scanField(f)
	}
	if len(s.hits) == 0 {
		return nil
	}
	return s.resolve(minScore)
}
