package engine

import (
	"bytes"
	"math"
	"slices"
	"sort"
	"strings"
)

// claim is one entity's readings of one span (see settle).
type claim struct {
	a     *entAgg
	cands []*cand
}

// resolveMaps are the resolver's working maps, kept from one document to
// the next (emptied, not made anew).
type resolveMaps struct {
	byEnt  map[int32]*entAgg // group
	strong map[uint64]int    // strongHits
	seen   map[uint64]bool
	byHit  map[int][]*claim // settle
	mine   map[int]*claim
}

// cand is one reading of a hit: the hit names the variant's entity.
type cand struct {
	hit     int
	variant int32
	score   float64
	coref   bool // a surname standing for a person the document names in full
}

// entAgg gathers the candidates of one entity in one document.
type entAgg struct {
	entity int32
	cands  []cand
	ctx    int  // supporting context words in the document
	ownCtx int  // how many of them are words of the entity's own hits ("Maduro")
	titled bool // the document names the post the list gives the entity (see titled)
	// amongKnown: the document names another prominent listed person or
	// entity (see knownNamed), so a short form here is no namesake's
	amongKnown bool
	strong     bool // named by more than a surname
}

// resolve turns the hits of a document into matches: it scores each
// reading, settles spans claimed by several entities, links surnames to
// the people named in full, and drops what scores below minScore.
func (s *scan) resolve(minScore float64) []Match {
	words, offTopic := s.docWords()
	aggs := s.group()
	known, first := s.knownNamed(aggs)
	for _, a := range aggs {
		a.amongKnown = known > 1 || known == 1 && a != first
		a.ctx, a.ownCtx = s.contextCount(a, words)
		if s.linkNamed(a, aggs) {
			a.ctx += 2 // "Alexander Bortnikov, director of the FSB": his entry is linked to it
		}
		if s.glossed(a) {
			a.ctx += 2 // "the National Liberation Army (ELN)": the article gives both of its names
		}
		if a.titled = s.titled(a.entity); a.titled {
			a.ctx += 2 // "Oscar Castro, the Salvadoran Minister of Labor": the post the list gives him
		}
		for i := range a.cands {
			c := &a.cands[i]
			if s.ix.variants[c.variant].kind != kSurname {
				c.score = s.nameScore(a, c, offTopic)
			}
		}
	}
	s.settle(aggs, func(c *cand) bool { return s.ix.variants[c.variant].kind != kSurname })
	s.shortForms(aggs)
	for _, a := range aggs {
		for _, c := range a.cands {
			if c.score > 0 && c.score >= minScore && s.ix.variants[c.variant].kind != kSurname {
				a.strong = true
			}
		}
	}
	s.corefSurnames(aggs)
	strongAt := s.strongHits(aggs)
	s.personOverCompany(aggs, strongAt)
	for _, a := range aggs {
		for i := range a.cands {
			c := &a.cands[i]
			if s.ix.variants[c.variant].kind == kSurname {
				c.score, c.coref = s.surnameScore(a, c, strongAt, offTopic)
			}
		}
	}
	return s.matches(aggs, minScore)
}

// group collects the candidates of each entity, in order of first hit.
func (s *scan) group() []*entAgg {
	byEnt := s.maps.byEnt
	if byEnt == nil {
		byEnt = make(map[int32]*entAgg)
		s.maps.byEnt = byEnt
	}
	clear(byEnt)
	var aggs []*entAgg
	for hi := range s.hits {
		for _, vid := range s.hits[hi].variants {
			ent := s.ix.variants[vid].entity
			a := byEnt[ent]
			if a == nil {
				a = &entAgg{entity: ent}
				byEnt[ent] = a
				aggs = append(aggs, a)
			}
			a.cands = append(a.cands, cand{hit: hi, variant: vid})
		}
	}
	return aggs
}

// linkNamed reports whether the document names in full, by a name of
// uncommon words, an entry the list links to a's: a name of two words or
// more, or the one-word listed name of a prominent entry ("Hamas", to
// which SINWAR, Yahya is linked).
func (s *scan) linkNamed(a *entAgg, aggs []*entAgg) bool {
	links := s.ix.entities[a.entity].links
	if len(links) == 0 {
		return false
	}
	for _, b := range aggs {
		if b == a || !slices.Contains(links, b.entity) {
			continue
		}
		for _, c := range b.cands {
			v := &s.ix.variants[c.variant]
			if s.hits[c.hit].fuzzy || v.flags&(vCommon|vGeneric|vCommonSurname|vLastCommon) != 0 {
				continue
			}
			if (v.kind == kName || v.kind == kPartial || v.kind == kAlias) && v.ntok >= 2 ||
				v.kind == kName && v.ntok == 1 && v.flags&(vDerived|vDictWord|vProper|vAcronym) == 0 && s.ix.entities[b.entity].promin >= 1 {
				return true
			}
		}
	}
	return false
}

// glossed reports whether the document writes one of a's names in
// parentheses right after another ("the National Liberation Army (ELN)",
// "ELN (National Liberation Army)"): two names of one entry, which its
// namesakes rarely share both.
func (s *scan) glossed(a *entAgg) bool {
	for i := range a.cands {
		h1 := s.hits[a.cands[i].hit]
		for k := range a.cands {
			h2 := s.hits[a.cands[k].hit]
			if h2.field != h1.field || h2.ti != h1.tj || s.ix.variants[a.cands[k].variant].kind == kSurname {
				continue
			}
			tz := &s.fields[h1.field]
			between := strings.TrimSpace(tz.text[tz.toks[h1.tj-1].end:tz.toks[h2.ti].start])
			after := int(tz.toks[h2.tj-1].end)
			if between == "(" && after < len(tz.text) && tz.text[after] == ')' {
				return true
			}
		}
	}
	return false
}

