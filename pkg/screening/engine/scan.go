package engine

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// scan is the working state of one Screen call, reused through a pool.
type scan struct {
	// keys is the tokenizers' memo of capitalised words (first, so that
	// its entries, a cache line each, are aligned); it also keeps where
	// each word enters the tries (see root).
	keys    keyMemos
	ix      *index
	doc     Document
	fields  []tokenizer
	hits    []hit
	words   stampSet // the document's word hashes, for context
	famSkel []uint64 // the skeletons of the family names corefSurnames looks for
	maps    resolveMaps
	// roots remembers, for words seen lately (in this document or the ones
	// before), where they enter the tries: most capitalised words of the
	// news recur ("Trump", "The", "House"), and the root tables are too
	// big for the cache.
	roots   [1 << 11]rootMemo
	rootsIx *index // the index roots was filled from
}

// rootMemo is what one word (by key hash) starts in the tries.
type rootMemo struct {
	hash  uint64
	skel  uint64 // the word's spelling skeleton (see skeletonHash)
	exact uint32 // the exact trie's node for the word from the root, 0 if none
	fuzzy uint32 // the fuzzy trie's node for its skeleton from the root, 0 if none
}

// hit is one span of a field that spells one or more variants.
type hit struct {
	field    int
	ti, tj   int     // token range [ti, tj)
	variants []int32 // the variants that passed the token-level checks
	fuzzy    bool    // matched by spelling skeleton, not exact keys
}

func (s *scan) reset(ix *index, doc Document) {
	s.ix = ix
	s.doc = doc
	if cap(s.fields) < len(doc.Fields) {
		s.fields = make([]tokenizer, len(doc.Fields))
	}
	s.fields = s.fields[:len(doc.Fields)]
	s.hits = s.hits[:0]
	if s.rootsIx != ix {
		s.roots = [len(s.roots)]rootMemo{}
		s.keys = keyMemos{}
		s.rootsIx = ix
	}
}

// root returns where word j of field f enters the tries, from the memo or
// by looking it up (and remembering it).
func (s *scan) root(f, j int) rootMemo {
	tz := &s.fields[f]
	tz.ensure(j)
	t := &tz.toks[j]
	h := t.hash
	if t.memo != 0 {
		// a capitalised word: its entry in the key memo keeps its roots,
		// unless another word took the entry since
		if k := &s.keys[t.memo-1]; k.hash == h {
			if !k.rooted {
				r := s.lookupRoot(h, tz.key(t))
				k.skel, k.exact, k.fuzzy, k.rooted = r.skel, r.exact, r.fuzzy, true
			}
			return rootMemo{hash: h, skel: k.skel, exact: k.exact, fuzzy: k.fuzzy}
		}
	}
	m := &s.roots[h&(uint64(len(s.roots))-1)]
	if m.hash == h && h != 0 {
		return *m
	}
	r := s.lookupRoot(h, tz.key(t))
	*m = r
	return r
}

// lookupRoot finds where the word with key k and hash h enters the tries.
func (s *scan) lookupRoot(h uint64, k []byte) rootMemo {
	r := rootMemo{hash: h, skel: skeletonHash(k)}
	if s.ix.exact.first.has(h) {
		r.exact, _ = s.ix.exact.roots.get(h)
	}
	if s.ix.fuzzy.first.has(r.skel) {
		r.fuzzy, _ = s.ix.fuzzy.roots.get(r.skel)
	}
	return r
}

// scanField finds the leftmost-longest names in one field.
func (s *scan) scanField(f int) {
	tz := &s.fields[f]
	tz.reset()
	tz.vocab, tz.shapes, tz.keys = &s.ix.vocabSeen, &s.ix.lazyShapes, &s.keys
	tz.tokenize(s.doc.Fields[f].Text)
	next := 0 // where the last name found ends
	for _, i := range tz.starts {
		if int(i) < next {
			continue
		}
		j := s.longest(f, int(i))
		// A name starting inside this one may reach further ("Sheikh
		// Ahmed" | "Ahmed Yassin"): keep it too, and go on from its end.
		for k := int(i) + 1; k < j; k++ {
			if e := s.longestBeyond(f, k, j); e > j {
				j = e
			}
		}
		next = j
	}
}

