package engine

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// addEntity indexes every variant of an entity's names.
func (b *builder) addEntity(e *watchlist.Entity) {
	id := int32(len(b.ix.entities))
	// An organisation the list ties to no country may name one ("COMMUNIST
	// PARTY OF PERU ON THE SHINING PATH"): the country is its own ("Peru's
	// Shining Path guerrillas"). Not a prominent one's: HIZBALLAH's aliases
	// name Lebanon and Palestine, which a story about Yemen's Ansar Allah
	// (another of its aliases) may mention too.
	promin := prominence(e, b.inlinks[strings.ToUpper(e.Name)])
	placed := e
	if len(e.Countries) == 0 && e.Schema != watchlist.Person && promin < 2 {
		if cs := namedCountries(e); len(cs) > 0 {
			c := *e
			c.Countries = cs
			placed = &c
		}
	}
	info := entityInfo{e: e, context: b.contextOf(placed), promin: promin, leader: leaderTitle(e), countries: b.countriesOf(placed)}
	if y := earliest(e.BirthYears); y >= youngBorn {
		b.ix.born[id] = y
	}
	if hs := titleKeys(e.Title); len(hs) > 0 {
		b.ix.titles[id] = hs
	}
	clear(b.seen)
	clear(b.unlike)
	b.person = e.Schema == "Person"
	b.promin = info.promin
	natural := e.List != "ofac" // OFAC writes "FAMILY, Given"; other lists write names in natural order
	switch e.Schema {
	case watchlist.Person:
		b.addPerson(id, &info, e.Name, kName, natural)
		for _, a := range e.Aliases {
			b.addPerson(id, &info, a.Name, aliasKind(a.Strength), natural && a.Strength != watchlist.Weak)
			b.addNickname(id, e, a)
		}
	default:
		flags := uint16(0)
		switch e.Schema {
		case watchlist.Vessel:
			flags = vVessel
		case watchlist.Aircraft:
			flags = vAircraft
		}
		b.addThing(id, e.Name, kName, flags)
		for _, a := range e.Aliases {
			if k := aliasKind(a.Strength); k == kAlias && sameLetters(a.Name, e.Name) {
				b.addThing(id, a.Name, kName, flags|vApart) // the name itself, written apart: "ANSAR ALLAH" for ANSARALLAH
			} else {
				b.addThing(id, a.Name, k, flags)
			}
		}
	}
	b.ix.entities = append(b.ix.entities, info)
}

// sameLetters reports whether a and b are the same letters and digits
// once folded as the engine folds text (case, accents, spaces and
// punctuation aside).
func sameLetters(a, b string) bool {
	return foldedLetters(a) == foldedLetters(b)
}

// foldedLetters returns the letters and digits of s, folded (see foldRune).
func foldedLetters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f := foldRune(r); f != "\x00" {
			b.WriteString(f)
		}
	}
	return b.String()
}

func aliasKind(s watchlist.Strength) kind {
	switch s {
	case watchlist.Weak:
		return kWeak
	case watchlist.Formerly:
		return kFormer
	}
	return kAlias
}

// splitPerson splits a person's name into given and family tokens. OFAC
// writes "FAMILY, Given Middle"; a name without a comma is in natural order
// when natural is set (surname last), and is otherwise taken whole.
// It also returns how many of the given tokens the first given name
// makes: more than one where it is hyphenated ("Turpal-Ali").
func (b *builder) splitPerson(name string, natural bool) (given, family []string, first int, ok bool) {
	if i := strings.IndexByte(name, ','); i >= 0 {
		g := name[i+1:]
		for {
			w, rest := firstWord(g)
			if strings.TrimSpace(rest) == "" || !isHonorific(w) {
				break
			}
			g = rest // "YASSIN, Sheik Ahmed Ismail": Sheik is a title
		}
		return b.words(g), b.words(name[:i]), b.firstName(g), true
	}
	w := b.words(name)
	if !natural || len(w) < 2 {
		return nil, w, 0, false
	}
	return w[:len(w)-1], w[len(w)-1:], b.firstName(name), true
}

