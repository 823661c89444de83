package engine

import (
	"slices"
	"strings"
)

// A name that ties an organisation to a people ("PALESTINIAN ISLAMIC
// JIHAD") is shortened in the news to the rest ("Islamic Jihad") where
// the story is about their place. The list may give the rest outright to
// another entry (HIZBALLAH's alias ISLAMIC JIHAD): the short form is then
// this entry's too, where the article names the place, and the two
// readings are settled by the document (see settle). Only such
// collisions get the short form: "Electronics Industries" alone, from
// IRAN ELECTRONICS INDUSTRIES, would be any country's.

// placedName is the rest of a name that carries a place, waiting for the
// end of the build to learn whether another entry is called by it.
type placedName struct {
	id       int32
	k        kind
	rest     []string
	place    string
	coverage float32
}

// wordsOfPlace are, for the places whose names shorten this way, the words
// by which the news speaks of them: the country, its people and, for the
// Palestinian territories, their parts.
func wordsOfPlace(place string) []string {
	ws := []string{place}
	if d, ok := demonyms[place]; ok {
		ws = append(ws, d)
		if !strings.HasSuffix(d, "ese") && !strings.HasSuffix(d, "sh") {
			ws = append(ws, d+"s") // "Iranians", "Palestinians"
		}
	}
	return append(ws, territories[place]...)
}

// territories names the parts of a place that stories name instead of it.
var territories = map[string][]string{
	"palestine": {"palestinian", "palestinians", "gaza", "ramallah", "jenin", "nablus", "rafah", "hebron"},
}

// placeOfWord returns the place a name's word stands for: a country
// named, or its people's adjective ("Palestinian").
func placeOfWord(w string) (string, bool) {
	if w == "palestine" || w == "palestinian" {
		return "palestine", true
	}
	if _, ok := demonyms[w]; ok && !strings.Contains(w, " ") {
		return w, true
	}
	for c, d := range demonyms {
		if d == w && !strings.Contains(c, " ") {
			return c, true
		}
	}
	return "", false
}

// countryOfPeople returns the key of the country whose people's adjective
// key w is ("iranian": "iran"), for the countries of one word.
func countryOfPeople(w string) (string, bool) {
	for c, d := range demonyms {
		if !strings.Contains(c, " ") && canonString(d) == w {
			return canonString(c), true
		}
	}
	return "", false
}

// notePlaced records the rest of name w (an organisation's words) if it
// opens with a people's adjective or their country ("PALESTINIAN ISLAMIC
// JIHAD"): a group whose name says whose it is, which news about those
// people drops. A name with "in"/"of" and a place last ("ISLAMIC STATE
// IN SOMALIA", "MARTYRS FOUNDATION IN LEBANON") is a branch of what the
// rest names, and news that says "Islamic State" means the parent: it
// gets none.
func (b *builder) notePlaced(id int32, k kind, w []string) {
	if len(w) < 3 {
		return
	}
	place, ok := placeOfWord(w[0])
	if !ok {
		return
	}
	b.placed = append(b.placed, placedName{id: id, k: k, rest: slices.Clone(w[1:]), place: place, coverage: float32(len(w)-1) / float32(len(w))})
}