// longest finds the longest accepted name that starts at word i, by exact
// keys or by spelling skeleton ("Mousa Abu Marzouk" beats the surname
// "Mousa"), records it and returns where it ends (0 if there is none).
func (s *scan) longest(f, i int) int {
	return s.longestBeyond(f, i, 0)
}

// longestBeyond is longest, recording the name only if it ends after word
// beyond-1.
func (s *scan) longestBeyond(f, i, beyond int) int {
	tz := &s.fields[f]
	t := &tz.toks[i]
	if t.flags&tLazy != 0 {
		if t.end-t.start > 5 || !isParticle(tz.text[t.start:t.end]) {
			return 0 // a name starts with a capital, a digit or a particle ("al-Qaeda")
		}
		tz.ensure(i)
	}
	if t.flags&(tCap|tDigit) == 0 && !particles.has(t.hash) && (t.kstart == t.kend || tz.buf[t.kstart] < 0x80 || !tz.caseless(t)) {
		return 0
	}
	var best hit
	r := s.root(f, i)
	if r.exact != 0 && s.mayWalk(f, i, s.ix.exact, r.exact, r.exact&nodeTerm != 0 && s.ix.exact.oneWordMay(t, r.exact)) {
		best = s.walk(f, i, s.ix.exact, false, r.exact)
	}
	// A respelling can win over nothing or a single word ("Mousa Abu
	// Marzouk" over the surname "Mousa"); over more, or from a short word,
	// see respelledOver.
	if t.flags&tCap != 0 && r.fuzzy != 0 {
		if oneWord := best.tj-i <= 1; oneWord && (t.kend-t.kstart >= 4 || particles.has(t.hash)) {
			if s.mayWalk(f, i, s.ix.fuzzy, r.fuzzy, r.fuzzy&nodeTerm != 0 && s.ix.fuzzy.viable.has(r.fuzzy) && respellableWord(t)) {
				if h := s.walk(f, i, s.ix.fuzzy, true, r.fuzzy); h.tj > best.tj {
					best = h
				}
			}
		} else if r.fuzzy&nodeKids != 0 && (!oneWord || i+2 < len(tz.toks) && tz.toks[i+1].flags&tCap != 0) {
			s.respelledOver(f, i, r.fuzzy, &best)
		}
	}
	if best.tj == 0 || best.tj <= beyond {
		return 0
	}
	s.hits = append(s.hits, best)
	return best.tj
}

// respelledOver replaces best, the name found as written from word i,
// with a respelling from the word (whose node in the fuzzy trie is root)
// where one may win: over a name of two words or more if it is two words
// longer ("Al-Qaeda in the Arabian Peninsula" over "Al-Qaeda", "Khalil
// Ibrahim Mohammad Achar Foudail Taha" over "Khalil Ibrahim Mohammad") or
// the two are common names (see commonPair: "Mohammed Said Kazim
// Al-Sahhaf" over SA'ID, Mohamed); from a short word that a name may
// start with (see shortName) if it runs to three words or more ("Ali
// Saddam Husain Al-Tikriti", "Sa'd Abdalla Hussein Al-Sharif").
func (s *scan) respelledOver(f, i int, root uint32, best *hit) {
	tz := &s.fields[f]
	n := best.tj - i // the words found as written (none if not positive)
	short := n <= 1
	if !s.mayWalk(f, i, s.ix.fuzzy, root, false) || short && !s.shortName(tz, i) {
		return
	}
	h := s.walk(f, i, s.ix.fuzzy, true, root)
	switch {
	case h.tj <= best.tj:
	case short && spacedWords(tz, i, h.tj) < 3:
	case !short && h.tj-best.tj < 2 && !(n == 2 && commonPair(tz, i)):
	default:
		*best = h
	}
}

// commonPair reports whether words i and i+1 are common names or
// particles ("Ali Mohammed", "Ahmad Abu"), which many listed people's
// names begin with: a longer respelling beats them by a word ("Ali
// Mohammed Kazan" for KAZAN, Ali Muhammad).
func commonPair(tz *tokenizer, i int) bool {
	for k := i; k <= i+1; k++ {
		if h := tz.hashAt(k); !commonNames.has(h) && !particles.has(h) {
			return false
		}
	}
	return true
}

