package engine

// Evidence the resolver reads from the document around a hit.

// docWords fills s.words with the document's context words (the words
// of some entity's context, see index.contextAny) and counts its
// off-topic words. The set is reused from one document to the next, so
// screening allocates nothing for it once warm. Plain lower-case words
// count only if they are context words (see index.vocab), read from their
// raw spelling: their keys stay unbuilt.
func (s *scan) docWords() (*stampSet, int) {
	n := 0
	for f := range s.fields {
		n += len(s.fields[f].toks)
	}
	s.words.reset(n)
	offTopic := 0
	add := func(tz *tokenizer, i int32) {
		if h, ok := s.wordHash(tz, int(i)); ok && s.ix.contextAny.has(h) {
			s.words.add(h)
			if offTopicWords.has(h) {
				offTopic++
			}
		}
	}
	for f := range s.fields {
		tz := &s.fields[f]
		// Every word but the plain lower-case ones is in starts; of
		// those, only context words count, and the tokenizer listed
		// the words shaped like one.
		for _, i := range tz.starts {
			add(tz, i)
		}
		for _, i := range tz.vocabAt {
			add(tz, i)
		}
	}
	return &s.words, offTopic
}

// wordHash returns the hash of word i for the context rules: its key's hash,
// or for a lazy word the key hash of the context word it spells, if any.
func (s *scan) wordHash(tz *tokenizer, i int) (uint64, bool) {
	t := &tz.toks[i]
	if t.flags&tLazy == 0 {
		return t.hash, true
	}
	k, ok := s.ix.vocab.get(hashKey(tz.text[t.start:t.end]))
	if !ok {
		return 0, false
	}
	return s.ix.vocabKeys[k], true
}

// contextCount counts the entity's context words that the document uses,
// and of those the words of its own name: "Maduro" is a word of the
// Venezuela program's topic, which supports the match of Maduro's
// ministers, but alone says nothing of whether the surname is his ("the
// Maduro family bakery in Miami"). An entity whose listing says nothing
// of its topic (a firm's own list without known programs) counts as in
// context: the rules that want context can't be applied to it.
func (s *scan) contextCount(a *entAgg, words *stampSet) (n, own int) {
	ctx := s.ix.entities[a.entity].context
	if len(ctx) == 0 {
		return 3, 0
	}
	for _, h := range ctx {
		if words.has(h) {
			n++
			if s.ownWord(a, h) {
				own++
			}
		}
	}
	return n, own
}

// ownWord reports whether h is the hash of a word of one of a's hits.
func (s *scan) ownWord(a *entAgg, h uint64) bool {
	for _, c := range a.cands {
		hit := &s.hits[c.hit]
		tz := &s.fields[hit.field]
		for k := hit.ti; k < hit.tj; k++ {
			if tz.hashAt(k) == h {
				return true
			}
		}
	}
	return false
}

// namesake reports whether the word before a hit is another person's given
// name ("Ann Wagner", "Mike Johnson"): a capitalised word inside a
// sentence that is not a title, an ordinary word, or a given name of the
// listed person.
func (s *scan) namesake(hi int, ent int32) bool {
	h := s.hits[hi]
	return s.namesakeAt(&s.fields[h.field], h.ti, ent)
}

// withParticle returns where the name at word i starts with the particle
// joined to it ("Hussein al-Houthi": "al"), or i.
func withParticle(tz *tokenizer, i int) int {
	if i >= 2 && adjacent(tz, i-1, i) && particles.has(tz.hashAt(i-1)) {
		return i - 1
	}
	return i
}

// namesakeAt is namesake for a name starting at word i of tz, or at the
// particle before it.
func (s *scan) namesakeAt(tz *tokenizer, i int, ent int32) bool {
	i = withParticle(tz, i)
	if i == 0 {
		return false
	}
	p := &tz.toks[i-1]
	if p.flags&tCap == 0 || p.flags&(tPossess|tUpper) != 0 || p.end+1 < tz.toks[i].start {
		return false
	}
	if p.end-p.start == 1 && (int(p.end) >= len(tz.text) || tz.text[p.end] != '.') {
		return false // "A Maduro-era law": a letter without a full stop is no initial
	}
	if p.flags&tSentence != 0 {
		// A sentence may open with anything capitalised; only a known
		// given name there is another person's ("Bilal Mazhar, 16, said").
		_, given := s.ix.givenNames[p.hash]
		if !given && !commonNames.has(p.hash) {
			return false
		}
	}
	person := s.ix.entities[ent].e.Schema == "Person"
	_, given := s.ix.givenNames[p.hash]
	if titleWords.has(p.hash) || functionWords.has(p.hash) || particles.has(p.hash) || !person && placeNames.has(p.hash) ||
		s.ix.dict.has(p.hash) && !(given && commonNames.has(p.hash)) {
		// "the Israel-Hamas war" is a place and a group; "Israel Katz" is a
		// person; a word of the dictionary is no given name unless it is a
		// common one ("Ali Larijani" is not his listed brother Sadegh)
		return false
	}
	for _, g := range s.ix.entities[ent].given {
		if g == p.hash {
			return false
		}
	}
	if s.ix.entities[ent].e.Schema != "Person" {
		_, given := s.ix.givenNames[p.hash]
		return given
	}
	return true
}

