package engine

import (
	"testing"
	"unicode/utf8"
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