// mayWalk reports whether a walk over tr from word i, which leads to node
// root, may find anything: a name may end at the root (endsHere), or the
// next word may go on from it ("The" followed by "company" does not). Most
// capitalised words fail here, without the walk.
func (s *scan) mayWalk(f, i int, tr *trie, root uint32, endsHere bool) bool {
	if endsHere {
		return true
	}
	if root&nodeKids == 0 {
		return false
	}
	tz := &s.fields[f]
	if i+1 >= len(tz.toks) {
		return false
	}
	next := &tz.toks[i+1]
	if next.flags&tPlain != 0 && !domainTail(tz, i+1) {
		// walk's first step for a plain lower-case word: most are not
		// words a name holds ("Harris said")
		if !tr.lowerKids.has(root) {
			return false
		}
		tz.ensure(i + 1)
		if !inNameLower.has(next.hash) {
			return false
		}
	}
	// The first step, by the edges filter alone (in cache): most walks
	// would end at it. A patronymic may be skipped (see walk).
	tz.ensure(i + 1)
	h := next.hash
	if assimilated(tz, i+1) {
		h = alStep(tr == s.ix.fuzzy)
	} else if tr == s.ix.fuzzy {
		h = s.root(f, i+1).skel
	}
	return tr.mayStep(root, h) || tr == s.ix.exact && (patronymic(tz.key(next)) || initial(tz, i+1))
}

// alStep returns the hash by which the Arabic article steps in a trie:
// its key's in the exact trie, its skeleton's in the fuzzy one ("Izz
// ad-Din al-Qassam" is IZZ AL-DIN AL QASSAM; see assimilated).
func alStep(fuzzy bool) uint64 {
	if fuzzy {
		return alSkel
	}
	return alHash
}

// oneWordMay reports whether word t may be accepted alone for one of the
// one-word names ending at node, by singleOK's test of the word alone: a
// word of three letters or fewer, not in capitals and without a digit
// ("He", "In", "A"), names only a vessel or an aircraft. A walk from the
// word looks for longer names all the same (see mayWalk).
func (tr *trie) oneWordMay(t *token, node uint32) bool {
	if !shortWord(t) || t.flags&tDigit != 0 || tr.meta == nil {
		return true
	}
	for _, m := range tr.metas(node) {
		if m.flags&vSingle == 0 || m.flags&(vVessel|vAircraft) != 0 {
			return true
		}
	}
	return false
}

// alHash and alSkel are the key hash and the spelling skeleton of the
// Arabic article "al".
var alHash, alSkel = hashKey(alKey), skeletonHash(alKey)

var alKey = []byte("al")

// assimilated reports whether word k is the Arabic article written as it
// sounds before a sun letter, joined by a hyphen to the word it goes with:
// "ad-Din", "an-Nusra", "ash-Sham", "ar-Rahman", "az-Zawahiri" are al-Din,
// al-Nusra, al-Sham. The word after it must open with the consonant the
// article took: "at-Tawhid", not "an-other".
func assimilated(tz *tokenizer, k int) bool {
	if k+1 >= len(tz.toks) {
		return false
	}
	t, n := &tz.toks[k], &tz.toks[k+1]
	if t.end-t.start < 2 || t.end-t.start > 3 || n.start != t.end+1 || tz.text[t.end] != '-' {
		return false
	}
	tz.ensure(k)
	key := tz.key(t)
	switch string(key) {
	case "ad", "an", "ar", "as", "ash", "at", "az":
	default:
		return false
	}
	tz.ensure(k + 1)
	next := tz.key(n)
	return len(next) > len(key)-1 && string(next[:len(key)-1]) == string(key[1:])
}

// initial reports whether word j is a middle initial: one capital letter
// and a full stop ("Oleg V. Deripaska").
func initial(tz *tokenizer, j int) bool {
	t := &tz.toks[j]
	return t.end-t.start == 1 && t.flags&tCap != 0 && int(t.end) < len(tz.text) && tz.text[t.end] == '.'
}

// walkEnd is where a walk found names ending: before word j, at node;
// again if the walk skipped a patronymic the trie had to get there.
type walkEnd struct {
	j     int
	node  uint32
	again bool
}

