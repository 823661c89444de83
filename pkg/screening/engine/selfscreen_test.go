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

// TestShortNamesInContextAndElsewhere screens every listed person by the
// short name news uses once it has named them (the first given name and
// the first surname: "Ismael Zambada" for ZAMBADA GARCIA, Ismael; family
// name first for Koreans), twice: in a sentence with the listing's country
// and program topics, where the engine must find nearly all, and in a
// local-news sentence about a teacher, where such a name is a namesake's
// and fewer may alert (the distinctive ones may: "Aleksei Krivoruchko").
// Before the rule that a short name needs a word of the listing's context
// ("Jose Rueda", "Ahmed Wazir", "Valery Medvedev") and the longer list of
// common names ("Eric Chen"), 87 % of them alerted there (4,088 of 4,705)
// and 96.2 % were found in context; then 20 % and 97.1 %; now, with a
// short name that stands alone weighed at 0.7 of itself (a name without
// its patronymic, "Sergey Lukin", scored 0.71 at 0.75), 13 % and 97.4 %.
func TestShortNamesInContextAndElsewhere(t *testing.T) {
	e := mustOFAC(t)
	var tally shortNames
	for _, l := range e.Lists() {
		for i := range l.Entities {
			ent := &l.Entities[i]
			if name, ok := shortNewsName(ent); ok {
				tally.probe(e, ent, name)
			}
		}
	}
	tally.check(t, "persons' short names", 4000, 0.96, 0.15)
}

// shortNames tallies short names screened in their listing's context and
// in a local-news sentence about a namesake (see
// TestShortNamesInContextAndElsewhere).
type shortNames struct {
	n, inContext, elsewhere int
	missed, alerted         []string
}

// probe screens name, a short name of ent, in both sentences.
func (s *shortNames) probe(e *Engine, ent *watchlist.Entity, name string) {
	s.n++
	text := fmt.Sprintf("%s was named by the Treasury%s on Tuesday. Officials cited %s in the statement.", name, countryPhrase(ent), topicPhrase(ent))
	if found, _ := screensAs(e, ent.ID, text); found {
		s.inContext++
	} else if len(s.missed) < 20 {
		s.missed = append(s.missed, fmt.Sprintf("%s %q", ent.ID, name))
	}
	text = fmt.Sprintf("%s, a 34-year-old teacher from Phoenix, was honored at a school board meeting on Tuesday.", name)
	if _, first := screensAs(e, ent.ID, text); first != "" {
		s.elsewhere++
		if len(s.alerted) < 20 {
			s.alerted = append(s.alerted, fmt.Sprintf("%q: %s", name, first))
		}
	}
}

// check wants at least minN names, at least minFound of them found in
// context and at most maxStray alerting in the local-news sentence.
func (s *shortNames) check(t *testing.T, what string, minN int, minFound, maxStray float64) {
	t.Helper()
	found, stray := ratio(s.inContext, s.n), ratio(s.elsewhere, s.n)
	t.Logf("%d %s: found in their listing's context %d (%.4f); alerting in a local-news sentence %d (%.4f)", s.n, what, s.inContext, found, s.elsewhere, stray)
	if s.n < minN || found < minFound {
		t.Errorf("%s found in context: %d of %d (%.4f), want at least %.2f; missed: %s", what, s.inContext, s.n, found, minFound, strings.Join(s.missed, ", "))
	}
	if stray > maxStray {
		t.Errorf("%s alerting in a local-news sentence: %d of %d (%.4f), want at most %.2f; e.g. %s", what, s.elsewhere, s.n, stray, maxStray, strings.Join(s.alerted, ", "))
	}
}

// shortNewsName writes a person's short name as news does, if the listing
// gives more than that: given name and surname, each its first word (a
// title before the given name dropped, the particles before a surname
// kept: "Gabriela Del Villar", "Usama bin Ladin"), or for a Korean the
// family name and the given name.
func shortNewsName(ent *watchlist.Entity) (string, bool) {
	i := strings.IndexByte(ent.Name, ',')
	if ent.Schema != watchlist.Person || i <= 0 {
		return "", false
	}
	family, given := strings.Fields(ent.Name[:i]), strings.Fields(ent.Name[i+1:])
	for len(given) > 1 && isHonorific(given[0]) {
		given = given[1:]
	}
	if len(family) == 0 || len(given) == 0 || len(family)+len(given) < 3 || korean(ent) && len(given) < 2 {
		return "", false // the short name is the whole name
	}
	if korean(ent) {
		return titleCase(family[0] + " " + strings.Join(given, " ")), true
	}
	k := 0
	for k < len(family)-1 && particles.hasWord(canonString(strings.ToLower(strings.Trim(family[k], "'")))) {
		k++
	}
	return titleCase(given[0] + " " + strings.Join(family[:k+1], " ")), true
}