// addPlaced gives each placed rest that another organisation is called by
// outright to its entry, as a derived name that needs its place named,
// and adds the place's words to the entry's context. It runs once the
// tries hold every other name, and inserts into them itself.
func (b *builder) addPlaced() {
	if len(b.placed) == 0 {
		return
	}
	// the nodes the rests lead to, then the entries that end there
	type target struct {
		node uint32
		p    *placedName
	}
	var targets []target
	for i := range b.placed {
		p := &b.placed[i]
		hs := make([]uint64, len(p.rest))
		for j, w := range p.rest {
			hs[j] = hashKey([]byte(w))
		}
		if n, ok := b.ix.exact.find(hs); ok {
			targets = append(targets, target{n, p})
		}
	}
	if len(targets) == 0 {
		b.placed = nil
		return
	}
	byNode := make(map[uint32][]int32) // node: the organisations named there outright
	for _, t := range targets {
		byNode[t.node] = nil
	}
	tr := b.ix.exact
	for i, n := range tr.endNode {
		if _, ok := byNode[n]; !ok {
			continue
		}
		v := &b.ix.variants[tr.endVar[i]]
		if v.flags&(vDerived|vPerson|vVessel|vAircraft) == 0 && (v.kind == kName || v.kind == kAlias) {
			byNode[n] = append(byNode[n], v.entity)
		}
	}
	if b.ix.places == nil {
		b.ix.places = make(map[int32][]uint64)
	}
	last := int32(-1)
	for _, t := range targets {
		p := t.p
		if !slices.ContainsFunc(byNode[t.node], func(e int32) bool { return e != p.id }) {
			continue
		}
		info := &b.ix.entities[p.id]
		if _, done := b.ix.places[p.id]; !done {
			var hs []uint64
			for _, w := range wordsOfPlace(p.place) {
				h := hashKey([]byte(canonString(w)))
				hs = append(hs, h)
				b.ix.contextAny.set(h)
			}
			b.ix.places[p.id] = hs
			info.context = append(slices.Clip(info.context), hs...)
		}
		if p.id != last {
			// one entry's placed rests in a row: add keeps the first of
			// each ("PALESTINE ISLAMIC JIHAD", "PALESTINIAN ISLAMIC JIHAD")
			clear(b.seen)
			clear(b.unlike)
			last = p.id
		}
		b.person = false
		b.add(p.id, p.k, p.rest, vDerived|vPlaced, p.coverage)
	}
	b.placed = nil
}

// addPlaceless gives each one-word rest of a name without its place
// ("GARANTEX EUROPE OU": "Garantex") to its entry, unless another
// organisation's name starts with that word too: "Sistema" is AFK
// Sistema (SISTEMA PUBLIC JOINT STOCK FINANCIAL CORPORATION), not its
// subsidiary SISTEMA ASIA PTE LTD, and "Sberbank" the bank, not SBERBANK
// EUROPE AG. It runs once every entry is known.
func (b *builder) addPlaceless() {
	if len(b.placeless) == 0 {
		return
	}
	const none, many = -1, -2
	owner := make(map[uint64]int32, len(b.placeless)) // a rest's word: the one entry whose names start with it
	for _, p := range b.placeless {
		owner[hashKey(p.rest[0])] = none
	}
	for id := range b.ix.entities {
		e := b.ix.entities[id].e
		if e.Schema == "Person" {
			continue
		}
		for i := -1; i < len(e.Aliases); i++ {
			name := e.Name
			if i >= 0 {
				name = e.Aliases[i].Name
			}
			h, ok := firstWordKey(name)
			if o, want := owner[h]; ok && want && o != int32(id) {
				if o == none {
					owner[h] = int32(id)
				} else {
					owner[h] = many
				}
			}
		}
	}
	last := int32(-1)
	for _, p := range b.placeless {
		if owner[hashKey(p.rest[0])] != p.id {
			continue
		}
		if p.id != last {
			clear(b.seen)
			clear(b.unlike)
			last = p.id
		}
		b.person = false
		b.add(p.id, p.k, p.rest, vDerived, p.coverage)
	}
	b.placeless = nil
}

// firstWordKey returns the hash of the key of a name's first word, if it
// is a word of ASCII letters, without allocating.
func firstWordKey(name string) (uint64, bool) {
	var buf [32]byte
	n := 0
	for i := 0; i < len(name); i++ {
		c := name[i] | 0x20
		if c < 'a' || c > 'z' {
			if n > 0 || name[i] >= 0x80 {
				break
			}
			continue
		}
		if n == len(buf) {
			return 0, false
		}
		buf[n] = c
		n++
	}
	if n == 0 {
		return 0, false
	}
	return hashKey(buf[:canon(buf[:n])]), true
}