// walk follows trie tr from word i, which leads from the root to node
// root, and returns the longest accepted name (a zero hit if there is none).
func (s *scan) walk(f, i int, tr *trie, fuzzy bool, root uint32) hit {
	tz := &s.fields[f]
	toks := tz.toks
	var ends [8]walkEnd
	ne, again := 0, false
	end := func(j int, node uint32) {
		if node&nodeTerm != 0 && (!fuzzy || tr.viable.has(node)) && ne < len(ends) {
			ends[ne] = walkEnd{j: j, node: node, again: again}
			ne++
		}
	}
	end(i+1, root)
	node, j := root, i+1
	skipJ, skipNode := 0, uint32(0)
steps:
	for ; j < len(toks) && node&nodeKids != 0; j++ {
		// (tPlain, not tLazy: whether an earlier walk built the word's key
		// must not change what this one finds)
		if toks[j].flags&tPlain != 0 && !(j > i+1 && hyphenTail(tz, j)) && !domainTail(tz, j) { // a hyphen's tail within the name, "Kim Jong-un"; a domain, "Blender.io"
			if !tr.lowerKids.has(node) {
				break // no name goes on from here with a plain lower-case word
			}
			tz.ensure(j)
			if !inNameLower.has(toks[j].hash) {
				break // a plain lower-case word no name holds (see capitalised)
			}
		}
		tz.ensure(j)
		h := toks[j].hash
		if assimilated(tz, j) {
			h = alStep(fuzzy)
		} else if fuzzy {
			h = s.root(f, j).skel
		}
		next, ok := tr.step(node, h)
		if !ok {
			if !fuzzy && j+1 < len(toks) && (patronymic(tz.key(&toks[j])) || initial(tz, j)) {
				continue // "Valery Vasilyevich Gerasimov" for GERASIMOV, Valery; "Oleg V. Deripaska"
			}
			break
		}
		if !fuzzy && skipJ == 0 && j+1 < len(toks) && patronymic(tz.key(&toks[j])) {
			skipJ, skipNode = j, node
		}
		node = next
		end(j+1, node)
	}
	if skipJ > 0 && !again {
		// The name went on with a patronymic, another listed person's
		// ("Valery Vasilyevich X"): the one meant may be listed without
		// it. Walk on a second time from before it.
		node, j, again = skipNode, skipJ+1, true
		goto steps
	}
	if again {
		// Longest first, and at one length the name with the patronymic.
		slices.SortFunc(ends[:ne], func(a, b walkEnd) int {
			if a.j != b.j {
				return a.j - b.j
			}
			if a.again == b.again {
				return 0
			}
			if a.again {
				return -1
			}
			return 1
		})
	}
	for k := ne - 1; k >= 0; k-- { // longest first
		j := ends[k].j
		vs, ms := tr.terminals(ends[k].node), tr.metas(ends[k].node)
		if fuzzy {
			vs, ms = s.spelled(f, i, j, vs), nil
		}
		if vs = s.accept(f, i, j, vs, ms); len(vs) > 0 {
			return hit{field: f, ti: i, tj: j, variants: vs, fuzzy: fuzzy}
		}
	}
	return hit{}
}

// maxRespellings bounds the names one skeleton may stand for before a
// respelling is no longer trusted (or worth checking word by word).
const maxRespellings = 48

// spelled keeps the variants whose words the text at toks[i:j] spells
// closely enough, word by word.
func (s *scan) spelled(f, i, j int, vs []int32) []int32 {
	if len(vs) > maxRespellings {
		return nil // a skeleton shared by this many names says nothing
	}
	tz := &s.fields[f]
	var out []int32
	for _, id := range vs {
		v := &s.ix.variants[id]
		if int(v.ntok) != j-i || v.spell == 0 {
			continue
		}
		if j-i == 1 && !s.respellable(tz, i, v) {
			continue
		}
		ok := j-i == 1 || plainSpan(tz, i, j)
		edits := 0
		for k := 0; k < j-i && ok; k++ {
			key, want := tz.key(&tz.toks[i+k]), s.ix.spell[int(v.spell)+k]
			if assimilated(tz, i+k) {
				key = alKey
			}
			if len(want) <= 3 || len(key) <= 3 {
				ok = string(key) == want // short words carry too little to respell
				continue
			}
			d, similar := respelling(key, want)
			edits += d
			ok = similar && edits <= 2
		}
		if ok {
			out = append(out, id)
		}
	}
	return out
}