// nameScore scores a reading by more than a surname.
func (s *scan) nameScore(a *entAgg, c *cand, offTopic int) float64 {
	v := &s.ix.variants[c.variant]
	var sc float64
	switch v.kind {
	case kName:
		sc = 0.97
	case kAlias:
		sc = 0.94
		if v.flags&vPerson != 0 && v.coverage < 1 {
			sc = min(sc, 0.78+0.17*float64(v.coverage)) // a short form of an alias, as of the name (kPartial)
		}
	case kFormer:
		sc = 0.88
	case kPartial:
		sc = 0.78 + 0.17*float64(v.coverage)
	case kWeak:
		sc = s.weakScore(a, c, v)
	}
	if s.hits[c.hit].fuzzy {
		ordinary := s.ordinaryWords(c.hit)
		if ordinary && v.flags&vGeneric != 0 {
			return 0 // "Minister of State Security" is other English words, not MINISTRY OF STATE SECURITY respelled
		}
		sc *= 0.94 // a spelling the list does not carry
		if v.flags&(vCommon|vCommonSurname) != 0 && a.ctx < 3 || v.flags&vSomeCommon != 0 && a.ctx < 2 && !s.commonRespelled(c.hit, v) {
			sc *= 0.6 // common names respelled are other people's
		} else if ordinary && a.ctx < genericNeed(v, len(s.ix.entities[a.entity].context)) {
			sc *= 0.6 // "Diamond Transportation" is ordinary words, not DIMOND TRANSPORTATION respelled
		}
	}
	if !s.hits[c.hit].fuzzy && v.ntok >= 2 && v.flags&vGeneric == 0 && s.ordinaryWords(c.hit) && s.writtenOrdinary(c.hit) &&
		a.ctx < genericNeed(v, len(s.ix.entities[a.entity].context)) {
		sc *= 0.6 // "Amazon Web Service" is English words, which only the key makes LLC VEB SERVICE
	}
	if v.flags&vSingle != 0 && v.kind != kWeak {
		if !s.singleNameOK(a, c, v) {
			return 0
		}
		if v.flags&vDerived != 0 && offTopic >= 3 && s.ix.entities[a.entity].promin < 1 {
			return 0 // "Paskal", a label in a fashion story, is not PASKAL OOO
		}
		sc -= 0.05
	}
	if s.bornAfter(a.entity, c.hit) {
		return 0 // "Hafez al-Assad consolidated power after the 1970 coup": not the grandson born in 2001
	}
	if v.flags&vPlaced != 0 && !s.placeNamed(a.entity) {
		return 0 // "Islamic Jihad" is PALESTINIAN ISLAMIC JIHAD only where the story is about Palestine
	}
	if v.flags&vGeneric != 0 && s.claimedByCountry(a, c) {
		return 0 // "China's People's Liberation Army" is not SHINING PATH's alias
	}
	if v.flags&vCommon != 0 && (a.ctx < 2 || v.kind != kName && v.kind != kPartial) || v.flags&vGeneric != 0 && v.flags&(vVessel|vAircraft) == 0 && a.ctx < genericNeed(v, len(s.ix.entities[a.entity].context)) || v.flags&vCommonSurname != 0 && a.ctx < 1 {
		sc *= 0.6 // "Mohammed Ali", "Ministry of Labor", "Julio Rodriguez": common words need the listing's context
	}
	// A full listed name ending in an uncommon word ("Li Shangfu") is the
	// listed person even in an article about something else.
	fullName := v.kind == kName && v.flags&(vSingle|vCommon|vCommonSurname|vLastCommon) == 0
	if offTopic >= 2 && a.ctx == 0 && s.ix.entities[a.entity].promin < 1 && !fullName {
		sc *= 0.7 // a sports or arts story about a namesake
	} else if shortForm(v) && s.goesOnOtherwise(c.hit, a.entity) {
		return 0 // "Ismael Zambada Sicairos", the son: the short form of ZAMBADA GARCIA, Ismael and another second surname
	} else if shortForm(v) && a.ctx == 0 && s.ix.entities[a.entity].promin < 1 && !a.amongKnown {
		// "Jose Rueda, a firefighter in Houston" is called as RUEDA MEDINA,
		// Jose Arnoldo is, as many are: with nothing of the listing's
		// context, a namesake
		sc *= 0.7
	}
	return sc
}

// knownNamed counts the entities the document names by a prominent
// listing's name of two words or more, without common words, and returns
// the first of them: the story is one about listed people ("Yevgeny
// Prigozhin died in a plane crash with Dmitry Utkin"), and the short forms
// beside such a name are theirs.
func (s *scan) knownNamed(aggs []*entAgg) (n int, first *entAgg) {
	for _, a := range aggs {
		if s.namedKnown(a) {
			if n++; n == 1 {
				first = a
			}
		}
	}
	return n, first
}

// namedKnown reports whether a is a prominent entry the document names by
// a name of two words or more without common words (see knownNamed).
func (s *scan) namedKnown(a *entAgg) bool {
	if s.ix.entities[a.entity].promin < 1 {
		return false
	}
	for _, c := range a.cands {
		v := &s.ix.variants[c.variant]
		if v.kind != kSurname && v.kind != kWeak && v.ntok >= 2 && !s.hits[c.hit].fuzzy && v.flags&(vCommon|vGeneric|vCommonSurname|vSomeCommon) == 0 {
			return true
		}
	}
	return false
}

// shortForm reports whether a variant is a short form of a person's name,
// the kind many people share: a given name and one of two surnames ("Jose
// Rueda"), or a given name and the surname, the other names dropped
// ("Ahmed Wazir" for WAZIR, Ahmed Jan; "Valery Medvedev" for MEDVEDEV,
// Valery Kirillovich), of the listed name or of an alias ("Mohammed Nabi"
// for the alias NABI, Mohammed Fadl Abdul).
func shortForm(v *variant) bool {
	return v.flags&vOneSurname != 0 || v.flags&vPerson != 0 && (v.kind == kPartial || v.kind == kAlias && v.coverage < 1)
}

// goesOnOtherwise reports whether the name at hit hi, a short form of a
// person with two surnames, goes on inside the sentence with a surname
// that is not the second: the text names another member of the family
// ("Dámaso López Serrano", the son, is not LOPEZ NUNEZ, Damaso by the
// short form "Dámaso López"; "Ismael Zambada Sicairos" is not ZAMBADA
// GARCIA, Ismael).
func (s *scan) goesOnOtherwise(hi int, ent int32) bool {
	h := &s.hits[hi]
	tz := &s.fields[h.field]
	if !followedByName(tz, h.tj) {
		return false
	}
	w := tz.hashAt(h.tj)
	if s.ix.dict.has(w) || placeNames.has(w) {
		return false // "Vladimir Putin Tuesday": no surname
	}
	info := &s.ix.entities[ent]
	if slices.Contains(info.given, w) {
		return false
	}
	key := tz.key(&tz.toks[h.tj])
	second := false
	for _, fam := range info.family {
		if len(fam) < 2 {
			continue
		}
		second = true
		if string(key) == fam[1] || similar(key, fam[1]) {
			return false // "Ismael Zambada García", or as respelled
		}
	}
	return second
}