// anyNamesake reports whether any hit of the surname key in the document is
// preceded by another person's given name: the document is then about that
// person, and the surname alone means them.
func (s *scan) anyNamesake(ent int32, key uint64) bool {
	for hi := range s.hits {
		h := s.hits[hi]
		if surnameKey(&s.fields[h.field], h.ti, h.tj) == key && s.namesake(hi, ent) {
			return true
		}
	}
	return false
}

// surnameKey hashes the keys of toks[i:j] joined by spaces, as the index
// hashes a surname.
func surnameKey(tz *tokenizer, i, j int) uint64 {
	if j == i+1 {
		return tz.toks[i].hash
	}
	var buf [64]byte
	b := buf[:0]
	for k := i; k < j; k++ {
		if k > i {
			b = append(b, ' ')
		}
		b = append(b, tz.key(&tz.toks[k])...)
	}
	return hashKey(b)
}

// mostProminent reports whether ent is the one entity that news means by a
// surname it shares with others (the one with a title, or to which the
// others are linked).
func (s *scan) mostProminent(ent int32, key uint64) bool {
	best, ok := s.ix.surnameBest[key]
	return ok && best == ent
}

// stampSet is a set of hashes that empties in O(1): each slot carries the
// stamp of the document that filled it.
type stampSet struct {
	keys  []uint64
	marks []uint32
	stamp uint32
	mask  uint64
}

func (w *stampSet) reset(n int) {
	size := 256
	for size < n*2 {
		size <<= 1
	}
	if size > len(w.keys) {
		w.keys, w.marks, w.stamp = make([]uint64, size), make([]uint32, size), 0
		w.mask = uint64(size - 1)
	}
	w.stamp++
	if w.stamp == 0 { // wrapped: clear the stale marks once
		clear(w.marks)
		w.stamp = 1
	}
}

func (w *stampSet) add(h uint64) {
	for i := (h ^ h>>31) & w.mask; ; i = (i + 1) & w.mask {
		if w.marks[i] != w.stamp {
			w.keys[i], w.marks[i] = h, w.stamp
			return
		}
		if w.keys[i] == h {
			return
		}
	}
}

func (w *stampSet) has(h uint64) bool {
	for i := (h ^ h>>31) & w.mask; ; i = (i + 1) & w.mask {
		if w.marks[i] != w.stamp {
			return false
		}
		if w.keys[i] == h {
			return true
		}
	}
}

// bornAfter reports whether the words around hit hi date what they say to
// before the listed person ent was born ("the decade in which Hafez
// al-Assad consolidated power after the 1970 coup", of a grandson born in
// 2001): a year near the name in its sentence, before the earliest the
// list gives, says the name is another person's, of an older generation,
// as a grandson is named after his grandfather. Only for the young
// (born in youngBorn or later) who are not prominent: a history read
// beside an older name ("Kim Yo Jong, whose grandfather founded North
// Korea in 1948") is still about them.
func (s *scan) bornAfter(ent int32, hi int) bool {
	born := int(s.ix.born[ent])
	if born < youngBorn || s.ix.entities[ent].promin >= 1 {
		return false
	}
	h := &s.hits[hi]
	tz := &s.fields[h.field]
	from, to := sentenceAround(tz, h.ti, h.tj)
	for k := from; k < to; k++ {
		if y, ok := yearOf(tz, k); ok && y < born {
			return true
		}
	}
	return false
}

// sentenceWords bounds the words sentenceAround looks at either side of a
// name: the year that dates it stands near it.
const sentenceWords = 12

// youngBorn is the year of birth from which a listed person is young enough
// to be named after a famous elder (the sons and grandsons of leaders).
const youngBorn = 1990

// sentenceAround returns the words [from, to) of the sentence holding words
// [i, j) of tz: from the word that opens it to the one that opens the next.
func sentenceAround(tz *tokenizer, i, j int) (from, to int) {
	from = i
	for from > 0 && i-from < sentenceWords && tz.toks[from].flags&tSentence == 0 {
		from--
	}
	to = j
	for to < len(tz.toks) && to-j < sentenceWords && tz.toks[to].flags&tSentence == 0 {
		to++
	}
	return from, to
}

// yearOf reads word k of tz as a year ("1970") or a decade ("1970s")
// between 1800 and 2100.
func yearOf(tz *tokenizer, k int) (int, bool) {
	t := &tz.toks[k]
	if t.flags&tDigit == 0 {
		return 0, false
	}
	w := tz.text[t.start:t.end]
	if len(w) == 5 && w[4] == 's' {
		w = w[:4]
	}
	if len(w) != 4 {
		return 0, false
	}
	y := 0
	for _, c := range []byte(w) {
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	return y, y >= 1800 && y <= 2100
}