// accept returns the variants among vs that the words at toks[i:j] may
// stand for, judged on the words alone: capitals, acronyms, ordinary words,
// shipping or aviation words nearby, a place word after the name. ms, if
// not nil, holds the variants' flags and kinds, in order.
func (s *scan) accept(f, i, j int, vs []int32, ms []termMeta) []int32 {
	tz := &s.fields[f]
	toks := tz.toks
	if !capitalised(tz, i, j) {
		return nil
	}
	if j < len(toks) && toks[j].flags&tCap != 0 && placeWords.has(toks[j].hash) {
		return nil // "Putin Avenue", "Kadyrov Mosque"
	}
	var out []int32
	for n, id := range vs {
		var v termMeta
		if ms != nil {
			v = ms[n]
		} else {
			v = termMeta{flags: s.ix.variants[id].flags, kind: s.ix.variants[id].kind}
		}
		if v.flags&vAcronym != 0 && (toks[i].flags&tUpper == 0 && !codeName(&toks[i]) || toks[i].end-toks[i].start < 3) {
			continue // an acronym in capitals, of three letters at least ("PKK", not "PK")
		}
		if v.flags&vPerson == 0 && buildingAfter(tz, j) {
			continue // "taken to Al Aqsa hospital"
		}
		if v.flags&(vPerson|vDerived) == vDerived && productAfter(tz, j) {
			continue // "Tupolev bombers" are the company's make, not TUPOLEV PUBLIC JOINT STOCK COMPANY
		}
		if v.flags&(vSingle|vPerson) == 0 && v.kind != kSurname && coreWords(tz, i, j) == 1 && followedByName(tz, j) {
			continue // "Al-Aqsa Martyrs Hospital"
		}
		if v.flags&vSingle != 0 {
			if !singleOK(tz, i, v.flags) && !(v.kind == kName && codeName(&toks[i])) {
				continue
			}
			if v.kind != kSurname && v.flags&vPerson == 0 && inLongerName(tz, i) {
				continue // "Alfa Laval", "Lake Baikal", "Tupolev Tu-204"
			}
		}
		if v.flags&(vVessel|vAircraft) != 0 && i > 0 && stormWords.has(tz.hashAt(i-1)) {
			continue // "Typhoon Haiyan", not the tanker
		}
		if v.flags&vVessel != 0 && v.flags&(vDictWord|vProper) != 0 && !shipBefore(tz, i, j) {
			continue // "a slow boat through Siberia"
		}
		if v.flags&vVessel != 0 && !shipNear(tz, i, j, v.flags&vSingle != 0, vesselWords) {
			continue
		}
		if v.flags&vAircraft != 0 && !shipNear(tz, i, j, false, aircraftWords) {
			continue
		}
		out = append(out, id)
	}
	return out
}

// buildingAfter reports whether a building word follows the name ending
// before word j, with only a space between (not "Hamas's hospital").
func buildingAfter(tz *tokenizer, j int) bool {
	return wordAfter(tz, j, buildingWords)
}

// productAfter reports whether a word for a made thing follows the name
// ending before word j, with only a space between: a company's name
// without its legal form, so placed, is its make ("Kalashnikov rifles").
func productAfter(tz *tokenizer, j int) bool {
	return wordAfter(tz, j, productWords)
}

// wordAfter reports whether a word of set follows the name ending before
// word j, with only a space or a hyphen between and no possessive.
func wordAfter(tz *tokenizer, j int, set wordList) bool {
	return j < len(tz.toks) && tz.toks[j-1].flags&tPossess == 0 && adjacent(tz, j-1, j) && set.has(tz.hashAt(j))
}

// singleOK judges a one-word name: an ordinary English word is a name only
// for a vessel or aircraft, written with a capital inside a sentence ("the
// tanker Hawk"); a short word must be in capitals, like an acronym.
func singleOK(tz *tokenizer, i int, flags uint16) bool {
	t := &tz.toks[i]
	craft := flags&(vVessel|vAircraft) != 0
	if t.flags&tDigit != 0 && t.kend-t.kstart < 4 {
		return false
	}
	if flags&vDictWord != 0 {
		return craft && t.flags&tSentence == 0 && t.flags&tCap != 0
	}
	return craft || !shortWord(t)
}

// shortWord reports whether t is a word of three letters or fewer not in
// capitals ("He", "In"): alone, it names only a vessel or an aircraft.
func shortWord(t *token) bool {
	return t.kend-t.kstart <= 3 && t.flags&tUpper == 0
}

// codeName reports whether t is a capital letter and digits, as some
// armed groups are named and listed ("M23").
func codeName(t *token) bool {
	return t.flags&(tCap|tDigit) == tCap|tDigit && t.end-t.start >= 2
}