// firstName returns how many tokens the first word of given makes, as
// written: more than one with a hyphen.
func (b *builder) firstName(given string) int {
	if first, _ := firstWord(given); strings.IndexByte(first, '-') >= 0 {
		return max(len(b.words(first)), 1)
	}
	return 1
}

// firstWord splits s after its first word (spaces apart).
func firstWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// addPerson indexes a person's name: both orders, given name and surname
// without middle names or a second surname, and the surname alone.
func (b *builder) addPerson(id int32, info *entityInfo, name string, k kind, natural bool) {
	given, family, first, ok := b.splitPerson(name, natural)
	if !ok {
		b.add(id, k, family, 0, 1)
		return
	}
	if len(given) == 0 {
		b.add(id, k, family, 0, 1)
		return
	}
	for n, g := range given {
		h := hashKey([]byte(g))
		info.given = append(info.given, h)
		b.ix.givenNames[h] = struct{}{}
		if root, ok := patronymRoot(g); ok && n > 0 {
			b.fathers[id] = append(b.fathers[id], hashKey([]byte(root)))
		}
	}
	n := float32(len(given) + len(family))
	partial := k
	if k == kName {
		partial = kPartial
	}
	b.add(id, k, concat(given, family), 0, 1)
	b.add(id, k, concat(family, given), 0, 1)
	g1 := given[:min(first, len(given))] // "Turpal-Ali" for IBRAGIMOV, Turpal-Ali Vakhayevich
	if (particles.hasWord(g1[0]) || korean(info.e)) && len(given) > 1 && len(g1) == 1 {
		g1 = given[:2] // "Abu Bakr", not "Abu"; "Kim Jong Un", not "Kim Jong"
	}
	if len(given) == 2 && eastAsian(info.e) {
		// the given name's two syllables written as one word after the
		// family name, as news writes Chinese names and some Korean ones:
		// "Choe Ryonghae" for CHOE, Ryong Hae, "Wang Guoying" for WANG,
		// Guo Ying
		var jb [32]byte
		var w [8]string
		j := append(append(jb[:0], given[0]...), given[1]...)
		b.add(id, k, append(append(w[:0], family...), string(j[:canon(j)])), 0, 1)
	}
	cov := func(toks int) float32 { return float32(toks) / n }
	if len(given) > len(g1) {
		b.add(id, partial, concat(g1, family), 0, cov(len(g1)+len(family)))
		b.add(id, partial, concat(family, g1), 0, cov(len(g1)+len(family)))
	}
	bare := stripParticles(family)
	if len(bare) < len(family) && len(bare) > 0 {
		b.add(id, partial, concat(given, bare), 0, cov(len(given)+len(bare)))
		b.add(id, partial, concat(g1, bare), 0, cov(len(g1)+len(bare)))
	}
	if particled := family[:len(family)-len(bare)+1]; len(bare) > 1 && len(particled) > 1 {
		// the first surname with its particles: "Gabriela Del Villar" for DEL VILLAR CONTRERAS, Gabriela
		b.add(id, partial, concat(given, particled), vOneSurname, cov(len(given)+len(particled)))
		b.add(id, partial, concat(g1, particled), vOneSurname, cov(len(g1)+len(particled)))
	}
	if len(bare) > 1 { // a second surname: "Ismael Zambada" for ZAMBADA GARCIA, Ismael
		b.add(id, partial, concat(given, bare[:1]), vOneSurname, cov(len(given)+1))
		b.add(id, partial, concat(g1, bare[:1]), vOneSurname, cov(len(g1)+1))
		last := bare[len(bare)-1:] // and, less often, the mother's: "Elvis Amoroso"
		b.add(id, partial, concat(g1, last), vOneSurname, cov(len(g1)+1)*0.8)
	}
	if k == kWeak {
		return
	}
	derived := uint16(0)
	if k == kName {
		b.surname = strings.Join(family, " ")
	} else if k != kAlias || editDistance([]byte(strings.Join(family, " ")), b.surname, 2) > 2 {
		derived = vDerived // the surname of another name: not the one news knows the person by
	}
	b.addSurname(id, info, family, derived)
	if len(bare) < len(family) && len(bare) > 0 {
		b.addSurname(id, info, bare, derived)
	}
	if len(bare) > 1 {
		b.addSurname(id, info, bare[:1], derived)
	}
}