// TestAliasShortNamesInContextAndElsewhere is TestShortNamesInContextAndElsewhere
// for the short names of persons' strong aliases ("Mohammed Nabi" for the
// alias NABI, Mohammed Fadl Abdul of AL-NABI, Muhammad Fadl Abd). They read
// as the listed name's short forms do: with a word of the listing's
// context, or for a prominent person. Before, 74.7 % of them (3,546 of
// 4,747) alerted in the local-news sentence, and 91.1 % were found in
// context; then 28 % and 90.8 % (the 15 lost are common names such as
// "Anwar Khan" and "Muhammed Ali", and two spellings of Saif al-Islam
// Qadhafi's, an alias the list gives two people); then 26 % and 91.4 %;
// now, Burmese honorifics dropped (13 names fewer: "U Oo" for OO, U Tin),
// 26 % and 91.5 % of 4,734.
func TestAliasShortNamesInContextAndElsewhere(t *testing.T) {
	e := mustOFAC(t)
	var tally shortNames
	for _, l := range e.Lists() {
		for i := range l.Entities {
			ent := &l.Entities[i]
			if ent.Schema != watchlist.Person {
				continue
			}
			for _, a := range ent.Aliases {
				alias := watchlist.Entity{Schema: ent.Schema, Name: a.Name, Countries: ent.Countries, Programs: ent.Programs} // Koreans family name first
				if name, ok := shortNewsName(&alias); ok && a.Strength == watchlist.Strong {
					tally.probe(e, ent, name)
				}
			}
		}
	}
	tally.check(t, "short names of aliases", 4000, 0.90, 0.30)
}

// TestCommonNamesTransliterated screens every listed person whose name
// holds a common Arabic given name by the name with that word in another
// transliteration ("Mohammed" for MUHAMMAD, "Umar" for OMAR, "Abdalla"
// for ABDULLAH), in a sentence with the listing's context: it must be
// found nearly as often as the listed spelling. Before, 687 of the 884
// found as listed were found so (77.7 %): a respelled common name counted
// as another person's ("Abu Mohammed al-Golani" scored 0.53), a respelling
// lost to two common words that are another listed name ("Mohammed Said"
// in "Mohammed Said Kazim Al-Sahhaf"), and "Umar"/"Omar", "Abdalla"/
// "Abdullah" were no respellings; then 794 of 885 (89.7 %). Respellings
// that start with a short word ("Ali Saddam Husain Al-Tikriti"), outrun a
// shorter name found as written by two words or more, hold an ayn
// ("'Abd al-Rahman") or write u as "ou" ("Yousef" for YUSUF) took it to
// 858 (96.9 %); most of the rest are two common names ("Mohammed
// Ibrahim"), which need more than the name.
func TestCommonNamesTransliterated(t *testing.T) {
	e := mustOFAC(t)
	spellings := [][]string{
		{"Muhammad", "Mohammed", "Mohamed", "Mohammad", "Muhammed"},
		{"Ahmad", "Ahmed"},
		{"Husayn", "Hussein", "Husain", "Hussain"},
		{"Abdallah", "Abdullah", "Abdalla"},
		{"Umar", "Omar"},
		{"Yusuf", "Yousef", "Youssef", "Yousuf"},
		{"Mahmud", "Mahmoud"},
		{"Mustafa", "Mostafa", "Moustafa"},
		{"Hamid", "Hamed"},
		{"Said", "Saeed", "Saeid", "Sayed"},
	}
	respell := func(name string) string {
		words := strings.Fields(name)
		for i, w := range words {
			for _, g := range spellings {
				for k, s := range g {
					if strings.EqualFold(w, s) {
						words[i] = g[(k+1)%len(g)]
						return strings.Join(words, " ")
					}
				}
			}
		}
		return ""
	}
	asListed, respelled, missed := foundWrittenOtherwise(e, watchlist.Person, respell)
	r := ratio(respelled, asListed)
	t.Logf("%d of %d persons found as listed are found in another transliteration of a common name (%.4f)", respelled, asListed, r)
	if asListed < 800 || r < 0.95 {
		t.Errorf("%d of %d found respelled (%.4f), want at least 0.95; missed: %s", respelled, asListed, r, strings.Join(missed, "; "))
	}
}

// screensAs screens text and reports whether entity id is among the
// matches, and the name of the first match, if any.
func screensAs(e *Engine, id, text string) (found bool, first string) {
	for _, m := range e.Screen(Document{ID: id, Fields: []Field{{Name: "body", Text: text}}}, DefaultMinScore) {
		found = found || m.EntityID == id
		if first == "" {
			first = m.Name
		}
	}
	return found, first
}

