package engine

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// TestTheListFindsItself screens every person and organisation of the
// bundled OFAC list by its own primary name, written as news writes it
// (given name first, in title case), in a sentence with its listing's
// country and program topics: the engine must find nearly all of them.
// What it may miss are names that the list gives to two entries, common
// names, and one-word names that need more than this sentence says. The
// test caught names whose words in lower case were indexed empty ("Saif
// al-Islam", "Jose de Jesus"), which no labelled article happened to hold.
func TestTheListFindsItself(t *testing.T) {
	e := mustOFAC(t)
	type tally struct{ n, found int }
	counts := map[watchlist.Schema]*tally{watchlist.Person: {}, watchlist.Organization: {}}
	var missed []string
	for _, l := range e.Lists() {
		for i := range l.Entities {
			ent := &l.Entities[i]
			c, ok := counts[ent.Schema]
			if !ok {
				continue
			}
			name := newsName(ent)
			text := fmt.Sprintf("%s was named by the Treasury%s on Tuesday. Officials cited %s in the statement.", name, countryPhrase(ent), topicPhrase(ent))
			c.n++
			found := false
			for _, m := range e.Screen(Document{ID: ent.ID, Fields: []Field{{Name: "body", Text: text}}}, DefaultMinScore) {
				found = found || m.EntityID == ent.ID
			}
			if found {
				c.found++
			} else if len(missed) < 40 {
				missed = append(missed, fmt.Sprintf("%s %q", ent.ID, name))
			}
		}
	}
	for schema, min := range map[watchlist.Schema]float64{watchlist.Person: 0.995, watchlist.Organization: 0.99} {
		c := counts[schema]
		r := ratio(c.found, c.n)
		t.Logf("%s: %d of %d found by their own names (%.4f)", schema, c.found, c.n, r)
		if c.n < 1000 || r < min {
			t.Errorf("%s: %d of %d found (%.4f), want at least %.3f; missed: %s", schema, c.found, c.n, r, min, strings.Join(missed, ", "))
		}
	}
}

// newsName writes an entry's primary name as news would: "SAEED, Hafiz
// Muhammad" as "Hafiz Muhammad Saeed", "BANK MELLI IRAN" as "Bank Melli
// Iran".
func newsName(ent *watchlist.Entity) string {
	if i := strings.IndexByte(ent.Name, ','); ent.Schema == watchlist.Person && i > 0 {
		return titleCase(strings.TrimSpace(ent.Name[i+1:])) + " " + titleCase(ent.Name[:i])
	}
	return titleCase(ent.Name)
}

// smallWords stay in lower case inside a name written in title case.
var smallWords = map[string]bool{"de": true, "del": true, "la": true, "las": true, "los": true, "y": true, "e": true, "and": true, "of": true,
	"the": true, "for": true, "in": true, "da": true, "do": true, "dos": true, "van": true, "von": true, "der": true, "et": true, "du": true, "des": true, "al": true}

// titleCase capitalises a name's words as news does: the first letter of
// each part, small words in lower case, abbreviations ("S.A.") and
// acronyms without a vowel ("VTB") as listed.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			lower := strings.ToLower(p)
			switch {
			case strings.Contains(p, ".") && len(p) <= 8, acronymLike(p):
			case (i > 0 || j > 0) && smallWords[lower]:
				parts[j] = lower
			default:
				parts[j] = capitalise(lower)
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func acronymLike(p string) bool {
	if len(p) < 2 || len(p) > 5 {
		return false
	}
	for _, r := range p {
		if r < 'A' || r > 'Z' || strings.ContainsRune("AEIOUY", r) {
			return false
		}
	}
	return true
}

// capitalise upper-cases the first letter of w and the first after an
// apostrophe at its start ("'ABD" -> "'Abd").
func capitalise(w string) string {
	rs := []rune(w)
	for k, r := range rs {
		if unicode.IsLetter(r) {
			rs[k] = unicode.ToUpper(r)
			break
		}
	}
	return string(rs)
}

func countryPhrase(ent *watchlist.Entity) string {
	if len(ent.Countries) == 0 {
		return ""
	}
	c, _, _ := strings.Cut(ent.Countries[0], ",")
	return " in " + c
}

// topicPhrase names up to four of the entry's programs' topic words.
func topicPhrase(ent *watchlist.Entity) string {
	var ws []string
	for _, p := range ent.Programs {
		for _, t := range programTopics {
			if strings.HasPrefix(strings.ToUpper(p), t.prefix) {
				f := strings.Fields(t.words)
				ws = append(ws, f[:min(3, len(f))]...)
			}
		}
	}
	if len(ws) == 0 {
		return "sanctions"
	}
	return strings.Join(ws[:min(4, len(ws))], ", ")
}