// ordinaryWords reports whether every word of hit hi is an ordinary
// English word.
func (s *scan) ordinaryWords(hi int) bool {
	h := &s.hits[hi]
	tz := &s.fields[h.field]
	for k := h.ti; k < h.tj; k++ {
		if !s.ix.dict.has(tz.hashAt(k)) {
			return false
		}
	}
	return true
}

// writtenOrdinary reports whether every word of hit hi is an English
// word as written, not only by its key: "Web Service", not "Veb Service"
// (whose key is the same). A name the list spells unlike the English words
// is no ordinary phrase (see builder.words), but the text may write those
// words all the same.
func (s *scan) writtenOrdinary(hi int) bool {
	h := &s.hits[hi]
	tz := &s.fields[h.field]
	var lower [32]byte
	for k := h.ti; k < h.tj; k++ {
		t := &tz.toks[k]
		w := tz.text[t.start:t.end]
		if len(w) > len(lower) {
			return false
		}
		b := lower[:0]
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				return false // the English word list is ASCII
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		if !functionWords.has(tz.hashAt(k)) && !s.ix.spelled.has(hashKey(b)) {
			return false
		}
	}
	return true
}

// commonRespelled reports whether the words of hit hi that differ from
// variant v's are all common names (as written or as listed: "Abdalla"
// for ABDULLAH), its other words the same: "Abu Mohammed al-Golani" is
// AL-GOLANI, Abu Muhammad, a given name every reader knows in several
// transliterations, not a namesake.
func (s *scan) commonRespelled(hi int, v *variant) bool {
	h := &s.hits[hi]
	tz := &s.fields[h.field]
	if v.spell == 0 || int(v.ntok) != h.tj-h.ti {
		return false
	}
	for k := h.ti; k < h.tj; k++ {
		written := tz.hashAt(k)
		if want := s.ix.spell[int(v.spell)+k-h.ti]; string(tz.key(&tz.toks[k])) != want && !commonNames.has(written) && !commonNames.has(hashKey(want)) {
			return false
		}
	}
	return true
}

// placeNamed reports whether the document names the place the entry's
// name ties it to (see places.go).
func (s *scan) placeNamed(ent int32) bool {
	for _, h := range s.ix.places[ent] {
		if s.words.has(h) {
			return true
		}
	}
	return false
}

// claimedByCountry reports whether the name of c is claimed, by a
// possessive right before it, for a country the listing does not tie its
// entry to: a name of ordinary words is then that country's own body
// ("China's People's Liberation Army").
func (s *scan) claimedByCountry(a *entAgg, c *cand) bool {
	h := s.hits[c.hit]
	if h.ti == 0 {
		return false
	}
	p := &s.fields[h.field].toks[h.ti-1]
	return p.flags&tPossess != 0 && placeNames.has(p.hash) && !slices.Contains(s.ix.entities[a.entity].context, p.hash)
}

// weakScore scores a weak alias: a nickname alone is too weak to report,
// unless the document speaks of what the listing is about.
func (s *scan) weakScore(a *entAgg, c *cand, v *variant) float64 {
	t := &s.fields[s.hits[c.hit].field].toks[s.hits[c.hit].ti]
	if v.flags&vPerson != 0 && stageName(&s.fields[s.hits[c.hit].field], s.hits[c.hit].ti) {
		return 0 // "a corrido performed by El Fantasma": a singer's name, not the trafficker's
	}
	if v.flags&(vPerson|vSingle) == vSingle && s.namesake(c.hit, a.entity) {
		return 0 // "Hussein al-Houthi", the movement's founder, is not "the Houthis"
	}
	switch {
	case a.ctx == 0 || v.flags&(vCommon|vGeneric) != 0:
	case v.flags&vSingle == 0 && a.ctx >= 2 && !(v.ntok == 2 && kunyaWords.has(t.hash) && !s.countryNamed(a.entity)):
		return 0.80
	case t.flags&tUpper != 0 && t.kend-t.kstart >= 3 && s.ix.entities[a.entity].promin >= 1 && a.ctx >= 2:
		return 0.75 // an acronym in capitals: "FSB", "HTS"
	case s.ix.entities[a.entity].e.Schema != "Person" && s.distinctiveWord(&s.fields[s.hits[c.hit].field], t):
		return 0.75 // a nickname that is no word, name or place: "Houthis"
	}
	return 0.65
}

// kunyaWords open a kunya ("Abu Obaida"), which many people bear: a
// listing's kunya alone is its person only where the article names their
// country too, not for its topic alone (Hamas's spokesman Abu Obeida is
// not the Indonesian RIFKI, Taufik, a.k.a. 'ABU OBAIDA').
var kunyaWords = wordSet(`abu abou umm um`)

// countryNamed reports whether the document names one of the countries
// the entry's listing ties it to.
func (s *scan) countryNamed(ent int32) bool {
	return slices.ContainsFunc(s.ix.entities[ent].countries, s.words.has)
}

// stageName reports whether the words before word i make the name there
// a performer's: "the singer X", "performed by X", "a concert by X".
func stageName(tz *tokenizer, i int) bool {
	if i == 0 {
		return false
	}
	h := tz.hashAt(i - 1)
	if performerWords.has(h) {
		return true
	}
	return i >= 2 && byWord.has(h) && performedWords.has(tz.hashAt(i-2))
}

