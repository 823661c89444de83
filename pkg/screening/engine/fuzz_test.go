package engine

import (
	"testing"
	"unicode/utf8"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// FuzzScreen feeds the engine arbitrary text: it must not panic, and every
// mention must point at its text.
func FuzzScreen(f *testing.F) {
	for _, s := range []string{
		"Russian President Vladimir Putin met Kim Jong Un.",
		"Patru-\nshev, PATRUSHEV, Nikolai Platonovich; Путин's",
		"the tanker Snow (IMO 9357729), Hawk and Dan",
		"al-Qaeda-linked ‘El Chapo’ Guzmán’s \x00\xff\xfe",
		"",
		"A",
	} {
		f.Add(s)
	}
	l := &watchlist.List{Name: "t", Version: "sha256:t", Entities: []watchlist.Entity{
		{ID: "p", List: "t", Schema: watchlist.Person, Name: "PUTIN, Vladimir Vladimirovich", Programs: []string{"RUSSIA-EO14024"}, Title: "President"},
		{ID: "k", List: "t", Schema: watchlist.Person, Name: "KIM, Jong Un"},
		{ID: "s", List: "t", Schema: watchlist.Vessel, Name: "SNOW"},
		{ID: "q", List: "t", Schema: watchlist.Organization, Name: "AL QA'IDA", Aliases: []watchlist.Alias{{Name: "AL QAEDA", Strength: watchlist.Strong}}},
	}}
	e, err := New(l)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range e.Screen(Document{ID: "x", Fields: []Field{{Name: "body", Text: text}}}, 0) {
			for _, mn := range m.Mentions {
				if mn.Start < 0 || mn.End > len(text) || mn.Start >= mn.End || text[mn.Start:mn.End] != mn.Text {
					t.Fatalf("mention %+v does not point at its text in %q", mn, text)
				}
				if utf8.ValidString(text) && !utf8.ValidString(mn.Text) {
					t.Fatalf("mention %+v cuts a rune in %q", mn, text)
				}
			}
		}
	})
}