// korean reports whether e is listed under a Korean program: its given
// name's syllables, which the list writes apart ("KIM, Jong Un"), are one
// name, and the first alone is no short form of it ("Kim Jong-kook" is a
// singer).
func korean(e *watchlist.Entity) bool {
	return slices.ContainsFunc(e.Programs, func(p string) bool {
		return strings.HasPrefix(p, "DPRK") || strings.HasPrefix(p, "NKSPEA")
	}) || slices.ContainsFunc(e.Countries, func(c string) bool {
		return strings.Contains(strings.ToLower(c), "korea")
	})
}

// eastAsian reports whether e is a Korean (see korean) or is tied to
// China, Hong Kong or Taiwan, whose given names are syllables the list
// may write apart.
func eastAsian(e *watchlist.Entity) bool {
	return korean(e) || slices.ContainsFunc(e.Countries, func(c string) bool {
		c = strings.ToLower(c)
		return strings.Contains(c, "china") || strings.Contains(c, "hong kong") || strings.Contains(c, "taiwan")
	})
}

// patronymSuffixes end the patronymics of East Slavic names, male and
// female ("Vladimirovich", "Ryhoravich", "Sergeevna"): the builder takes a
// father's given name from them, the scan skips a patronymic the listing
// lacks (see patronymic).
var patronymSuffixes = [...]string{"ovich", "evich", "avich", "ovna", "evna", "avna", "ichna"}

// patronymRoot returns the given name a patronymic key is formed from
// ("aliaksandravich", "sergeevich": aliaksandr, serge), if it is one.
func patronymRoot(k string) (string, bool) {
	for _, suf := range patronymSuffixes {
		if len(k) > len(suf)+2 && strings.HasSuffix(k, suf) {
			return k[:len(k)-len(suf)], true
		}
	}
	return "", false
}

func (b *builder) addSurname(id int32, info *entityInfo, sur []string, flags uint16) {
	if len(sur) == 1 && len(sur[0]) < 3 {
		return
	}
	h := hashKey([]byte(strings.Join(sur, " ")))
	if slices.Contains(info.surnames, h) {
		return
	}
	info.surnames = append(info.surnames, h)
	b.ix.surnameOwners[h]++
	keys := make([]uint64, len(sur))
	for i, w := range sur {
		keys[i] = hashKey([]byte(w))
	}
	info.family = append(info.family, sur)
	info.famKey = append(info.famKey, keys)
	if k := len(info.family) - 1; flags&vDerived != 0 || k >= 16 {
		info.famAlias |= 1 << min(k, 15) // past sixteen, all count as aliases
	}
	b.lone = append(b.lone, loneSurname{id: id, words: sur, key: h, flags: flags})
}

// famed reports whether a person's surname names them alone even where
// other listed people have it as a given name: a leader's title and other
// entries linked to theirs ("Assad" is the president).
func (info *entityInfo) famed() bool {
	return info.leader && info.promin >= 2
}

// loneSurname is a surname that might name its person without the rest of
// the name.
type loneSurname struct {
	id    int32
	words []string
	key   uint64
	flags uint16
}