// singleNameOK judges a one-word name of an organisation, vessel or
// aircraft. Names of one word collide with words, places, brands and
// people, so it takes the listing's context, and either an entry that
// others are linked to (Hamas, Hezbollah, the Taliban) or a long word that
// is no place, name or ordinary word ("Sovcomflot").
func (s *scan) singleNameOK(a *entAgg, c *cand, v *variant) bool {
	if s.namesake(c.hit, a.entity) {
		return false // "Ann Wagner": a person's surname, not the group
	}
	if v.flags&(vVessel|vAircraft) != 0 {
		return true // the shipping or aviation words were checked already
	}
	h := s.hits[c.hit]
	t := &s.fields[h.field].toks[h.ti]
	if placeNames.has(t.hash) {
		return false
	}
	if a.ctx == 0 {
		// Only a well-known name that is no word, name or place: "Hamas".
		return s.ix.entities[a.entity].promin >= 2 && v.flags&vDerived == 0 && s.distinctiveWord(&s.fields[h.field], t)
	}
	if p := s.ix.entities[a.entity].promin; p >= 2 || p >= 1 && v.flags&vDerived == 0 {
		return true
	}
	if v.flags&(vAcronym|vDerived) == vAcronym && v.kind == kAlias {
		progs := s.ix.entities[a.entity].e.Programs
		if slices.Contains(progs, "FTO") || a.ctx >= 2 && t.end-t.start >= 4 && slices.Contains(progs, "SDGT") {
			return true // "PKK targets in northern Iraq": a designated terrorist group goes by its acronym ("DFLP" among Palestinian factions; not "AUC", also a university's and a commission's)
		}
	}
	_, given := s.ix.givenNames[t.hash]
	long := t.kend-t.kstart >= 6 || t.flags&tUpper != 0 && t.end-t.start >= 5 && v.flags&vDerived == 0 || // "Sovcomflot"; "PDVSA", as listed
		t.flags&tUpper != 0 && t.end-t.start >= 4 && a.ctx >= 2 || // "Russian coal miner SUEK" (JSC SUEK)
		v.kind == kName && codeName(t) // "M23 rebels in eastern Congo"
	return long && v.flags&(vProper|vDictWord) == 0 && !given
}

// surnameScore scores a surname standing alone: a person the document names
// in full, or a distinctive surname in the context of the listing.
func (s *scan) surnameScore(a *entAgg, c *cand, strongAt map[uint64]int, offTopic int) (float64, bool) {
	if a.strong {
		if h := s.hits[c.hit]; s.inOtherName(&s.fields[h.field], h.ti, h.tj, a.entity) {
			return 0, false // "Guzmán López", the son, is not El Chapo's "Guzmán"
		}
		if strongAt[s.span(c.hit)] > s.holds(a, s.span(c.hit)) {
			return 0, false // "Houthi rebels" are the group's, named there, after "Abdul Malik al-Houthi" too
		}
		return 0.9, true
	}
	if s.hits[c.hit].fuzzy {
		return 0, false // a respelled surname only for a person named in full
	}
	if strongAt[s.span(c.hit)] > 0 {
		return 0, false // the surname belongs to another named person
	}
	v := &s.ix.variants[c.variant]
	h := s.hits[c.hit]
	tz := &s.fields[h.field]
	key := surnameKey(tz, h.ti, h.tj)
	if s.ix.surnameOwners[key] > 1 && !s.mostProminent(a.entity, key) {
		return 0, false
	}
	if v.flags&vDerived != 0 {
		return 0, false // only by the surname of the name it is listed under (or its respelling)
	}
	ctx := a.ctx - a.ownCtx // a surname is no context for itself ("the Maduro family bakery")
	if len(s.ix.entities[a.entity].context) == 0 {
		ctx = 0 // a listing without known topics or countries counts as in context, but a surname alone needs some
	}
	if s.ix.entities[a.entity].promin == 0 && !s.introduced(tz, h.ti, a.entity) && (ctx < 3 || !s.distinctiveSurname(tz, h.ti, h.tj)) {
		return 0, false // a known figure, or a surname no one else has, in the listing's context ("Hamas Says Haniyeh Killed")
	}
	if w := tz.toks[afterKunya(tz, h.ti, h.tj)].hash; placeNames.has(w) {
		return 0, false // "Qatari": a place, not a surname
	} else if _, given := s.ix.givenNames[w]; given && !s.ix.entities[a.entity].famed() {
		return 0, false // "Marco": a given name, not a surname ("Abu Marzook" is read by "Marzook")
	}
	if v.flags&(vCommon|vDictWord) != 0 || ctx == 0 || offTopic >= 3 && s.ix.entities[a.entity].promin < 1 {
		return 0, false
	}
	if v.flags&vSingle != 0 && tz.toks[h.ti].kend-tz.toks[h.ti].kstart < 4 {
		return 0, false
	}
	if s.anyNamesake(a.entity, key) || followedByName(tz, h.tj) {
		return 0, false // "Bilal Mazhar", "Cañas Blancas", "Thaer Ahmad"
	}
	if tz.titleCase && s.givenNext(tz, h.tj) && !s.surnameInProse(key) {
		return 0, false // "Choe Son Hui Meets Envoy": in a headline a surname before a given name may open another's name; the text decides
	}
	return 0.8 + 0.03*math.Min(float64(ctx), 3), false
}

// introduced reports whether the surname at word i follows a leader's
// title after a word of the entry's context: "Hamas leader Haniyeh",
// "Hamas political chief Haniyeh". The article says who is meant, as a
// title in the list would.
func (s *scan) introduced(tz *tokenizer, i int, ent int32) bool {
	if i < 2 || !leaderWords.has(tz.hashAt(i-1)) {
		return false
	}
	ctx := s.ix.entities[ent].context
	return slices.Contains(ctx, tz.hashAt(i-2)) || i >= 3 && slices.Contains(ctx, tz.hashAt(i-3))
}

// givenNext reports whether word j, joined to the word before it, is a
// capitalised given name of some listed person ("Son" of "Choe Son Hui"),
// which in a headline in title case may go on a name; "in" of "Erdogan met
// Putin in Moscow" is no name.
func (s *scan) givenNext(tz *tokenizer, j int) bool {
	if j >= len(tz.toks) || !adjacent(tz, j-1, j) || tz.toks[j].flags&tCap == 0 {
		return false
	}
	_, given := s.ix.givenNames[tz.hashAt(j)]
	return given
}