// inLongerName reports whether the word at toks[i] is part of a longer
// proper name: a capitalised word stands right before or after it inside a
// sentence. Headlines in title case say nothing of the kind.
func inLongerName(tz *tokenizer, i int) bool {
	if tz.titleCase {
		return false
	}
	toks := tz.toks
	// A legal form beside a word of five letters or more is the company's
	// ("OAO Sovcomflot", "Sovcomflot PJSC"); beside a shorter one it may
	// make another company's name ("BTC Inc").
	formOK := toks[i].end-toks[i].start >= 5
	if i > 0 && adjacent(tz, i-1, i) {
		p := &toks[i-1]
		if p.flags&tCap != 0 && p.flags&(tSentence|tPossess) == 0 && !functionWords.has(p.hash) && !particles.has(p.hash) && !titleWords.has(p.hash) && !placeNames.has(p.hash) && !(formOK && legalForms.has(p.hash)) {
			return true
		}
	}
	if i+1 < len(toks) && adjacent(tz, i, i+1) && toks[i].flags&tPossess == 0 {
		n := &toks[i+1]
		if n.flags&tCap != 0 && !functionWords.has(n.hash) && !particles.has(n.hash) && !placeNames.has(n.hash) && !(formOK && legalForms.has(n.hash)) && !titleWords.has(n.hash) {
			return true // but "the Israel-Hamas war" is two names, and "Sberbank CEO Herman Gref" a name and a title
		}
	}
	return false
}

// adjacent reports whether only a space or a hyphen separates toks[a] and toks[b].
func adjacent(tz *tokenizer, a, b int) bool {
	gap := tz.text[tz.toks[a].end:tz.toks[b].start]
	return gap == " " || gap == "-"
}

// shipBefore reports whether a shipping word stands right before the name,
// or before a list of names it ends ("the tankers Dan, Hawk and Snow"), or
// right after it ("Snow tanker").
func shipBefore(tz *tokenizer, i, j int) bool {
	if vesselAfter(tz, j) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		tz.ensure(k)
		t := &tz.toks[k]
		switch {
		case vesselWords.has(t.hash):
			return true
		case t.flags&(tCap|tDigit) != 0 || listWords.has(t.hash):
		default:
			return false
		}
	}
	return false
}

// shipNear reports whether a word of set stands near toks[i:j]: for a
// one-word name within three words before it or right after it ("the
// tanker Snow", "Snow tanker"), for a longer name within ten words.
func shipNear(tz *tokenizer, i, j int, single bool, set wordList) bool {
	if !single {
		return near(tz, i, j, 10, set)
	}
	if shipBefore(tz, i, j) {
		return true
	}
	for k := max(0, i-3); k < i; k++ {
		if set.has(tz.hashAt(k)) {
			return true
		}
	}
	return false
}

// vesselAfter reports whether word j, right after a name, is a shipping
// word that makes the name a ship's ("Snow tanker"), not a shore's ("the
// Devon coast", "Dover port": a ship word, but the name before it is a
// place's).
func vesselAfter(tz *tokenizer, j int) bool {
	return j < len(tz.toks) && vesselWords.has(tz.hashAt(j)) && !shoreWords.has(tz.hashAt(j))
}

// patronymic reports whether a word looks like a Russian patronymic.
func patronymic(k []byte) bool {
	if len(k) < 6 || k[len(k)-1] != 'h' && k[len(k)-1] != 'a' {
		return false // every suffix below ends in h or a: most words fail here
	}
	for _, suf := range patronymSuffixes {
		if len(k) > len(suf)+2 && string(k[len(k)-len(suf):]) == suf {
			return true
		}
	}
	return len(k) > 5 && string(k[len(k)-3:]) == "ich" // the short forms too ("Ilyich", "Kuzmich")
}

// capitalised reports whether every word of toks[i:j] that is not a
// function word starts with a capital (or is in a script without case).
func capitalised(tz *tokenizer, i, j int) bool {
	for k := i; k < j; k++ {
		t := &tz.toks[k]
		if t.flags&tCap != 0 {
			continue
		}
		key := tz.key(t)
		if k < j-1 && (functionWords.has(t.hash) || particles.has(t.hash)) {
			continue // inside the name: "Islamic State of Iraq", "al-Qaeda"
		}
		if k > i && orgWords.has(t.hash) {
			continue // "the Haqqani network", "the Sinaloa cartel"
		}
		if t.flags&tDigit != 0 || len(key) > 0 && key[0] >= 0x80 && tz.caseless(t) || k > i && (hyphenTail(tz, k) || domainTail(tz, k)) {
			continue
		}
		return false
	}
	return true
}