// addLoneSurnames indexes the surnames that can name a person alone: the
// surname of the name the person is listed under (or its respelling),
// theirs alone or theirs as the most prominent bearer, and neither a
// common name, an ordinary word, a given name nor a place ("Putin",
// "Kadyrov", "Haniyeh"; not "Khan", "Said", "Marco", "Costa"). A surname
// the article uses after the full name is found by resolve instead.
func (b *builder) addLoneSurnames() {
	for _, l := range b.lone {
		if l.flags&vDerived != 0 || b.ix.surnameOwners[l.key] > 1 && b.ix.surnameBest[l.key] != l.id {
			continue
		}
		if len(l.words) == 1 {
			w := l.words[0]
			h := hashKey([]byte(w))
			_, given := b.ix.givenNames[h]
			if given && b.ix.entities[l.id].famed() {
				given = false // "Assad": another's given name, but a head of state's surname
			}
			if len(w) < 4 || given || commonNames.has(h) || placeNames.has(h) || b.ix.dict.has(h) {
				continue
			}
		} else if allCommon(l.words) {
			continue
		}
		clear(b.seen)
		b.person = true // a person's surname
		b.add(l.id, kSurname, l.words, l.flags, 0)
	}
	b.lone = nil
}

// mergeInitials joins runs of one-letter words ("S A" from "S.A.") into
// one, and returns where in w each word of the result starts (and, last,
// len(w)); w itself and no starts if there is no such run.
func mergeInitials(w []string) (out []string, from []int) {
	if !slices.ContainsFunc(w[:max(len(w)-1, 0)], func(s string) bool { return len(s) == 1 }) {
		return w, nil // no run to join (most names): w itself, and nothing allocated
	}
	out = w[:0:0]
	for i := 0; i < len(w); i++ {
		from = append(from, i)
		if len(w[i]) == 1 && i+1 < len(w) && len(w[i+1]) == 1 {
			j := i
			var b strings.Builder
			for ; j < len(w) && len(w[j]) == 1; j++ {
				b.WriteString(w[j])
			}
			out = append(out, b.String())
			i = j - 1
			continue
		}
		out = append(out, w[i])
	}
	return out, append(from, len(w))
}

// addThing indexes an organisation's, vessel's or aircraft's name: as
// listed, without its legal form, and without a leading "al-".
func (b *builder) addThing(id int32, name string, k kind, flags uint16) {
	w := b.words(name)
	acronym := isAcronym(name)
	if len(w) == 1 && len(w[0]) <= 2 && (!acronym || len(strings.TrimSpace(name)) <= 2) {
		return // "LH", "IG": too short to find in text ("PKK", whose key is "pk", is not)
	}
	b.addThingWords(id, w, k, flags, acronym)
	if other, ok := otherSpelling(w); ok {
		b.addThingWords(id, other, k, flags, acronym)
	}
}

// otherSpelling returns name w with its words spelt the other side of the
// Atlantic ("ministry of defence" for MINISTRY OF DEFENSE, "aerospace
// centre" for AEROSPACE CENTER), and whether any word changed.
func otherSpelling(w []string) ([]string, bool) {
	var out []string
	for i, word := range w {
		if o, ok := atlantic[word]; ok {
			if out == nil {
				out = slices.Clone(w)
			}
			out[i] = o
		}
	}
	return out, out != nil
}

// atlantic pairs the American and British spellings of words in listed
// names, both ways, as keys (see canon).
var atlantic = func() map[string]string {
	m := make(map[string]string)
	for _, p := range strings.Fields(`defense:defence defenses:defences organization:organisation organizations:organisations
		center:centre centers:centres labor:labour armor:armour honor:honour aluminum:aluminium`) {
		us, uk, _ := strings.Cut(p, ":")
		us, uk = canonString(us), canonString(uk)
		m[us], m[uk] = uk, us
	}
	return m
}()