// surnameInProse reports whether the document uses the surname with key
// in a field that is not in title case, and not as the first word of
// another name there.
func (s *scan) surnameInProse(key uint64) bool {
	for hi := range s.hits {
		h := &s.hits[hi]
		tz := &s.fields[h.field]
		if !tz.titleCase && surnameKey(tz, h.ti, h.tj) == key && !followedByName(tz, h.tj) {
			return true
		}
	}
	return false
}

// strongHits counts, for each span, the entities named there that the
// document names by more than a surname.
func (s *scan) strongHits(aggs []*entAgg) map[uint64]int {
	m, seen := s.maps.strong, s.maps.seen
	if m == nil {
		m, seen = make(map[uint64]int), make(map[uint64]bool)
		s.maps.strong, s.maps.seen = m, seen
	}
	clear(m)
	for _, a := range aggs {
		if !a.strong {
			continue
		}
		clear(seen)
		for _, c := range a.cands {
			if k := s.span(c.hit); c.score > 0 && !seen[k] {
				seen[k] = true
				m[k]++
			}
		}
	}
	return m
}

// holds is 1 if a reads span sp (see span) with a score, 0 if not.
func (s *scan) holds(a *entAgg, sp uint64) int {
	for _, c := range a.cands {
		if c.score > 0 && s.span(c.hit) == sp {
			return 1
		}
	}
	return 0
}

// span packs a hit's place into one key: hits at the same place share it.
func (s *scan) span(hi int) uint64 {
	h := &s.hits[hi]
	return uint64(h.field)<<48 | uint64(h.ti)<<24 | uint64(h.tj)
}

// corefSurnames finds, for each person the document names in full, where
// it calls them by a surname alone ("Putin said", after "Vladimir Putin";
// "Zawahri's", after "Ayman al-Zawahri"), and adds those mentions.
func (s *scan) corefSurnames(aggs []*entAgg) {
	for _, a := range aggs {
		info := &s.ix.entities[a.entity]
		if !a.strong || len(info.family) == 0 {
			continue
		}
		ref := a.cands[0].variant
		s.famSkel = s.famSkel[:0]
		var firsts [4]uint64 // the first letters of the family names' keys
		for k := range info.family {
			w := info.family[k][0]
			s.famSkel = append(s.famSkel, skeletonHash([]byte(w)))
			if w != "" {
				firsts[w[0]>>6] |= 1 << (w[0] & 63)
			}
		}
		for f := range s.fields {
			tz := &s.fields[f]
			for _, i := range tz.starts { // every capitalised word is a start
				i := int(i)
				t := &tz.toks[i]
				if t.flags&tCap == 0 || t.kend == t.kstart {
					continue
				}
				if c := tz.buf[t.kstart]; firsts[c>>6]&(1<<(c&63)) == 0 {
					continue // no family name starts with its letter (see spellStart)
				}
				for k, keys := range info.famKey {
					if !spellStart(tz, t, keys, info.family[k]) {
						continue // spared the call: most words fail here
					}
					if info.famAlias&(1<<min(k, 15)) != 0 && !s.calledBy(a, keys[0]) {
						continue // "Caro" is not El Chapo, though one of his aliases is CARO RODRIGUEZ
					}
					if j, ok := s.spells(f, i, keys, info.family[k], s.famSkel[k]); ok && !s.covered(aggs, a, f, i, j) && !s.inOtherName(tz, i, j, a.entity) {
						s.hits = append(s.hits, hit{field: f, ti: i, tj: j})
						a.cands = append(a.cands, cand{hit: len(s.hits) - 1, variant: ref, score: 0.9, coref: true})
						break
					}
				}
			}
		}
	}
}

// calledBy reports whether the document calls a by a name holding the
// word whose key is key.
func (s *scan) calledBy(a *entAgg, key uint64) bool {
	for _, c := range a.cands {
		if c.score <= 0 || c.coref {
			continue
		}
		if s.hitHolds(c.hit, key) {
			return true
		}
	}
	return false
}

// hitHolds reports whether hit hi holds the word whose key is key.
func (s *scan) hitHolds(hi int, key uint64) bool {
	h := &s.hits[hi]
	tz := &s.fields[h.field]
	for i := h.ti; i < h.tj; i++ {
		if tz.hashAt(i) == key {
			return true
		}
	}
	return false
}

// inOtherName reports whether words [i,j) are part of another person's
// name: after a given name not theirs ("Guzmán López" is not Zambada,
// though one of his aliases is LOPEZ LANDEROS), after "bin" ("Mohammed bin
// Salman" is not Soleimani respelled), or before another name. Only a
// space joins the words of one name: "the Xi-Putin talks" are Putin's.
func (s *scan) inOtherName(tz *tokenizer, i, j int, ent int32) bool {
	if i = withParticle(tz, i); i > 0 && spaced(tz, i-1, i) && (patronymParticles.has(tz.hashAt(i-1)) || s.namesakeAt(tz, i, ent)) {
		return true
	}
	return j < len(tz.toks) && spaced(tz, j-1, j) && followedByName(tz, j)
}

// spaced reports whether one space, and nothing else, separates toks[a]
// and toks[b].
func spaced(tz *tokenizer, a, b int) bool {
	return tz.text[tz.toks[a].end:tz.toks[b].start] == " "
}

// spells reports whether the words from word i of field f spell a surname: its keys
// exactly, or for a one-word surname (whose skeleton is skel) a close respelling.
func (s *scan) spells(f, i int, keys []uint64, words []string, skel uint64) (int, bool) {
	tz := &s.fields[f]
	if i+len(keys) > len(tz.toks) {
		return 0, false
	}
	tz.ensure(i)
	if !spellStart(tz, &tz.toks[i], keys, words) {
		return 0, false
	}
	exact := true
	for n, k := range keys {
		if tz.hashAt(i+n) != k {
			exact = false
			break
		}
	}
	if exact {
		return i + len(keys), true
	}
	if len(keys) != 1 {
		return 0, false
	}
	if s.root(f, i).skel != skel { // spellStart: a key of five letters or more, with the first letter
		return 0, false
	}
	return i + 1, similar(tz.key(&tz.toks[i]), words[0])
}

