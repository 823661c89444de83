package engine

import (
	"slices"
	"strings"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// kind says how a name variant was derived from its entry; it becomes the
// match's Kind.
type kind uint8

const (
	kName     kind = iota // the listed name, in any order, legal form dropped
	kPartial              // given name and surname, middle names or second surname left out
	kAlias                // a strong alias (a.k.a., n.k.a.)
	kFormer               // a former name (f.k.a.)
	kWeak                 // a weak alias: a nickname or short form
	kSurname              // the surname alone
	kSpelling             // a spelling of a name that the list does not carry (Hezbollah for HIZBALLAH)
)

var kindNames = [...]string{"name", "name_partial", "alias", "former_name", "weak_alias", "surname", "spelling"}

func (k kind) String() string { return kindNames[k] }

// Variant flags.
const (
	vSingle        uint16 = 1 << iota // one token
	vAcronym                          // a short all-capitals name: the text must be in capitals too
	vVessel                           // a vessel's name: needs a shipping word nearby
	vAircraft                         // an aircraft's name: needs an aviation word nearby
	vDictWord                         // a single token that is an ordinary English word
	vCommon                           // every token is a common name or word: needs supporting context
	vProper                           // a single token that is an English proper noun (a place, a brand)
	vCommonSurname                    // a given name and a common surname: needs supporting context
	vGeneric                          // every token is an ordinary word ("Ministry of Labor"): needs supporting context
	vDerived                          // made by dropping part of a name (a legal form, "al-"), or the surname of an alias
	vSomeCommon                       // at least one word is a common name
	vLastCommon                       // the last word is a common name ("Francisco Diaz")
	vPerson                           // the entity is a person (read here, not from the entity: a scan checks many variants)
	vPlaced                           // a name with its place dropped, which another entry bears outright: needs the place named (see places.go)
	vOneSurname                       // a given name and one of a person's two surnames ("Ismael Zambada"): a namesake's, without the listing's context (see shortForm)
	vApart                            // the entry's own name written apart ("ANSAR ALLAH" for ANSARALLAH): the name itself, where another entry has it as an alias
)

// variant is one token sequence that names an entity.
type variant struct {
	entity   int32
	kind     kind
	ntok     uint8
	flags    uint16
	coverage float32 // share of the entity's name tokens the variant has
	spell    uint32  // where its words start in index.spell, if it is in the fuzzy trie
}

// entityInfo is what the resolver needs to know of an entity.
type entityInfo struct {
	e         *watchlist.Entity
	given     []uint64 // hashes of every given-name token, of the name and its aliases
	context   []uint64 // hashes of words that support a match: countries, program topics (the post is in index.titles)
	countries []uint64 // hashes of the words that name the entry's countries (see countriesOf)
	surnames  []uint64 // hashes of surname keys (for sharing across entities)
	promin    float32  // prominence: a title, or other entries linked to it
	leader    bool     // the title names a leading post (see leaderTitle)
	famAlias  uint16   // bit k: family name k is only an alias's, another identity's (see corefSurnames)
	// family names a person is called by once named in full: the words
	// of each surname and their hashes
	family [][]string
	famKey [][]uint64
	// links are the entries the list links this one to, either way
	// ("Linked To: FEDERAL SECURITY SERVICE" on its director's entry)
	links []int32
}

// index holds every variant of every entity's names in two tries: one
// over exact word keys, one over spelling skeletons (see skeleton) for
// transliterations the keys don't merge (Hezbollah/Hizballah).
type index struct {
	exact    *trie
	fuzzy    *trie
	variants []variant
	spell    []string // the words of fuzzy variants, for checking a skeleton match
	entities []entityInfo
	dict     dictionary // ordinary English words
	spelled  dictionary // the same words as written (their lower-case letters' hashes, not their keys')
	proper   dictionary // English proper nouns: places, famous names, brands
	// surnameOwners counts the entities that have each surname key.
	surnameOwners map[uint64]int32
	// surnameBest is, for a surname several entities share, the one
	// clearly more prominent than the others, if there is one.
	surnameBest map[uint64]int32
	// vocab maps the hash of a raw lower-case context word (a program's
	// topic word, an off-topic word) to its key hash in vocabKeys, so the
	// resolver can read context from words whose keys were never built.
	vocab     *table
	vocabKeys []uint64
	vocabSeen shapeSet // the shapes of the vocab words: most other words fail here before hashing
	// contextAny holds the context words of every entity and the
	// off-topic words: the only words the resolver counts (see docWords).
	contextAny bitset
	// titles holds, for the entries the list gives a post, the hashes of
	// its distinctive words (see titleKeys); few entries have one
	titles map[int32][]uint64
	// born holds a person's earliest year of birth in the list, for the
	// entries born in youngBorn or later: the only ones bornAfter reads
	born       map[int32]uint16
	lazyShapes shapeSet // those and the particles' shapes (see tokenizer.mark)
	// places holds, for the entries given a name with its place dropped,
	// the words of that place (see places.go)
	places     map[int32][]uint64
	givenNames map[uint64]struct{} // given-name tokens of every listed person
}

// trie maps word-hash sequences to variants. Its edges live in one hash
// table keyed by (node, word hash); node 0 is the root.
type trie struct {
	roots   *table   // edges from the root: the words that start a name
	trans   *table   // the other edges
	termOff []uint32 // the variants ending at node n are terms[termOff[n]:termOff[n+1]]
	terms   []int32
	meta    []termMeta // beside terms, for accept (see describe); nil if not described
	viable  nodeSet    // for the fuzzy trie: nodes where a respelling may end (see markViable)
	// lowerKids are the nodes with an edge for a lower-case word a name
	// may hold (inNameLower): a walk stops at a plain lower-case word
	// anywhere else before building its key.
	lowerKids nodeSet
	lowerFrom []uint32 // while building: the nodes lowerKids will hold
	first     bitset   // word hashes that can start a variant
	edges     bitset   // the edges, by edgeFilterKey: most failing steps stop here, in cache, before the table
	nodes     uint32
	// while building: the variant ending at each node, in insertion order
	endNode []uint32
	endVar  []int32
	kids    []bool // nodes with edges leaving them
}

// newTrie returns a trie whose filters are sized for filterSize edges and
// whose tables start with room for about edges; they grow as needed, and
// shrink to fit at freeze.
func newTrie(filterSize, edges int) *trie {
	// The filters are sized to stay in cache: a false positive costs a
	// table probe, a filter out of cache costs a miss on every word.
	return &trie{
		roots: newTable(edges / 16), trans: newTable(edges),
		first: newBitset(min(filterSize*2, 1<<24)), edges: newBitset(min(filterSize*8, 1<<25)),
		kids: make([]bool, 0, edges), endNode: make([]uint32, 0, edges), endVar: make([]int32, 0, edges),
	}
}

func transKey(node uint32, h uint64) uint64 {
	if node == 0 {
		return h
	}
	return h ^ (uint64(node)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019)
}

// Node ids as the edge tables hold them after freeze carry two flags, so a
// walk knows without another memory access whether names end at a node
// and whether any continue from it.
const (
	nodeTerm = 1 << 31 // variants end here
	nodeKids = 1 << 30 // edges leave from here
	nodeMask = nodeKids - 1
)

// edgeFilterKey is what the edges filter holds for the edge for word hash
// h from node: the filter's block comes from the node, the bits in it from
// the word, so the steps from one node (a common first word: "The", "He")
// test one cache line, which stays in cache.
func edgeFilterKey(node uint32, h uint64) uint64 {
	blk := (uint64(node)*0x9E3779B97F4A7C15)>>20&^7 | h>>12&7 // one of the node's eight words: one cache line
	return blk<<20 | h&(1<<12-1)
}

// insert adds the path of hashes, ending in variant id; words[i] is the
// key hashed in hashes[i].
func (t *trie) insert(hashes []uint64, words []uint64, id int32) {
	node := uint32(0)
	for i, h := range hashes {
		if i > 0 && inNameLower.has(words[i]) {
			t.lowerFrom = append(t.lowerFrom, node)
		}
		tab := t.trans
		if i == 0 {
			t.first.set(h)
			tab = t.roots
		}
		tk := transKey(node, h)
		next, ok := tab.get(tk)
		if !ok {
			t.nodes++
			next = t.nodes
			tab.put(tk, next)
			if i > 0 {
				t.edges.set(edgeFilterKey(node, h))
			}
			for uint32(len(t.kids)) <= node {
				t.kids = append(t.kids, false)
			}
			t.kids[node] = true
		}
		node = next
	}
	t.endNode = append(t.endNode, node)
	t.endVar = append(t.endVar, id)
}

// find returns the node the path of hashes leads to (step by step; while
// building, nodes carry no flags).
func (t *trie) find(hashes []uint64) (uint32, bool) {
	node := uint32(0)
	for _, h := range hashes {
		next, ok := t.step(node, h)
		if !ok {
			return 0, false
		}
		node = next
	}
	return node, true
}

// freeze lays the variants out by node (a counting sort into CSR form).
func (t *trie) freeze() {
	t.termOff = make([]uint32, t.nodes+2)
	for _, n := range t.endNode {
		t.termOff[n+1]++
	}
	for i := 1; i < len(t.termOff); i++ {
		t.termOff[i] += t.termOff[i-1]
	}
	t.terms = make([]int32, len(t.endVar))
	next := slices.Clone(t.termOff)
	for i, n := range t.endNode {
		t.terms[next[n]] = t.endVar[i]
		next[n]++
	}
	t.endNode, t.endVar = nil, nil
	t.lowerKids = make(nodeSet, t.nodes/64+1)
	for _, n := range t.lowerFrom {
		t.lowerKids[n/64] |= 1 << (n % 64)
	}
	t.lowerFrom = nil
	for _, tab := range []*table{t.roots, t.trans} {
		for i := range tab.slots {
			sl := &tab.slots[i]
			if sl.key == 0 {
				continue
			}
			n := sl.val
			if t.termOff[n] != t.termOff[n+1] {
				sl.val |= nodeTerm
			}
			if int(n) < len(t.kids) && t.kids[n] {
				sl.val |= nodeKids
			}
		}
	}
	t.kids = nil
	t.roots.compactTo(1024, 4, 3) // behind the first filter: lookups find their key
	t.trans.compact(1024)
}

// step follows the edge for word hash h from node (flags ignored) and
// returns the next node with its flags.
func (t *trie) step(node uint32, h uint64) (uint32, bool) {
	if node == 0 {
		return t.roots.get(h) // behind the first filter, in a table small enough to stay in cache
	}
	if !t.mayStep(node, h) {
		return 0, false
	}
	return t.trans.get(transKey(node&nodeMask, h))
}

// mayStep reports whether an edge for word hash h may leave node (not the
// root), by the edges filter alone: false means there is none.
func (t *trie) mayStep(node uint32, h uint64) bool {
	return t.edges.has(edgeFilterKey(node&nodeMask, h))
}

// terminals returns the variants that end at node n (flags ignored).
func (t *trie) terminals(n uint32) []int32 {
	n &= nodeMask
	return t.terms[t.termOff[n]:t.termOff[n+1]]
}

// termMeta is what accept reads of a variant, kept beside the trie's
// terminals (see describe).
type termMeta struct {
	flags uint16
	kind  kind
}

// describe keeps, beside each terminal, its variant's flags and kind:
// accept reads them in order there rather than each variant at its own
// place, which over a long list misses the cache for every one.
func (t *trie) describe(vs []variant) {
	t.meta = make([]termMeta, len(t.terms))
	for n, id := range t.terms {
		t.meta[n] = termMeta{flags: vs[id].flags, kind: vs[id].kind}
	}
}

// metas returns the termMeta of terminals(n), if described.
func (t *trie) metas(n uint32) []termMeta {
	if t.meta == nil {
		return nil
	}
	n &= nodeMask
	return t.meta[t.termOff[n]:t.termOff[n+1]]
}

// builder accumulates variants before the index is frozen.
type builder struct {
	ix        *index
	tz        tokenizer
	seen      map[uint64]int32    // variants of the current entity (hash of the word hashes) and their ids, to skip repeats
	contexts  map[string][]uint64 // context words by program set
	countries map[string][]uint64 // country words by country set
	skels     []uint64
	inlinks   map[string]int     // entries linked to each listed name
	lone      []loneSurname      // surnames that may name a person alone, decided at freeze
	fathers   map[int32][]uint64 // for the persons whose names hold patronymics, the given names they are formed from
	surname   string             // the surname of the person being added, as listed
	person    bool               // the entity being added is a person
	promin    float32            // and its prominence
	hashes    []uint64
	// exactFeed and fuzzyFeed insert the variants' paths into the tries
	// (see feed); finished at freeze, after which they insert at once.
	exactFeed, fuzzyFeed *feed
	placed               []placedName // the rests of names that carry a place (see places.go)
	placeless            []placedName // one-word rests of names that end in a place (see addPlaceless)
	// unlike holds the keys of the entity's words that are English words'
	// keys but not spelled as one (see index.spelled; "Milenyum", whose key
	// is millennium's): not ordinary words.
	unlike map[uint64]struct{}
	lower  []byte
}

func newBuilder(dict, spelled, proper dictionary, sizeHint int) *builder {
	b := &builder{
		ix: &index{
			// OFAC has 9 edges, 5.6 variants and 15 spelling words an
			// entity, a large list of plain names 3, 3.6 and 9: the tables
			// and slices start at the small end (a start too big costs more,
			// in memory and time, than growing), the filters keep their
			// sizes.
			exact:         newTrie(sizeHint*10, sizeHint*3),
			fuzzy:         newTrie(sizeHint*8, sizeHint*3),
			entities:      make([]entityInfo, 0, sizeHint),
			variants:      make([]variant, 0, sizeHint*4),
			spell:         append(make([]string, 0, sizeHint*9), ""),
			dict:          dict,
			spelled:       spelled,
			proper:        proper,
			surnameOwners: make(map[uint64]int32),
			surnameBest:   make(map[uint64]int32),
			givenNames:    make(map[uint64]struct{}),
			titles:        make(map[int32][]uint64),
			born:          make(map[int32]uint16),
		},
		seen:      make(map[uint64]int32),
		contexts:  make(map[string][]uint64),
		countries: make(map[string][]uint64),
		lone:      make([]loneSurname, 0, sizeHint),
		fathers:   make(map[int32][]uint64),
		unlike:    make(map[uint64]struct{}),
	}
	b.exactFeed, b.fuzzyFeed = newFeed(b.ix.exact), newFeed(b.ix.fuzzy)
	return b
}

// insertHere finishes the feeds: the builder inserts what it adds from
// now on into the tries itself.
func (b *builder) insertHere() {
	b.exactFeed.finish()
	b.fuzzyFeed.finish()
}

// words tokenizes a name into canonical keys.
func (b *builder) words(name string) []string {
	b.tz.reset()
	b.tz.tokenize(name)
	out := make([]string, 0, len(b.tz.toks))
	for i := range b.tz.toks {
		b.tz.ensure(i) // a plain lower-case word's key is built on demand ("Saif al-Islam")
		t := &b.tz.toks[i]
		key := b.tz.key(t)
		if assimilated(&b.tz, i) {
			key = alKey // "ANSAR AD-DIN" is Ansar al-Din, as the scan reads it
		}
		out = append(out, string(key))
		if h := hashKey(key); b.ix.spelled.m != nil && b.ix.dict.has(h) {
			b.lower = append(b.lower[:0], strings.ToLower(name[t.start:t.end])...)
			if !b.ix.spelled.has(hashKey(b.lower)) {
				b.unlike[h] = struct{}{}
			}
		}
	}
	return out
}

// add inserts one variant of entity ent.
func (b *builder) add(ent int32, k kind, toks []string, flags uint16, coverage float32) {
	if len(toks) == 0 || len(toks) > 255 {
		return
	}
	b.hashes = b.hashes[:0]
	seq := uint64(len(toks))
	for _, t := range toks {
		h := hashKey([]byte(t))
		b.hashes = append(b.hashes, h)
		seq = mix64(seq ^ h)
	}
	if id, dup := b.seen[seq]; dup {
		// The same words again: keep the fuller reading. "Hafiz Saeed" is
		// a short form of the alias SAEED, Hafiz Muhammad and, listed
		// next, the whole of the alias SAEED, Hafiz.
		v := &b.ix.variants[id]
		v.coverage = max(v.coverage, coverage)
		v.flags &^= (vDerived | vOneSurname) &^ flags // the fuller reading is not derived, nor only one of two surnames
		return
	}
	b.seen[seq] = int32(len(b.ix.variants))
	hs := b.hashes
	if len(toks) == 1 {
		flags |= vSingle
		if b.ix.dict.has(hs[0]) {
			flags |= vDictWord
		}
		if b.ix.proper.has(hs[0]) {
			flags |= vProper
		}
	}
	if b.genericHashes(hs) || !b.person && len(toks) >= 2 && b.plainName(toks, hs) {
		flags |= vGeneric
	}
	for _, h := range hs {
		if commonNames.has(h) {
			flags |= vSomeCommon
		}
	}
	if commonNames.has(hs[len(hs)-1]) {
		flags |= vLastCommon
	}
	if allCommonHashes(hs) {
		flags |= vCommon
	} else if k == kPartial && commonNames.has(hs[len(hs)-1]) {
		flags |= vCommonSurname
	}
	id := int32(len(b.ix.variants))
	if b.person {
		flags |= vPerson
	}
	v := variant{entity: ent, kind: k, ntok: uint8(len(toks)), flags: flags, coverage: coverage}
	b.exactFeed.insert(hs, hs, id)
	if spellable(toks, k) {
		v.spell = uint32(len(b.ix.spell))
		b.ix.spell = append(b.ix.spell, toks...)
		b.skels = b.skels[:0]
		for _, t := range toks {
			b.skels = append(b.skels, skeletonHash([]byte(t)))
		}
		b.fuzzyFeed.insert(b.skels, hs, id)
	}
	b.ix.variants = append(b.ix.variants, v)
}

// generic reports whether a name is made only of ordinary words.
func (b *builder) generic(toks []string) bool {
	hs := make([]uint64, len(toks))
	for i, t := range toks {
		hs[i] = hashKey([]byte(t))
	}
	return b.genericHashes(hs)
}

func (b *builder) genericHashes(hs []uint64) bool {
	for _, h := range hs {
		if _, unlike := b.unlike[h]; !functionWords.has(h) && (!b.ix.dict.has(h) || unlike) {
			return false
		}
	}
	return true
}

// plainName reports whether an organisation's name of two words or more
// is ordinary words but for single letters and numbers ("CODE A", "SET
// 1"): those say no more than the words do, and such a name needs context
// as a name of ordinary words does ("Set 1.6 as the minimum version").
// Two letters may be a domain's ("BLENDER.IO") or an acronym.
func (b *builder) plainName(toks []string, hs []uint64) bool {
	ordinary := false
	for i, t := range toks {
		switch {
		case len(t) == 1 || strings.Trim(t, "0123456789") == "":
		case b.genericHashes(hs[i : i+1]):
			ordinary = true
		default:
			return false
		}
	}
	return ordinary
}

// allCommon reports whether every word of a name is a common name, a title
// or a function word.
func allCommon(toks []string) bool {
	for _, t := range toks {
		if !allCommonHashes([]uint64{hashKey([]byte(t))}) {
			return false
		}
	}
	return true
}

func allCommonHashes(hs []uint64) bool {
	for _, h := range hs {
		if !commonNames.has(h) && !functionWords.has(h) && !particles.has(h) && !titleWords.has(h) {
			return false
		}
	}
	return true
}

// freeze finishes the index.
func (b *builder) freeze() *index {
	b.linkEntities()
	b.buildVocab()
	b.ix.contextAny = newBitset(1 << 14)
	for _, list := range b.contexts {
		for _, h := range list {
			b.ix.contextAny.set(h)
		}
	}
	for _, sl := range offTopicWords.t.slots {
		if sl.key != 0 {
			b.ix.contextAny.set(sl.key)
		}
	}
	for _, hs := range b.ix.titles {
		for _, h := range hs {
			b.ix.contextAny.set(h) // a post is written in capitals: read where names are
		}
	}
	b.rankSurnames()
	b.addLoneSurnames()
	b.insertHere()
	b.addPlaced()
	b.addPlaceless()
	b.ix.exact.freeze()
	b.ix.fuzzy.freeze()
	b.ix.exact.describe(b.ix.variants)
	b.markViable()
	b.ix.variants, b.ix.spell = fit(b.ix.variants), fit(b.ix.spell)
	return b.ix
}

// linkEntities records the links the lists give between their entries,
// by the linked entry's listed name, in both directions.
func (b *builder) linkEntities() {
	target := map[string]int32{} // the names linked to, and their entries
	for id := range b.ix.entities {
		for _, name := range b.ix.entities[id].e.LinkedTo {
			target[strings.ToUpper(name)] = -1
		}
	}
	if len(target) == 0 {
		return
	}
	for id := range b.ix.entities {
		name := strings.ToUpper(b.ix.entities[id].e.Name)
		if other, ok := target[name]; ok && other < 0 {
			target[name] = int32(id)
		}
	}
	for id := range b.ix.entities {
		for _, name := range b.ix.entities[id].e.LinkedTo {
			other := target[strings.ToUpper(name)]
			if other < 0 || other == int32(id) {
				continue
			}
			a, o := &b.ix.entities[id], &b.ix.entities[other]
			if !slices.Contains(a.links, other) {
				a.links = append(a.links, other)
				o.links = append(o.links, int32(id))
			}
		}
	}
}

// fit returns s in an array of its length if the one it has is much
// longer: the builder's guesses at sizes would otherwise last as long as
// the engine.
func fit[S ~[]E, E any](s S) S {
	if cap(s)-len(s) <= len(s)/8 {
		return s
	}
	return slices.Clone(s)
}

// bitset is a blocked Bloom filter over hashes: each hash sets two bits of
// one 64-bit word, so a test costs a single memory access.
type bitset struct {
	words []uint64
	mask  uint64
}

func newBitset(bits int) bitset {
	n := uint64(1 << 10)
	for n*64 < uint64(bits) {
		n <<= 1
	}
	return bitset{words: make([]uint64, n), mask: n - 1}
}

func (s bitset) bits(h uint64) (uint64, uint64) {
	return (h >> 20) & s.mask, 1<<(h&63) | 1<<((h>>6)&63)
}

func (s bitset) set(h uint64) {
	i, b := s.bits(h)
	s.words[i] |= b
}

func (s bitset) has(h uint64) bool {
	i, b := s.bits(h)
	return s.words[i]&b == b
}

// rankSurnames finds, for each shared surname, the entity clearly more
// prominent than the others that bear it.
func (b *builder) rankSurnames() {
	b.rankParents()
	type top struct {
		ent        int32
		best, next float32
	}
	tops := make(map[uint64]*top)
	for id := range b.ix.entities {
		info := &b.ix.entities[id]
		for _, h := range info.surnames {
			if b.ix.surnameOwners[h] < 2 {
				continue
			}
			t := tops[h]
			if t == nil {
				t = &top{ent: -1, best: -1, next: -1}
				tops[h] = t
			}
			switch {
			case info.promin > t.best:
				t.next, t.best, t.ent = t.best, info.promin, int32(id)
			case info.promin > t.next:
				t.next = info.promin
			}
		}
	}
	for h, t := range tops {
		if t.best > 0 && t.best-t.next >= 0.5 {
			b.ix.surnameBest[h] = t.ent
		}
	}
}

// rankParents makes a person whose given name is the patronymic of other
// listed bearers of the surname more prominent: the entries of a family
// listed for one man ("LUKASHENKA, Viktar Aliaksandravich", his son) say
// who "Lukashenko" alone means. Only small families count.
func (b *builder) rankParents() {
	if len(b.fathers) == 0 {
		return
	}
	owners := make(map[uint64][]int32) // the surnames of those with patronymics, and who bears them
	for id := range b.fathers {
		for _, h := range b.ix.entities[id].surnames {
			if n := b.ix.surnameOwners[h]; n >= 2 && n <= maxFamily {
				owners[h] = nil
			}
		}
	}
	for id := range b.ix.entities {
		for _, h := range b.ix.entities[id].surnames {
			if ids, ok := owners[h]; ok {
				owners[h] = append(ids, int32(id))
			}
		}
	}
	raised := make(map[int32]bool)
	for _, ids := range owners {
		parent, n := int32(-1), 0
		for _, x := range ids {
			if b.parentOf(x, ids) {
				parent, n = x, n+1
			}
		}
		if n == 1 && !raised[parent] {
			raised[parent] = true
			b.ix.entities[parent].promin++
		}
	}
	b.fathers = nil // build time only
}

// maxFamily is the most listed bearers of a surname rankParents looks at.
const maxFamily = 8

// parentOf reports whether the given name of entity x is the patronymic
// of another of ids.
func (b *builder) parentOf(x int32, ids []int32) bool {
	for _, y := range ids {
		if y == x {
			continue
		}
		for _, f := range b.fathers[y] {
			if slices.Contains(b.ix.entities[x].given, f) {
				return true
			}
		}
	}
	return false
}

// buildVocab indexes every context word by the hash of its raw spelling.
func (b *builder) buildVocab() {
	b.ix.vocab = newTable(1024)
	add := func(w string) {
		h := hashKey(w)
		if _, ok := b.ix.vocab.get(h); ok {
			return
		}
		b.ix.vocab.put(h, uint32(len(b.ix.vocabKeys)))
		b.ix.vocabSeen.add(w)
		b.ix.vocabKeys = append(b.ix.vocabKeys, hashKey([]byte(canonString(w))))
	}
	for _, t := range programTopics {
		for _, w := range strings.Fields(t.words) {
			add(w)
		}
	}
	for _, w := range strings.Fields(offTopicText) {
		add(w)
	}
	b.ix.lazyShapes = b.ix.vocabSeen
	for i, w := range particleShapes {
		b.ix.lazyShapes[i] |= w
	}
}

// markViable marks the nodes of the fuzzy trie where spelled can accept a
// variant: not too many of them, and one of several words or of an entry
// prominent enough for a one-word respelling (see respellable). A walk
// skips the others without reading their variants.
func (b *builder) markViable() {
	tr := b.ix.fuzzy
	tr.viable = make(nodeSet, tr.nodes/64+1)
	for n := uint32(0); n <= tr.nodes; n++ {
		vs := tr.terminals(n)
		if len(vs) == 0 || len(vs) > maxRespellings {
			continue
		}
		for _, id := range vs {
			v := &b.ix.variants[id]
			if v.ntok > 1 || b.ix.entities[v.entity].promin >= 2 {
				tr.viable[n/64] |= 1 << (n % 64)
				break
			}
		}
	}
}

// nodeSet is a set of trie nodes, one bit each.
type nodeSet []uint64

// has reports whether node n (flags ignored) is in the set.
func (s nodeSet) has(n uint32) bool {
	n &= nodeMask
	return s[n/64]&(1<<(n%64)) != 0
}

// shapeSet is a filter over words by their shape: the first eight letters
// and the length, read without a pass over a longer word.
type shapeSet [1 << 10]uint64

func shape(w string) uint32 {
	var prefix uint64
	for i := 0; i < len(w) && i < 8; i++ {
		prefix |= uint64(w[i]) << (8 * i)
	}
	return shapeOf(prefix, len(w))
}

// shapeOf is the shape of a word of n letters whose first eight (or
// fewer, the bytes past the word zero) make prefix, little-endian.
func shapeOf(prefix uint64, n int) uint32 {
	return uint32(((prefix ^ uint64(n)) * 0x9E3779B97F4A7C15) >> 48)
}

func (s *shapeSet) add(w string) {
	if w != "" {
		x := shape(w)
		s[x/64] |= 1 << (x % 64)
	}
}

// has reports whether a word of w's shape was added: false means w was not.
func (s *shapeSet) has(w string) bool {
	if w == "" {
		return false
	}
	x := shape(w)
	return s[x/64]&(1<<(x%64)) != 0
}