// addThingWords indexes the words w of an organisation's, vessel's or
// aircraft's name (see addThing).
func (b *builder) addThingWords(id int32, w []string, k kind, flags uint16, acronym bool) {
	acr := uint16(0)
	if len(w) == 1 && len(w[0]) <= 4 && flags == 0 && acronym {
		acr = vAcronym
	}
	b.add(id, k, w, flags|acr, 1)
	if flags == 0 {
		b.addStateBody(id, k, w)
		b.notePlaced(id, k, w)
		if c, ok := countryOfPeople(w[0]); ok && len(w) >= 3 {
			// "IRANIAN MINISTRY OF INTELLIGENCE AND SECURITY": "Iran's
			// Ministry of Intelligence and Security"
			b.add(id, k, concat([]string{c}, w[1:]), 0, 1)
		}
	}
	merged, from := mergeInitials(w)
	core, lead := stripLegal(merged), stripLeading(merged)
	if flags&(vVessel|vAircraft) != 0 {
		// a ship's or a plane's name has no legal form: the DO of the
		// vessel RUNG RA DO and the LDA of the aircraft EP-LDA are its own
		core, lead = merged, merged
	}
	if lo := len(merged) - len(lead); len(merged) < len(w) && len(core) > 0 {
		// its initials as written, apart: "G&G INTERNACIONAL S.A.S." is
		// "G&G Internacional" (and "GG Internacional", below); not where
		// they are all of it ("B S COMPANY": no "B.S.")
		if raw := w[from[lo]:from[lo+len(core)]]; len(raw) > len(core) && len(raw) < len(w) && slices.ContainsFunc(raw, func(w string) bool { return len(w) > 1 }) {
			b.add(id, k, raw, flags|vDerived, float32(len(raw))/float32(len(w)))
		}
	}
	if len(lead) > len(core) && len(lead) < len(w) && (!b.generic(lead) || len(lead) >= 3) {
		// "JOINT STOCK COMPANY UNITED ENGINE CORPORATION": "the United
		// Engine Corporation"
		b.add(id, k, lead, flags|vDerived, float32(len(lead))/float32(len(w)))
	}
	if len(core) > 0 && len(core) < len(w) && (!b.generic(core) || len(core) >= 2) {
		b.add(id, k, core, flags|vDerived, float32(len(core))/float32(len(w)))
		if len(core) == 1 && orgWords.hasWord(w[len(w)-1]) && !strings.HasSuffix(core[0], "s") {
			// "HOUTHI GROUP": its members are "the Houthis"
			b.add(id, k, []string{core[0] + "s"}, flags|vDerived, 1/float32(len(w)))
		}
	}
	if rest := withoutPlace(core); len(rest) > 0 && !b.generic(rest) {
		// "GARANTEX EUROPE OU": news says "Garantex"
		if cov := float32(len(rest)) / float32(len(w)); len(rest) > 1 || flags != 0 {
			b.add(id, k, rest, flags|vDerived, cov)
		} else {
			b.placeless = append(b.placeless, placedName{id: id, k: k, rest: slices.Clone(rest), coverage: cov})
		}
	}
	if len(core) == 2 && core[1] == "bank" && flags == 0 && b.promin >= 2 && b.acronymWord(core[0]) {
		// "VTB BANK": news says "VTB", as it says "Sberbank"
		b.add(id, k, core[:1], vDerived|vAcronym, 1/float32(len(w)))
	}
	// without its article: "al-" or "el-"; for a group named by the
	// Spanish article, "los" ("LOS RASTROJOS" is "the Rastrojos"), unless
	// a single place or common name would be left
	if len(core) > 1 && (core[0] == "al" || core[0] == "el" ||
		core[0] == "los" && (len(core) > 2 || !placeNames.hasWord(core[1]) && !commonNames.hasWord(core[1]))) {
		b.add(id, k, core[1:], flags|vDerived, float32(len(core)-1)/float32(len(w)))
	}
}

// withoutPlace returns a name without the country, continent or Hong
// Kong it ends in ("garantex europe", "bank saderat iran", "sofichem hk"),
// or nil if it ends in none or the place is another word's ("... of
// Iran", "Casa de Cuba").
func withoutPlace(w []string) []string {
	n := len(w)
	if n >= 3 && w[n-2] == "hong" && w[n-1] == "kong" {
		n-- // "JIAXIANG INDUSTRY HONG KONG LIMITED"
	} else if n < 2 || !endPlaces.hasWord(w[n-1]) {
		return nil
	}
	if functionWords.hasWord(w[n-2]) || particles.hasWord(w[n-2]) {
		return nil
	}
	return w[:n-1]
}