// spellStart reports whether word t (its key built) may start a spelling of
// a surname (see spells): its key is the surname's first key or, for a
// one-word surname, a key of five letters or more with the same first letter.
func spellStart(tz *tokenizer, t *token, keys []uint64, words []string) bool {
	return t.hash == keys[0] || len(keys) == 1 && t.kend-t.kstart >= 5 && tz.buf[t.kstart] == words[0][0]
}

// covered reports whether words [i,j) of field f are already part of a hit
// of entity a, or of a hit another entity holds.
func (s *scan) covered(aggs []*entAgg, a *entAgg, f, i, j int) bool {
	for _, b := range aggs {
		for _, c := range b.cands {
			h := &s.hits[c.hit]
			if h.field == f && h.ti < j && i < h.tj && (b == a || c.score > 0) {
				return true
			}
		}
	}
	return false
}

// settle gives a span claimed by several entities to the one the document
// supports best: more mentions elsewhere, a fuller reading of its name,
// its own name rather than an alias, prominence, context. Where none
// stands out, all keep it with a lower score.
func (s *scan) settle(aggs []*entAgg, eligible func(*cand) bool) {
	byHit, mine := s.maps.byHit, s.maps.mine
	if byHit == nil {
		byHit, mine = make(map[int][]*claim), make(map[int]*claim)
		s.maps.byHit, s.maps.mine = byHit, mine
	}
	clear(byHit)
	for _, a := range aggs {
		clear(mine)
		for i := range a.cands {
			c := &a.cands[i]
			if c.score <= 0 || !eligible(c) {
				continue
			}
			cl := mine[c.hit]
			if cl == nil {
				cl = &claim{a: a}
				mine[c.hit] = cl
				byHit[c.hit] = append(byHit[c.hit], cl)
			}
			cl.cands = append(cl.cands, c)
		}
	}
	for hi, cls := range byHit {
		if len(cls) < 2 {
			continue
		}
		var top float32 // the most prominent claimant's prominence
		for _, cl := range cls {
			top = max(top, s.ix.entities[cl.a.entity].promin)
		}
		support := make(map[*claim]float64, len(cls))
		for _, cl := range cls {
			support[cl] = s.support(cl.a, cl.cands, hi, s.ix.entities[cl.a.entity].promin < top)
		}
		sort.SliceStable(cls, func(i, j int) bool { return support[cls[i]] > support[cls[j]] })
		best := support[cls[0]]
		// A claimant below the best whose listing the article speaks of more
		// ("Zhang Wei", a fentanyl supplier ZHANG, Wei, and an alias of the
		// more prominent casino owner WEI, Zhao) is not set aside: both
		// stay, lower.
		moreContext := func(cl *claim) bool { return cl.a.ctx > cls[0].a.ctx }
		standsOut := best-support[cls[1]] >= 0.05 && !slices.ContainsFunc(cls[1:], moreContext)
		tied := 0.75 // tied with the best: all keep it, with a lower score
		if !standsOut && (len(cls) == 2 || best-support[cls[2]] >= 0.05) && !s.commonReading(cls[0]) && !s.commonReading(cls[1]) {
			tied = 0.8 // two people the list names alike ("Joaquín Guzmán", father and son): both, a little lower, not neither
		}
		for k, cl := range cls {
			f := tied
			switch {
			case k == 0 && standsOut:
				continue // the best keeps it whole
			case best-support[cl] >= 0.05 && !moreContext(cl):
				f = 0 // below the best: "Hafiz Saeed" is not a short form of the son's "Hafiz Talha Saeed" where two others have it whole
			}
			for _, c := range cl.cands {
				c.score *= f
			}
		}
	}
}

// commonReading reports whether a claim reads its span by a name of
// common words ("Ibrahim Muhammad"), which many people share; one common
// word beside an uncommon one ("Dmitry Gusev") makes no such name.
func (s *scan) commonReading(cl *claim) bool {
	for _, c := range cl.cands {
		if s.ix.variants[c.variant].flags&(vCommon|vGeneric) != 0 {
			return true
		}
	}
	return false
}

// support measures how well the document supports reading span hi as
// entity a, by its best reading there. Where another entry that reads the
// span is more prominent (outranked), a's fuller name elsewhere does not
// count for a: "Nicolás Maduro Guerra" tells the son from his father, so
// the article's "Nicolas Maduro" is the president.
func (s *scan) support(a *entAgg, cands []*cand, hi int, outranked bool) float64 {
	other, near := 0, 0.0
	h := &s.hits[hi]
	for _, c := range a.cands {
		if c.hit != hi && c.score > 0 && !(outranked && s.fuller(c.hit, hi)) {
			other++
			if o := &s.hits[c.hit]; o.field == h.field {
				// "the Houthi movement, also known as Ansar Allah": the
				// reader takes the name at hand, the nearer the surer
				gap := max(h.ti-o.tj, o.ti-h.tj)
				if gap >= 0 && gap < nearWords {
					near = max(near, 3-3*float64(gap)/nearWords)
				}
			}
		}
	}
	best := 0.0
	for _, c := range cands {
		v := &s.ix.variants[c.variant]
		primary := 0.0
		switch v.kind {
		case kName, kPartial:
			primary = 0.2 // the entry's own name, not another's alias
		case kFormer:
			primary = -0.5 // a name the entry no longer has, which another may have now
		}
		if v.flags&(vPlaced|vApart) != 0 {
			// its own name's place is the story's ("Hamas and Islamic Jihad
			// ... in the Gaza Strip"); its own name, which another has as an
			// alias ("Ansar Allah" is ANSARALLAH's name, an old alias of
			// HIZBALLAH's)
			primary = 1
		}
		best = max(best, primary+float64(v.coverage)+c.score/10)
	}
	if a.titled {
		best += 0.5 // "Vladimir Kononov, a member of the State Duma": the post the list gives names him
	}
	promin := float64(s.ix.entities[a.entity].promin)
	if promin < 1 {
		promin = 0 // a lesser post alone tells no one apart: the two listed as KIM, Yong Chol, one with a post
	}
	return best + near + float64(min(other, 3)) + 0.1*math.Min(float64(a.ctx), 3) + 0.3*math.Min(promin, 3)
}