// hyphenTail reports whether word k is the lower-case part of a
// capitalised word joined to it by a hyphen: the second syllable of a
// Korean given name ("Kim Jong-un", "Choe Son-hui").
func hyphenTail(tz *tokenizer, k int) bool { return joinedTail(tz, k, '-', 5) }

// domainTail reports whether word k is the lower-case domain after a
// capitalised name and a dot, with no space: "Blender.io", "Vakuum.ru".
func domainTail(tz *tokenizer, k int) bool { return joinedTail(tz, k, '.', 6) }

// joinedTail reports whether word k, of n letters at most, follows a
// capitalised word joined to it by sep alone.
func joinedTail(tz *tokenizer, k int, sep byte, n int32) bool {
	if k == 0 {
		return false
	}
	t, p := &tz.toks[k], &tz.toks[k-1]
	return p.end+1 == t.start && tz.text[p.end] == sep && p.flags&tCap != 0 && t.end-t.start <= n
}

// near reports whether a word of set occurs within w words of toks[i:j].
func near(tz *tokenizer, i, j, w int, set wordList) bool {
	lo, hi := max(0, i-w), min(len(tz.toks), j+w)
	for k := lo; k < hi; k++ {
		if k >= i && k < j {
			continue
		}
		if set.has(tz.hashAt(k)) {
			return true
		}
	}
	return false
}

// respellable reports whether a one-word name may be matched by spelling:
// only a long word, not a place, for an entry that others are linked to
// ("Hezbollah" for HIZBALLAH, but not "Syria" for SOURIA).
func (s *scan) respellable(tz *tokenizer, i int, v *variant) bool {
	return respellableWord(&tz.toks[i]) && s.ix.entities[v.entity].promin >= 2
}

// respellableWord is respellable's test of the word alone: six letters or
// more, and not a place ("Harris" is too short to stand for HARIS).
func respellableWord(t *token) bool {
	return t.kend-t.kstart >= 6 && !placeNames.has(t.hash)
}

// plainSpan reports whether only spaces and hyphens separate the words of
// toks[i:j]: a respelled name does not run across punctuation. An
// apostrophe may open or close a word (the ayn and hamza of "'Abd
// al-Rahim", "Fari' Al-'Allak").
func plainSpan(tz *tokenizer, i, j int) bool {
	for k := i + 1; k < j; k++ {
		gap := tz.text[tz.toks[k-1].end:tz.toks[k].start]
		if r, w := utf8.DecodeRuneInString(gap); w < len(gap) && isApostrophe(r) {
			gap = gap[w:]
		}
		if r, w := utf8.DecodeLastRuneInString(gap); w < len(gap) && isApostrophe(r) {
			gap = gap[:len(gap)-w]
		}
		for _, c := range []byte(gap) {
			if c != ' ' && c != '-' {
				return false
			}
		}
	}
	return true
}

// shortName reports whether short word i may begin a name: a common
// given or family name ("Ali", "Abd", "Kim"), a word with an apostrophe
// ("Sa'd") or one of three letters that is no English word ("Amr",
// "Isa"); not "The", "New", "Dr" or "CNN", which begin many capitalised
// runs.
func (s *scan) shortName(tz *tokenizer, i int) bool {
	t := &tz.toks[i]
	if t.flags&tUpper != 0 {
		return false // an acronym
	}
	if commonNames.has(t.hash) {
		return true
	}
	if strings.ContainsFunc(tz.text[t.start:t.end], isApostrophe) {
		return true
	}
	return t.kend-t.kstart == 3 && !s.ix.dict.has(t.hash)
}

// spacedWords counts the words of toks[i:j] that spaces separate: a
// hyphenated word counts once ("Kim Myung-soo" is two).
func spacedWords(tz *tokenizer, i, j int) int {
	n := 1
	for k := i + 1; k < j; k++ {
		if strings.ContainsAny(tz.text[tz.toks[k-1].end:tz.toks[k].start], " \n\t") {
			n++
		}
	}
	return n
}

// coreWords counts the words of toks[i:j] that are not particles.
func coreWords(tz *tokenizer, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if !particles.has(tz.toks[k].hash) {
			n++
		}
	}
	return n
}