// endPlaces are the places a company's name may end in, as keys: the
// countries of demonyms, the continents ("SISTEMA ASIA") and Hong Kong's
// two letters ("SOPHYCHEM HK LIMITED").
var endPlaces = func() wordList {
	ws := "europe asia africa eurasia hk"
	for c := range demonyms {
		if !strings.Contains(c, " ") {
			ws += " " + c
		}
	}
	return wordSet(ws)
}()

// stateSuffix ends the names of a state's bodies ("FOREIGN INTELLIGENCE
// SERVICE OF THE RUSSIAN FEDERATION"): its words and the country's, as
// keys.
type stateSuffix struct {
	words   []string
	country string
}

var stateSuffixes = []stateSuffix{
	suffixOf("of the federal assembly of the russian federation", "russia"),
	suffixOf("of the russian federation", "russia"),
	suffixOf("of the islamic republic of iran", "iran"),
	suffixOf("of the republic of belarus", "belarus"),
	suffixOf("of the syrian arab republic", "syria"),
}

func suffixOf(words, country string) stateSuffix {
	ws := strings.Fields(words)
	for i, w := range ws {
		ws[i] = canonString(w)
	}
	return stateSuffix{words: ws, country: canonString(country)}
}

// addStateBody indexes a state body's name the way news writes it, with
// the country's possessive before it: "Russia's Foreign Intelligence
// Service", "Russia's State Duma" (STATE DUMA OF THE FEDERAL ASSEMBLY OF
// THE RUSSIAN FEDERATION). Not the body's name alone: "the National
// Olympic Committee", "the Central Election Commission" are any
// country's.
func (b *builder) addStateBody(id int32, k kind, w []string) {
	for _, suf := range stateSuffixes {
		n := len(w) - len(suf.words)
		if n < 1 || !slices.Equal(w[n:], suf.words) {
			continue
		}
		b.add(id, k, concat([]string{suf.country}, w[:n]), vDerived, float32(n)/float32(len(w)))
		return
	}
}

// acronymWord reports whether a name's word is read as an acronym: two
// to four consonants ("VTB", not "DEY", which news writes "DEI") that are
// no word, given name or common name.
func (b *builder) acronymWord(k string) bool {
	if len(k) < 2 || len(k) > 4 || strings.ContainsAny(k, "aeiouy") {
		return false
	}
	h := hashKey([]byte(k))
	_, given := b.ix.givenNames[h]
	return !b.ix.dict.has(h) && !b.ix.proper.has(h) && !commonNames.has(h) && !given
}

// isAcronym reports whether a listed name is a short run of capitals.
func isAcronym(name string) bool {
	n := 0
	for _, r := range name {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n > 0 && n <= 4
}

func concat(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

func stripParticles(w []string) []string {
	for len(w) > 1 && particles.hasWord(w[0]) {
		w = w[1:]
	}
	return w
}

// stripLegal drops legal-form words from both ends of a name.
func stripLegal(w []string) []string {
	w = stripLeading(w)
	for len(w) > 0 && (legalForms.hasWord(w[len(w)-1]) || trailingForms.hasWord(w[len(w)-1])) {
		w = w[:len(w)-1]
	}
	return w
}

// stripLeading drops legal-form words from the start of a name.
func stripLeading(w []string) []string {
	for len(w) > 1 && (legalForms.hasWord(w[0]) || leadingForms.hasWord(w[0]) ||
		w[0] == "s" && len(w) > 2 && leadingForms.hasWord(w[1])) { // "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU FAM GRUPP"
		w = w[1:]
	}
	return w
}

// prominence ranks entries: one with a title (a head of state, a
// minister) or to which other entries are linked (a family's or a
// network's head) is the one news means by a surname alone.
func prominence(e *watchlist.Entity, inlinks int) float32 {
	p := float32(math.Log2(1 + float64(inlinks)))
	if leaderTitle(e) {
		return p + 1
	}
	if e.Title != "" {
		p += 0.25 // a lesser post: "Head of Presidential Guard"
	}
	return p
}

// earliest is the earliest of the years, as a build keeps it (0 if none).
func earliest(years []int) uint16 {
	var e uint16
	for _, y := range years {
		if y > 0 && y <= math.MaxUint16 && (e == 0 || uint16(y) < e) {
			e = uint16(y)
		}
	}
	return e
}

// titleKeys returns the hashes of the words of a post that tell it from
// others: not the rank ("Member", "Deputy Minister"), the country or a
// function word. "Member of the State Duma of the Federal Assembly of the
// Russian Federation" gives state, duma, federal and assembly.
func titleKeys(title string) []uint64 {
	var hs []uint64
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) }) {
		k := canonString(w)
		h := hashKey([]byte(k))
		if len(w) < 4 || functionWords.has(h) || titleWords.has(h) || placeNames.has(h) || postWords.has(h) || slices.Contains(hs, h) {
			continue
		}
		hs = append(hs, h)
	}
	return hs
}