// titled reports whether the document names the post the list gives the
// entity: two of its distinctive words at least (see titleKeys).
func (s *scan) titled(ent int32) bool {
	n := 0
	for _, h := range s.ix.titles[ent] {
		if s.words.has(h) {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

// fuller reports whether hit o spells hit h's words and more after them
// ("Nicolás Maduro Guerra" for "Nicolas Maduro").
func (s *scan) fuller(o, h int) bool {
	ho, hh := &s.hits[o], &s.hits[h]
	n := hh.tj - hh.ti
	if ho.tj-ho.ti <= n {
		return false
	}
	to, th := &s.fields[ho.field], &s.fields[hh.field]
	for k := 0; k < n; k++ {
		to.ensure(ho.ti + k)
		th.ensure(hh.ti + k)
		if !bytes.Equal(to.key(&to.toks[ho.ti+k]), th.key(&th.toks[hh.ti+k])) {
			return false
		}
	}
	return true
}

// nearWords is how close, in words, another mention of an entry must be to
// a span it shares with another entry to count for it there (see support):
// within a sentence, mostly.
const nearWords = 12

// matches builds the output from the candidates that scored.
func (s *scan) matches(aggs []*entAgg, minScore float64) []Match {
	var out []Match
	for _, a := range aggs {
		best, bestKind, n := 0.0, kind(0), 0
		for _, c := range a.cands {
			if c.score <= 0 {
				continue
			}
			n++
			if c.score > best && !c.coref {
				best, bestKind = c.score, s.kindOf(c)
			}
		}
		if best == 0 {
			for _, c := range a.cands {
				if c.score > best {
					best, bestKind = c.score, s.kindOf(c)
				}
			}
		}
		score := math.Min(1, best+0.01*float64(min(n-1, 3)))
		score = math.Round(score*1000) / 1000
		if best == 0 || score < minScore {
			continue
		}
		out = append(out, s.match(a, score, bestKind))
	}
	return out
}

func (s *scan) match(a *entAgg, score float64, k kind) Match {
	e := s.ix.entities[a.entity].e
	m := Match{EntityID: e.ID, List: e.List, Schema: e.Schema, Name: e.Name, Programs: e.Programs, Score: score, Kind: k.String()}
	type place struct{ field, start, end int }
	var ps []place
	for _, c := range a.cands {
		if c.score <= 0 {
			continue
		}
		h := s.hits[c.hit]
		tz := &s.fields[h.field]
		ps = append(ps, place{h.field, int(tz.toks[h.ti].start), int(tz.toks[h.tj-1].end)})
	}
	// In the order of the text, spans that overlap as one ("El Chapo" and
	// "Chapo” Guzmán" are "El Chapo” Guzmán", and with its quotation marks
	// paired "“El Chapo” Guzmán").
	slices.SortFunc(ps, func(x, y place) int {
		if x.field != y.field {
			return x.field - y.field
		}
		return x.start - y.start
	})
	var fields []int // the field of each mention
	for i, p := range ps {
		if n := len(m.Mentions); i > 0 && p.field == ps[i-1].field && p.start < m.Mentions[n-1].End {
			last := &m.Mentions[n-1]
			last.End = max(last.End, p.end)
			continue
		}
		m.Mentions = append(m.Mentions, Mention{Field: s.doc.Fields[p.field].Name, Start: p.start, End: p.end})
		fields = append(fields, p.field)
	}
	for i := range m.Mentions {
		mn, text := &m.Mentions[i], s.doc.Fields[fields[i]].Text
		mn.Start, mn.End = balanceQuotes(text, mn.Start, mn.End)
		mn.Text = text[mn.Start:mn.End]
	}
	return m
}

// quotePairs are the quotation marks a mention keeps in pairs.
var quotePairs = [...][2]string{{"“", "”"}, {"«", "»"}, {"\"", "\""}}

// balanceQuotes widens text[start:end], a name that runs across a
// nickname in quotation marks, by the mark that opens or closes the pair
// it holds one of: "“El Chapo” Guzmán", not "El Chapo” Guzmán".
func balanceQuotes(text string, start, end int) (int, int) {
	for _, q := range quotePairs {
		open, cls := q[0], q[1]
		o, c := strings.Count(text[start:end], open), strings.Count(text[start:end], cls)
		needOpen, needClose := c > o, o > c
		if open == cls { // a straight mark opens or closes: an odd one is alone
			needOpen, needClose = o%2 == 1, o%2 == 1
		}
		if needOpen && strings.HasSuffix(text[:start], open) {
			start -= len(open)
		} else if needClose && strings.HasPrefix(text[end:], cls) {
			end += len(cls)
		}
	}
	return start, end
}

// shortForms gives a name that is part of a longer name of another entity
// named in the document to that entity: after "Palestinian Islamic Jihad",
// "Islamic Jihad" means the same group, not another that has it as alias.
// An acronym stays with its entry (see acronym).
func (s *scan) shortForms(aggs []*entAgg) {
	keys := make(map[int]string)
	key := func(hi int) string {
		k, ok := keys[hi]
		if !ok {
			h := s.hits[hi]
			k = " " + tokenKeys(&s.fields[h.field], h.ti, h.tj) + " "
			keys[hi] = k
		}
		return k
	}
	for _, a := range aggs {
		for i := range a.cands {
			c := &a.cands[i]
			if c.score <= 0 || s.ix.variants[c.variant].kind == kSurname || s.acronym(c) {
				continue
			}
			if b, y := s.longerName(aggs, a, key(c.hit), key); b != nil && !s.groupAndPerson(a, b, c.hit) && !s.outranks(a, b) {
				c.score = 0
				b.cands = append(b.cands, cand{hit: c.hit, variant: y.variant, score: y.score, coref: true})
			}
		}
	}
}

// acronym reports whether c reads one word in capitals as an acronym its
// entry is listed by: the entry's own short name, which a longer name
// holding it extends to a branch ("ISIS" and "ISIS-K", "IRGC" and
// "IRGC-QF"), not a short form of that longer name.
func (s *scan) acronym(c *cand) bool {
	h := &s.hits[c.hit]
	k := s.ix.variants[c.variant].kind
	return h.tj-h.ti == 1 && !h.fuzzy && (k == kName || k == kAlias) && s.fields[h.field].toks[h.ti].flags&tUpper != 0
}

// longerName finds another entity named in the document by a name that
// contains k.
func (s *scan) longerName(aggs []*entAgg, a *entAgg, k string, key func(int) string) (*entAgg, *cand) {
	for _, b := range aggs {
		if b == a {
			continue
		}
		for i := range b.cands {
			y := &b.cands[i]
			if y.score <= 0 || y.coref || s.ix.variants[y.variant].kind == kSurname {
				continue
			}
			if yk := key(y.hit); len(yk) > len(k) && strings.Contains(yk, k) {
				return b, y
			}
		}
	}
	return nil, nil
}

// tokenKeys returns the canonical keys of toks[i:j] joined by spaces.
func tokenKeys(tz *tokenizer, i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.Write(tz.key(&tz.toks[k]))
	}
	return b.String()
}

// kindOf says how a candidate matched.
func (s *scan) kindOf(c cand) kind {
	if s.hits[c.hit].fuzzy {
		return kSpelling
	}
	return s.ix.variants[c.variant].kind
}

// genericNeed is how many of its listing's context words (topics of them
// in all) a name of ordinary words needs: two for a short one ("Security
// Service"), one for a longer one ("Internet Research Agency"), three for
// an alias ("People's Liberation Army"), or two where the listing has few
// ("State Administration Council": BURMA's are few, the terrorism
// programs' many and common).
func genericNeed(v *variant, topics int) int {
	switch {
	case v.kind != kName && topics > shortTopics:
		return 3
	case v.kind != kName:
		return 2
	case v.ntok >= 3:
		return 1
	}
	return 2
}

// shortTopics is the most context words a listing may have for two of
// them to say as much as three of a longer list.
const shortTopics = 12

// distinctiveWord reports whether a word of five letters or more is no
// ordinary word, English proper noun, given name or place.
func (s *scan) distinctiveWord(tz *tokenizer, t *token) bool {
	if t.kend-t.kstart < 5 || s.ix.dict.has(t.hash) || s.ix.proper.has(t.hash) {
		return false
	}
	if _, given := s.ix.givenNames[t.hash]; given {
		return false
	}
	return !placeNames.has(t.hash)
}

// afterKunya returns the first word of [i, j) after a leading "Abu" or
// "Umm" (the last word if all are): "Abu Marzook" is read by "Marzook".
func afterKunya(tz *tokenizer, i, j int) int {
	for i < j-1 && kunyaWords.has(tz.hashAt(i)) {
		i++
	}
	return i
}

// distinctiveSurname reports whether the surname at words [i, j) is one
// distinctive word (see distinctiveWord), alone or after "Abu": "Haniyeh",
// "Abu Marzook". Not after the article, which names places as often ("the
// Al-Shati camp" is no AL-SHATTI).
func (s *scan) distinctiveSurname(tz *tokenizer, i, j int) bool {
	k := afterKunya(tz, i, j)
	return k == j-1 && s.distinctiveWord(tz, &tz.toks[k])
}

// followedByName reports whether a capitalised word follows word j-1 inside
// a sentence: the surname is then part of a longer name or a given name.
func followedByName(tz *tokenizer, j int) bool {
	if tz.titleCase || j >= len(tz.toks) || !adjacent(tz, j-1, j) || tz.toks[j-1].flags&tPossess != 0 {
		return false
	}
	n := &tz.toks[j]
	if n.end-n.start == 1 && int(n.end) < len(tz.text) && tz.text[n.end] == '.' {
		return false // "Las Ingenierias S.", a legal form cut short: no name
	}
	return n.flags&tCap != 0 && !functionWords.has(n.hash) && !particles.has(n.hash) && !titleWords.has(n.hash)
}

// personOverCompany gives a one-word company name that is also the surname
// of a person the document names to the person: in an article about
// Muhammad al-Qatirji, "Qatirji" is him, not AL-QATIRJI COMPANY.
func (s *scan) personOverCompany(aggs []*entAgg, strongAt map[uint64]int) {
	for _, a := range aggs {
		if s.ix.entities[a.entity].e.Schema == "Person" {
			continue
		}
		for i := range a.cands {
			c := &a.cands[i]
			v := &s.ix.variants[c.variant]
			if c.score > 0 && v.flags&vSingle != 0 && v.flags&vDerived != 0 && strongAt[s.span(c.hit)] > 1 && s.personAt(aggs, s.span(c.hit)) {
				c.score = 0
			}
		}
	}
}

// personAt reports whether a person the document names by more than a
// surname reads span sp: two companies that read it ("Zvezda": PAO
// ZVEZDA and JOINT STOCK COMPANY ZVEZDA) keep it, as a tie.
func (s *scan) personAt(aggs []*entAgg, sp uint64) bool {
	for _, a := range aggs {
		if a.strong && s.ix.entities[a.entity].e.Schema == "Person" && s.holds(a, sp) > 0 {
			return true
		}
	}
	return false
}

// groupAndPerson reports whether a span of group a that a person b's name
// holds stays a's: where the document names the group otherwise too
// ("Houthi rebels" after "the Houthis", though Abdul Malik al-Houthi is
// named as well).
func (s *scan) groupAndPerson(a, b *entAgg, hi int) bool {
	return s.ix.entities[a.entity].e.Schema != "Person" && s.ix.entities[b.entity].e.Schema == "Person" && s.namedOtherwise(a, hi)
}

// outranks reports whether person a is more prominent than person b, so
// that a name of a's within b's longer name stays a's: where the article
// writes "Nicolás Maduro Guerra" for the son, its "Nicolas Maduro" is the
// president, whose usual name it is.
func (s *scan) outranks(a, b *entAgg) bool {
	ea, eb := &s.ix.entities[a.entity], &s.ix.entities[b.entity]
	return ea.e.Schema == "Person" && eb.e.Schema == "Person" && ea.promin > eb.promin
}

// namedOtherwise reports whether the document names a by a name that does
// not hold the words of hit hi.
func (s *scan) namedOtherwise(a *entAgg, hi int) bool {
	h := &s.hits[hi]
	w := s.fields[h.field].hashAt(h.ti) // the first word says enough
	for _, c := range a.cands {
		if c.score > 0 && c.hit != hi && !s.hitHolds(c.hit, w) {
			return true
		}
	}
	return false
}