// TestNamesSpeltTheOtherSide screens every organisation whose listed name
// holds a word that British and American English spell apart (DEFENSE,
// ORGANIZATION, CENTER...) by its name spelt the other way, in a sentence
// with its listing's context: it must be found as often as by its name as
// listed. Before, 29 of the 217 found as listed were found so ("Ministry
// of Defence and Armed Forces Logistics" found nothing; a respelling
// counted only in names of more than one distinctive word); now all.
func TestNamesSpeltTheOtherSide(t *testing.T) {
	e := mustOFAC(t)
	swap := strings.NewReplacer("Defense", "Defence", "Defence", "Defense", "Organization", "Organisation", "Organisation", "Organization",
		"Center", "Centre", "Centre", "Center", "Labor", "Labour", "Aluminum", "Aluminium", "Aluminium", "Aluminum")
	asListed, other, missed := foundWrittenOtherwise(e, watchlist.Organization, func(name string) string {
		if spelt := swap.Replace(name); spelt != name {
			return spelt
		}
		return ""
	})
	t.Logf("%d of %d organisations found as listed are found spelt the other side of the Atlantic", other, asListed)
	if asListed < 100 || other < asListed {
		t.Errorf("%d of %d found spelt the other way, want all; missed: %s", other, asListed, strings.Join(missed, "; "))
	}
}

// foundWrittenOtherwise screens the entries of a schema that write (their
// news names rewritten by other) gives another name for, both ways, in a
// sentence with their listing's context: it returns how many were found
// by the name as listed, how many of those by the other, and some missed.
func foundWrittenOtherwise(e *Engine, schema watchlist.Schema, write func(string) string) (asListed, other int, missed []string) {
	for _, l := range e.Lists() {
		for i := range l.Entities {
			ent := &l.Entities[i]
			name := newsName(ent)
			otherName := write(name)
			if ent.Schema != schema || otherName == "" {
				continue
			}
			sentence := func(name string) string {
				return fmt.Sprintf("%s was named by the Treasury%s on Tuesday. Officials cited %s in the statement.", name, countryPhrase(ent), topicPhrase(ent))
			}
			if found, _ := screensAs(e, ent.ID, sentence(name)); !found {
				continue
			}
			asListed++
			if found, _ := screensAs(e, ent.ID, sentence(otherName)); found {
				other++
			} else if len(missed) < 20 {
				missed = append(missed, fmt.Sprintf("%q for %s", otherName, ent.Name))
			}
		}
	}
	return asListed, other, missed
}

// TestAnotherSecondSurname screens every listed person with two surnames
// ("ZAMBADA GARCIA, Ismael") by the given name, the first surname and
// another second surname ("Ismael Zambada Quintanilla"), in a sentence
// with the listing's context: that is another member of the family (a
// son, "Ismael Zambada Sicairos"), and few may alert; by the listed second
// surname they are found as before (TestTheListFindsItself). Before,
// 1,133 of 1,178 such names alerted for the listed person (96 %); now 4
// (0.3 %).
func TestAnotherSecondSurname(t *testing.T) {
	e := mustOFAC(t)
	var n, alerted int
	var e1 []string
	for _, l := range e.Lists() {
		for i := range l.Entities {
			ent := &l.Entities[i]
			c := strings.IndexByte(ent.Name, ',')
			if ent.Schema != watchlist.Person || c <= 0 {
				continue
			}
			family, given := strings.Fields(ent.Name[:c]), strings.Fields(ent.Name[c+1:])
			if len(family) != 2 || len(given) == 0 || particles.hasWord(strings.ToLower(family[0])) || particles.hasWord(strings.ToLower(family[1])) {
				continue
			}
			name := titleCase(given[0] + " " + family[0] + " Quintanilla")
			text := fmt.Sprintf("%s was named by the Treasury%s on Tuesday. Officials cited %s in the statement.", name, countryPhrase(ent), topicPhrase(ent))
			n++
			if found, _ := screensAs(e, ent.ID, text); found {
				alerted++
				if len(e1) < 10 {
					e1 = append(e1, fmt.Sprintf("%q: %s", name, ent.Name))
				}
			}
		}
	}
	r := ratio(alerted, n)
	t.Logf("%d of %d persons with two surnames alert by another second surname (%.4f)", alerted, n, r)
	if n < 1000 || r > 0.05 {
		t.Errorf("%d of %d alert by another second surname (%.4f), want at most 0.05; e.g. %s", alerted, n, r, strings.Join(e1, "; "))
	}
}