// leaderTitle reports whether e's title names a leading post ("President
// of the Syrian Arab Republic").
func leaderTitle(e *watchlist.Entity) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(e.Title), func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
		if leaderWords.hasWord(canonString(w)) {
			return true
		}
	}
	return false
}

// addNickname indexes "El Chapo" for a drug-trafficking program's alias
// "GUZMAN, Chapo", and "El Mencho" for its remark a.k.a. 'Mencho':
// Mexican and Colombian news name such people by "El" and the nickname
// the list writes as a given name or alone.
func (b *builder) addNickname(id int32, e *watchlist.Entity, a watchlist.Alias) {
	if !slices.ContainsFunc(e.Programs, isDrugProgram) {
		return
	}
	var nick []string
	switch i := strings.IndexByte(a.Name, ','); {
	case a.Strength == watchlist.Strong && i >= 0:
		nick = b.words(a.Name[i+1:])
	case a.Strength == watchlist.Weak && i < 0:
		nick = b.words(a.Name)
	}
	if len(nick) != 1 || len(nick[0]) < 4 || commonNames.hasWord(nick[0]) || b.ix.dict.has(hashKey([]byte(nick[0]))) {
		return
	}
	b.add(id, kWeak, []string{"el", nick[0]}, 0, 0.5)
}

func isDrugProgram(p string) bool {
	return strings.HasPrefix(p, "SDNT") || strings.HasPrefix(p, "ILLICIT-DRUGS")
}

// namedCountries returns the countries an entry's names name, by the
// country or its people ("COMMUNIST PARTY OF PERU ON THE SHINING PATH",
// "LIBYAN ISLAMIC FIGHTING GROUP"), as the list writes countries.
func namedCountries(e *watchlist.Entity) []string {
	var out []string
	var buf [16]byte
	add := func(name string) {
		// ASCII words lower-cased in buf, without allocating: a build reads
		// every organisation's names (the country names are ASCII and short)
		for i := 0; i < len(name); {
			j := i
			for j < len(name) && (name[j]|0x20 >= 'a' && name[j]|0x20 <= 'z') {
				j++
			}
			if n := j - i; n >= 4 && n <= len(buf) {
				for k := 0; k < n; k++ {
					buf[k] = name[i+k] | 0x20
				}
				w := buf[:n]
				c, ok := countryOfDemonym[string(w)]
				if !ok && countryOfName[string(w)] {
					c, ok = string(w), true
				}
				if ok && !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
			i = j + 1
		}
	}
	add(e.Name)
	for _, a := range e.Aliases {
		add(a.Name)
	}
	return out
}

// countryOfName holds the countries of countryNames.
var countryOfName = func() map[string]bool {
	m := make(map[string]bool)
	for _, c := range strings.Fields(countryNames) {
		m[c] = true
	}
	return m
}()

// countryOfDemonym maps a people's adjective to their country ("libyan":
// "libya"), for the countries of demonyms named in one word.
var countryOfDemonym = func() map[string]string {
	m := make(map[string]string, len(demonyms))
	for c, d := range demonyms {
		if !strings.Contains(c, " ") && !strings.Contains(c, ",") {
			m[d] = c
		}
	}
	return m
}()
