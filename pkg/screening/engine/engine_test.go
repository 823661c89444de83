package engine

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// TestMentionsPointAtTheirText checks the offsets contract on the fixtures:
// each mention's text is its field's text between start and end, cut on
// rune boundaries.
func TestMentionsPointAtTheirText(t *testing.T) {
	e := mustOFAC(t)
	n := 0
	for _, a := range readLabelled(t, "testdata/quality/articles.jsonl") {
		fields := map[string]string{"title": a.Title, "body": a.Body}
		doc := Document{ID: a.ID, Fields: []Field{{Name: "title", Text: a.Title}, {Name: "body", Text: a.Body}}}
		for _, m := range e.Screen(doc, 0) {
			if m.Score < 0 || m.Score > 1 {
				t.Errorf("%s %s: score %v outside [0,1]", a.ID, m.EntityID, m.Score)
			}
			for _, mn := range m.Mentions {
				text := fields[mn.Field]
				if mn.Start < 0 || mn.End > len(text) || mn.Start >= mn.End || text[mn.Start:mn.End] != mn.Text ||
					!utf8.RuneStart(text[mn.Start]) || mn.End < len(text) && !utf8.RuneStart(text[mn.End]) {
					t.Fatalf("%s %s: mention %+v does not point at its text", a.ID, m.EntityID, mn)
				}
				n++
			}
		}
	}
	if n < 200 {
		t.Errorf("only %d mentions checked", n)
	}
}

// TestTokenizer shows how text becomes words: offsets into the text,
// canonical keys, and the flags the rules read.
func TestTokenizer(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // original text of each word, then its key
	}{
		{"Shoigu's plan", []string{"Shoigu", "shoigu", "plan", "plan"}},
		{"al-Shabaab-linked", []string{"al", "al", "Shabaab", "shabab", "linked", "linked"}},
		{"Patru-\nshev said", []string{"Patru-\nshev", "patrushev", "said", "said"}},
		{"Путин и Шойгу", []string{"Путин", "putin", "и", "i", "Шойгу", "shoigu"}},
		{"Joaquín GUZMÁN", []string{"Joaquín", "joakuin", "GUZMÁN", "guzman"}},
		{"Hizballah, Qadhafi", []string{"Hizballah", "hizbalah", "Qadhafi", "kadafi"}},
		{"O'Brien told Reuters", []string{"O'Brien", "obrien", "told", "told", "Reuters", "reuters"}},
	} {
		var tz tokenizer
		tz.tokenize(tc.text)
		var got []string
		for i := range tz.toks {
			tz.ensure(i)
			tk := &tz.toks[i]
			got = append(got, tc.text[tk.start:tk.end], string(tz.key(tk)))
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
				break
			}
		}
	}
}

// TestTheFeedsBuildWhatTheBuilderWould builds an engine over the OFAC list
// and 30,000 generated names (several of the feeds' batches of paths)
// twice: with the tries filled on goroutines of their own (see feed), as
// New does, and with the builder inserting each path itself. The tries,
// node for node, and the variants are the same.
func TestTheFeedsBuildWhatTheBuilderWould(t *testing.T) {
	lists := []*watchlist.List{mustOFAC(t).Lists()[0], synthList(30000, 7)}
	a, err := New(lists...)
	if err != nil {
		t.Fatal(err)
	}
	bd, err := prepare(lists)
	if err != nil {
		t.Fatal(err)
	}
	bd.insertHere() // before the first entry: no feed takes part
	b := bd.build(lists)
	for _, tr := range []struct {
		name string
		a, b *trie
	}{{"exact", a.ix.exact, b.ix.exact}, {"fuzzy", a.ix.fuzzy, b.ix.fuzzy}} {
		if tr.a.nodes != tr.b.nodes || !slices.Equal(tr.a.roots.slots, tr.b.roots.slots) || !slices.Equal(tr.a.trans.slots, tr.b.trans.slots) ||
			!slices.Equal(tr.a.termOff, tr.b.termOff) || !slices.Equal(tr.a.terms, tr.b.terms) || !slices.Equal(tr.a.lowerKids, tr.b.lowerKids) {
			t.Errorf("the %s trie the feeds built differs from the builder's own (%d and %d nodes)", tr.name, tr.a.nodes, tr.b.nodes)
		}
	}
	if !slices.Equal(a.ix.variants, b.ix.variants) {
		t.Errorf("the variants differ (%d and %d)", len(a.ix.variants), len(b.ix.variants))
	}
	if a.ix.exact.nodes < 100_000 {
		t.Errorf("the exact trie has %d nodes: the lists should give well over a batch of paths", a.ix.exact.nodes)
	}
}
