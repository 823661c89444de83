package engine

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode"
)

// token is one word of a text: its place in the original text and the hash
// of its canonical key (folded, lower-cased, spelling-normalised; see canon).
type token struct {
	start, end   int32 // byte offsets of the word in the original text
	kstart, kend int32 // the canonical key in tokenizer.buf
	hash         uint64
	flags        uint8
	memo         uint16 // for a capitalised word, 1 + its entry in the key memo; 0 if none
}

// Token flags.
const (
	tCap      uint8 = 1 << iota // the first letter is upper case
	tUpper                      // every letter is upper case, and there are at least two
	tDigit                      // the word holds a digit
	tSentence                   // the word opens a sentence, a line or the text
	tPossess                    // the word was followed by 's
	tLazy                       // a plain lower-case word whose key is not built yet (see ensure)
	tPlain                      // a plain lower-case word, its key built or not (ensure keeps this flag)
)

// tokenizer splits text into words. It is not safe for concurrent use;
// the engine keeps tokenizers in a pool so a scan allocates nothing.
type tokenizer struct {
	text      string
	titleCase bool // most words are capitalised: a headline in title case
	toks      []token
	starts    []int32   // the words that may start a name: all but plain lower-case words that are not particles
	vocab     *shapeSet // the shapes of context words, if the tokenizer is to list them
	shapes    *shapeSet // those and the shapes of the particles: the words mark looks at
	vocabAt   []int32   // the plain lower-case words whose shape is that of a context word (see index.vocab)
	general   bool      // read every word the general way, without the fast paths (for tests)
	keys      *keyMemos // keys of capitalised words seen lately, if any
	buf       []byte

	// the word being read
	in              bool
	cur             token
	letters, uppers int
	sentence        bool // the next word opens a sentence
	long, caps      int  // words of four letters or more but the plain lower-case ones (see headline), and how many are capitalised
}

// reset prepares the tokenizer for a new text.
func (tz *tokenizer) reset() {
	tz.toks = tz.toks[:0]
	tz.starts = tz.starts[:0]
	tz.vocabAt = tz.vocabAt[:0]
	tz.buf = tz.buf[:0]
	tz.long, tz.caps = 0, 0
}

// key returns the canonical key of tok as a string that aliases tz.buf.
func (tz *tokenizer) key(t *token) []byte { return tz.buf[t.kstart:t.kend] }

// caseless reports whether t starts with a letter of a script without
// case (Arabic, Chinese), which can't be told to be a name by a capital.
func (tz *tokenizer) caseless(t *token) bool {
	r, _ := decode(tz.text, int(t.start))
	return !unicode.IsUpper(r) && !unicode.IsLower(r)
}

// tokenize appends the words of text to tz.toks. It reads the text once:
// ASCII letters are lower-cased and canonicalised (see canon) as they are
// copied, other letters folded by foldRune; the key is hashed when the
// word ends.
func (tz *tokenizer) tokenize(text string) {
	tz.text = text
	tz.in = false
	tz.sentence = true
	for i := 0; i < len(text); {
		cl := asciiClass[text[i]]
		if cl == clSpace {
			if tz.in {
				tz.end(i)
			}
			i++
			continue
		}
		if cl == clLower && !tz.in {
			// Most words are plain lower-case words that can neither start
			// nor end a name: record where they are and build their key
			// only if something asks (ensure). plainFast reads most of
			// them; plainWords the rest, or all without the fast paths.
			if !tz.general {
				j, st := tz.plainFast(text, i)
				switch st {
				case runEnded:
					i = j
					continue
				case runMark:
					tz.mark(text[tz.toks[len(tz.toks)-1].start:j], int32(len(tz.toks)-1))
					i = j
					continue
				case runGrow:
					tz.toks = slices.Grow(tz.toks, len(tz.toks)+64)
					i = j
					continue
				}
				i = j
			}
			var plain bool
			if i, plain = tz.plainWords(text, i); plain {
				continue
			}
		}
		if cl == clUpper && !tz.in && !tz.general {
			var done bool
			if i, done = tz.capWord(text, i); done {
				continue
			}
		}
		if cl != clOther {
			i = tz.asciiRun(text, i, cl)
			continue
		}
		r, w := decode(text, i)
		switch {
		case isApostrophe(r):
			i = tz.apostrophe(text, i, w)
			continue
		case isHyphen(r):
			if j, ok := softBreak(text, i+w); tz.in && ok {
				i = j // a word broken across lines: carry on with it
				continue
			}
			tz.end(i)
		case r == '.' || r == '!' || r == '?' || r == '\n':
			tz.end(i)
			// the stop ends the word before it ("Gen." may abbreviate)
			wasIn := len(tz.toks) > 0 && tz.toks[len(tz.toks)-1].end == int32(i)
			if r == '\n' || nextIsSpace(text, i+w) && !(r == '.' && wasIn && tz.abbreviation()) {
				tz.sentence = true
			}
		case r < 0x80 || r >= 0x2000 && r <= 0x206F: // general punctuation: see foldRune
			tz.end(i)
		default:
			tz.foreign(i, r)
		}
		i += w
	}
	tz.end(len(text))
	tz.titleCase = tz.headline()
}

// headline reports whether most words of four letters or more are
// capitalised: a headline in title case. The plain lower-case words are
// not counted as they are read (most texts have many, and the count would
// cost the fast loop a register): only here, and only until it is clear.
func (tz *tokenizer) headline() bool {
	long := tz.long // the other words of four letters or more
	if tz.caps*10 < long*6 {
		return false
	}
	for k := range tz.toks {
		if t := &tz.toks[k]; t.flags&tLazy != 0 && t.end-t.start >= 4 {
			if long++; tz.caps*10 < long*6 {
				return false
			}
		}
	}
	return long >= 2
}

// asciiRun reads a run of ASCII letters and digits from text[i] into the
// current word, lower-casing and canonicalising on the way, and returns
// where the run ends. Its state lives in locals, so the loop runs in
// registers.
func (tz *tokenizer) asciiRun(text string, i int, cl uint8) int {
	if !tz.in {
		tz.begin(i, cl == clUpper)
	}
	buf, kstart := tz.buf, int(tz.cur.kstart)
	letters, uppers, flags := tz.letters, tz.uppers, tz.cur.flags
	for ; i < len(text); i++ {
		c := text[i]
		switch asciiClass[c] {
		case clLower:
			letters++
		case clUpper:
			letters++
			uppers++
			c += 'a' - 'A'
		case clDigit:
			flags |= tDigit
		default:
			tz.buf, tz.letters, tz.uppers, tz.cur.flags = buf, letters, uppers, flags
			return i
		}
		if n := len(buf); plainByte[c] && (n == kstart || buf[n-1] != c) {
			buf = append(buf, c) // the common case: nothing to rewrite
			continue
		}
		buf = canonAppend(buf, kstart, c)
	}
	tz.buf, tz.letters, tz.uppers, tz.cur.flags = buf, letters, uppers, flags
	return i
}

// capWord reads a capitalised word of ASCII letters at text[i] that ends
// at a plain separator (see plainEnd), the common case of asciiRun and
// end in one pass, and returns where it ends. It reads nothing, and
// returns false, for any other word.
func (tz *tokenizer) capWord(text string, i int) (int, bool) {
	var j int
	if i+8 <= len(text) { // letterRun's first step, inline: most words are shorter
		if m := notLower(load8(text, i) | 0x2020202020202020); m != 0 {
			j = i + bits.TrailingZeros64(m)/8
		} else {
			j = letterRun(text, i+8)
		}
	} else {
		j = letterRun(text, i)
	}
	if j < len(text) && !plainEnd[text[j]] && (text[j] != '-' || softBreakAt(text, j+1)) {
		return i, false
	}
	buf := tz.buf
	kstart := len(buf)
	var hash uint64
	var upper bool // every letter upper case
	var m *keyMemo
	var mi uint64
	if n := j - i; n <= 16 && tz.keys != nil {
		// A word seen lately has its key in the memo.
		var r0, r1 uint64
		if i+16 <= len(text) {
			r0, r1 = load8(text, i), load8(text, i+8)
		} else {
			var b [16]byte // near the end of a text: a title's last words
			copy(b[:], text[i:j])
			r0, r1 = binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
		}
		m0, m1 := wordMask(n), wordMask(n-8)
		r0, r1 = r0&m0, r1&m1
		upper = (r0|r1)&0x2020202020202020 == 0 // letters only: a lower-case one has bit 0x20
		r0, r1 = r0|0x2020202020202020&m0, r1|0x2020202020202020&m1
		mi = (r0*0x9E3779B97F4A7C15 ^ r1*0xC2B2AE3D27D4EB4F) >> (64 - keyMemoBits)
		m = &tz.keys[mi]
		if m.raw0 == r0 && m.raw1 == r1 && m.n == uint8(n) {
			if cap(buf)-kstart < 16 {
				buf = slices.Grow(buf, 16)
			}
			buf = buf[:kstart+16]
			binary.LittleEndian.PutUint64(buf[kstart:], m.key0)
			binary.LittleEndian.PutUint64(buf[kstart+8:], m.key1)
			buf = buf[:kstart+int(m.klen)]
			hash = m.hash
			goto done
		}
		m.raw0, m.raw1, m.n, m.rooted = r0, r1, uint8(n), false
	} else {
		upper = true
		for _, c := range []byte(text[i:j]) {
			upper = upper && c < 'a'
		}
	}
	for _, c := range []byte(text[i:j]) {
		c |= 'a' - 'A'
		if n := len(buf); plainByte[c] && (n == kstart || buf[n-1] != c) {
			buf = append(buf, c) // the common case: nothing to rewrite
			continue
		}
		buf = canonAppend(buf, kstart, c)
	}
	hash = hashKey(buf[kstart:])
	if m != nil {
		var k [16]byte
		copy(k[:], buf[kstart:])
		m.key0, m.key1 = binary.LittleEndian.Uint64(k[:8]), binary.LittleEndian.Uint64(k[8:])
		m.klen, m.hash = uint8(len(buf)-kstart), hash
	}
done:
	flags := tCap
	if upper && j-i >= 2 {
		flags |= tUpper
	}
	if tz.sentence {
		flags |= tSentence
		tz.sentence = false
	}
	if j-i >= 4 {
		tz.long++
		tz.caps++
	}
	tz.buf = buf
	tz.starts = append(tz.starts, int32(len(tz.toks)))
	var t *token
	tz.toks, t = pushToken(tz.toks, int32(i), int32(j), flags)
	t.kstart, t.kend, t.hash = int32(kstart), int32(len(buf)), hash
	if m != nil {
		t.memo = uint16(mi + 1)
	}
	return j, true
}

// keyMemoBits sets the size of a keyMemos: 8,192 words, 512 KiB a scan
// (as big as a core's L2 here), which 88 % of the news's capitalised words
// hit; 4,096 words hit 82 %, and miss that L2 more often all the same
// (0.71 M against 0.68 M misses a pass in cachegrind's model of it).
const keyMemoBits = 13

// keyMemos remember the keys of capitalised words seen lately, by their
// letters: most recur, within a text and across texts ("Trump", "The",
// "House"), and a key from the memo costs no pass over the letters.
type keyMemos [1 << keyMemoBits]keyMemo

// keyMemo is one word of up to 16 letters: its letters lower-cased (the
// bytes past the word zero), its key (the same way) and the key's hash.
// The scan adds where the word enters the tries, once it has looked (see
// scan.root): a capitalised word then costs one cache line.
type keyMemo struct {
	raw0, raw1   uint64
	key0, key1   uint64
	hash         uint64
	skel         uint64 // the key's spelling skeleton
	exact, fuzzy uint32 // the word's nodes from the tries' roots
	n, klen      uint8
	rooted       bool // skel, exact and fuzzy are set
}

// wordMask keeps the first n bytes of a little-endian word.
func wordMask(n int) uint64 {
	switch {
	case n <= 0:
		return 0
	case n >= 8:
		return ^uint64(0)
	}
	return 1<<(8*n) - 1
}

// letterRun returns where the run of ASCII letters from text[i] ends
// (lowerRun over the bytes with the case bit set: only letters land in
// 'a'..'z').
func letterRun(text string, i int) int {
	j := i
	for ; j+8 <= len(text); j += 8 {
		if m := notLower(load8(text, j) | 0x2020202020202020); m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for j < len(text) && (asciiClass[text[j]] == clLower || asciiClass[text[j]] == clUpper) {
		j++
	}
	return j
}

// How plainFast stopped.
const (
	runEnded = iota // after a word and the space after it, if any, at something other than a plain word
	runMark         // after a word that mark must look at
	runGrow         // at a word, with no room left in toks
	runSlow         // at a word it leaves to plainWords: long, hyphenated, near the end of the text, or not plain
)

// plainFast is plainWords' loop for the common case, with no call in it
// so that its state stays in registers: it stops at anything unusual and
// says why, and the caller deals with it.
func (tz *tokenizer) plainFast(text string, i int) (int, uint8) {
	toks, first := tz.toks, len(tz.toks)
	shapes := tz.shapes
	if shapes == nil {
		shapes = &particleShapes
	}
	st := uint8(runEnded)
	// Each word takes two bytes at least, so while i is below lim there
	// are 32 bytes to read and room in toks: one test a word for both.
	lim := min(len(text)-31, i+2*(cap(toks)-len(toks)))
	for {
		if i >= lim {
			if i < len(text) && asciiClass[text[i]] == clLower {
				st = runSlow
				if i+32 <= len(text) {
					st = runGrow
				}
			}
			break
		}
		w := text[i : i+32] // the word, the byte after it and the one after that, with room to spare
		// the loads spelt out: through load8 the compiler checks w's bounds again
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		m := notLower(x)
		if m&0x80 != 0 {
			break // no plain word here (after a space: see below)
		}
		prefix := x & ((m&-m)>>7 - 1)    // the word's bytes, up to eight
		k := bits.TrailingZeros64(m) / 8 // the word's length
		if m == 0 {
			y := uint64(w[8]) | uint64(w[9])<<8 | uint64(w[10])<<16 | uint64(w[11])<<24 |
				uint64(w[12])<<32 | uint64(w[13])<<40 | uint64(w[14])<<48 | uint64(w[15])<<56
			if m = notLower(y); m == 0 {
				st = runSlow
				break
			}
			k = 8 + bits.TrailingZeros64(m)/8
		}
		c := w[k&31]
		if c != ' ' && (c == '-' || !plainEnd[c]) {
			st = runSlow
			break
		}
		toks = toks[:len(toks)+1] // pushToken, without its growth (room was checked above)
		t := &toks[len(toks)-1]
		t.start, t.end = int32(i), int32(i+k)
		t.kstart, t.kend = 0, 0
		t.hash = 0
		t.flags, t.memo = tLazy|tPlain, 0
		if sh := shapeOf(prefix, k); shapes[sh/64]&(1<<(sh%64)) != 0 {
			i += k
			st = runMark
			break
		}
		if c != ' ' {
			i += k
			break
		}
		i += k + 1 // past the space: tokenize has nothing to do with it
	}
	if tz.sentence && len(toks) > first {
		toks[first].flags |= tSentence
		tz.sentence = false
	}
	tz.toks = toks
	return i, st
}

// plainWords reads the plain lower-case words from text[i] on, one space
// apart, as lazy tokens. It returns where it stopped, and whether the last
// word ended there; if not, the word at that place is not a plain one.
func (tz *tokenizer) plainWords(text string, i int) (int, bool) {
	toks, first := tz.toks, len(tz.toks)
	shapes := tz.shapes
	if shapes == nil {
		shapes = &particleShapes
	}
	plain := true
	for {
		j := lowerRun(text, i)
		space := j+1 < len(text) && text[j] == ' '
		if !space && j < len(text) && !plainEnd[text[j]] && (text[j] != '-' || softBreakAt(text, j+1)) {
			plain = false
			break
		}
		if shapes.has(text[i:j]) {
			tz.mark(text[i:j], int32(len(toks)))
		}
		toks, _ = pushToken(toks, int32(i), int32(j), tLazy|tPlain)
		i = j
		if !space || asciiClass[text[j+1]] != clLower {
			break
		}
		i = j + 1
	}
	if tz.sentence && len(toks) > first {
		toks[first].flags |= tSentence
		tz.sentence = false
	}
	tz.toks = toks
	return i, plain
}

// pushToken appends a token for text[start:end] with no key yet (nor memo
// entry) to toks, and returns it with the token to finish. It writes the
// fields in place: a token built on the stack and copied whole costs a
// failed store forwarding on every word.
func pushToken(toks []token, start, end int32, flags uint8) ([]token, *token) {
	toks = append(toks, token{})
	t := &toks[len(toks)-1]
	t.start, t.end, t.flags = start, end, flags
	return toks, t
}

// mark lists plain word w, token k, among the starts if it is a particle
// and among the context words if it has the shape of one.
func (tz *tokenizer) mark(w string, k int32) {
	if isParticle(w) {
		tz.starts = append(tz.starts, k) // a particle starts names ("al-Qaeda")
	}
	if tz.vocab != nil && tz.vocab.has(w) {
		tz.vocabAt = append(tz.vocabAt, k)
	}
}

// plainEnd marks the bytes that end a plain lower-case word without
// joining it to the next (not an apostrophe, a capital, a digit or another
// letter): separators and sentence ends. A hyphen ends one too, unless it
// breaks the word across a line (softBreakAt).
var plainEnd = func() (t [256]bool) {
	for c := range t {
		t[c] = asciiClass[c] == clSpace
	}
	for _, c := range []byte(".!?\n") {
		t[c] = true
	}
	return t
}()

// softBreakAt reports whether a hyphen ending at text[i] breaks a word
// across a line (see softBreak).
func softBreakAt(text string, i int) bool {
	_, soft := softBreak(text, i)
	return soft
}

// lowerRun returns where the run of lower-case ASCII letters from text[i]
// ends, eight bytes at a time (see notLower).
func lowerRun(text string, i int) int {
	j := i
	for ; j+8 <= len(text); j += 8 {
		if m := notLower(load8(text, j)); m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for j < len(text) && asciiClass[text[j]] == clLower {
		j++
	}
	return j
}

// load8 reads the eight bytes of s from s[i] as a little-endian word (the
// compiler makes it one load).
func load8(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// notLower flags the bytes of x outside 'a'..'z': such a byte sets its high
// bit in lt (below 'a') or gt (above 'z', or not ASCII). Carries and
// borrows only run upwards, so the lowest flag marks the first such byte
// (the ones above it may be wrong).
func notLower(x uint64) uint64 {
	lt := (x - 0x6161616161616161) &^ x & 0x8080808080808080
	gt := ((x + 0x0505050505050505) | x) & 0x8080808080808080
	return lt | gt
}

// ensure builds the key and hash of word k if it was left lazy.
func (tz *tokenizer) ensure(k int) {
	t := &tz.toks[k]
	if t.flags&tLazy == 0 {
		return
	}
	t.flags &^= tLazy
	buf, kstart := tz.buf, len(tz.buf)
	for _, c := range []byte(tz.text[t.start:t.end]) {
		if n := len(buf); plainByte[c] && (n == kstart || buf[n-1] != c) {
			buf = append(buf, c) // the common case: nothing to rewrite
			continue
		}
		buf = canonAppend(buf, kstart, c)
	}
	tz.buf = buf
	t.kstart, t.kend = int32(kstart), int32(len(buf))
	t.hash = hashKey(buf[kstart:])
}

// hashAt returns the hash of word k, building its key if need be.
func (tz *tokenizer) hashAt(k int) uint64 {
	tz.ensure(k)
	return tz.toks[k].hash
}

// particleShapes are the shapes of the particles.
var particleShapes = func() (s shapeSet) {
	for _, p := range strings.Fields(particleWords) {
		s.add(p)
	}
	return s
}()

// isParticle reports whether a raw lower-case word is a name particle: one
// of particleWords, written out as a switch for speed on raw text
// (TestParticleLists keeps the two the same).
func isParticle(w string) bool {
	switch w {
	case "al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "ul", "bin", "ibn", "bint", "abu", "abd",
		"de", "del", "della", "der", "di", "da", "dos", "das", "du", "la", "le", "los", "las", "van", "von":
		return true
	}
	return false
}

// particleWords are the particles isParticle knows.
const particleWords = `al el ad as ash at an ar az ul bin ibn bint abu abd de del della der di da dos das du la le los las van von`

// foreign adds a non-ASCII rune at text[i:] to the word, or ends the word.
func (tz *tokenizer) foreign(i int, r rune) {
	f := foldRune(r)
	switch {
	case f == "":
		tz.end(i)
	case f == "\x00":
		// a combining mark or soft sign: part of the word, no letter
	default:
		up := unicode.IsUpper(r)
		if !tz.in {
			tz.begin(i, up)
		}
		tz.letters++
		if up {
			tz.uppers++
		}
		for j := 0; j < len(f); j++ {
			tz.emit(f[j])
		}
	}
}

// begin starts a word at text[i].
func (tz *tokenizer) begin(i int, upper bool) {
	tz.in = true
	tz.cur = token{start: int32(i), kstart: int32(len(tz.buf))}
	tz.letters, tz.uppers = 0, 0
	if upper {
		tz.cur.flags |= tCap
	}
	if tz.sentence {
		tz.cur.flags |= tSentence
		tz.sentence = false
	}
}

// emit appends one folded byte to the current key.
func (tz *tokenizer) emit(c byte) {
	tz.buf = canonAppend(tz.buf, int(tz.cur.kstart), c)
}

// canonAppend appends byte c to the key that starts at buf[kstart],
// canonicalising as it goes: the same rewriting as canon, applied to the
// key built so far.
func canonAppend(buf []byte, kstart int, c byte) []byte {
	switch c {
	case 'y':
		c = 'i'
	case 'q':
		c = 'k'
	case 'w':
		c = 'v'
	}
	if n := len(buf); n > kstart {
		last := buf[n-1]
		switch {
		case c == 'h' && last == 'k':
			buf[n-1] = 'h'
			return buf
		case c == 'h' && (last == 'g' || last == 'd'):
			return buf
		case c == 'h' && last == 'p':
			buf[n-1] = 'f'
			return buf
		case c == 'k' && last == 'c':
			buf[n-1] = 'k'
			return buf
		case c == last && c < 0x80 && (c < '0' || c > '9'):
			return buf
		}
	}
	return append(buf, c)
}

// end closes the current word, if any, at text[at].
func (tz *tokenizer) end(at int) {
	if !tz.in {
		return
	}
	tz.in = false
	flags := tz.cur.flags
	if tz.uppers == tz.letters && tz.letters >= 2 {
		flags |= tUpper
	}
	if at-int(tz.cur.start) >= 4 {
		tz.long++
		if flags&tCap != 0 {
			tz.caps++
		}
	}
	tz.starts = append(tz.starts, int32(len(tz.toks)))
	var t *token
	tz.toks, t = pushToken(tz.toks, tz.cur.start, int32(at), flags)
	t.kstart, t.kend = tz.cur.kstart, int32(len(tz.buf))
	t.hash = hashKey(tz.buf[t.kstart:t.kend])
}

// Byte classes of the ASCII fast path.
const (
	clOther = iota // anything decode must look at: punctuation, bytes of UTF-8 sequences
	clLower
	clUpper
	clDigit
	clSpace // a plain separator
)

// plainByte marks the lower-case letters that emit never rewrites, and
// that nothing before them rewrites: all but y, q, w, h and k.
var plainByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = c != 'y' && c != 'q' && c != 'w' && c != 'h' && c != 'k'
	}
	return t
}()

var asciiClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = clUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clDigit
	}
	for _, c := range []byte(" ,\"();:\t\r/[]{}*+=<>|#@&%$^~_") {
		t[c] = clSpace
	}
	return t
}()

// abbreviation reports whether the word just read is a short capitalised
// one that a full stop abbreviates ("Sen.", "Gen.", "U.S."), so the stop
// does not end a sentence.
func (tz *tokenizer) abbreviation() bool {
	t := &tz.toks[len(tz.toks)-1]
	return t.flags&tCap != 0 && t.end-t.start <= 3
}

// apostrophe handles an apostrophe at text[i:i+w]: inside a word it is
// dropped (O'Brien is one word), and 's after a word ends it as a
// possessive. It returns where scanning goes on.
func (tz *tokenizer) apostrophe(text string, i, w int) int {
	j := i + w
	if !tz.in || j >= len(text) || !isWordByte(text[j]) {
		tz.end(i)
		return j
	}
	if (text[j] == 's' || text[j] == 'S') && (j+1 >= len(text) || !isWordByte(text[j+1])) {
		tz.cur.flags |= tPossess
		tz.end(i)
		return j + 1
	}
	return j
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// softBreak reports whether a hyphen ending at text[i] breaks a word across
// a line ("Patru-\nshev"): only spaces and one line break follow it, and then
// a lower-case letter. It returns the index of that letter.
func softBreak(text string, i int) (int, bool) {
	nl := false
	for ; i < len(text); i++ {
		switch b := text[i]; {
		case b == ' ' || b == '\t' || b == '\r':
		case b == '\n':
			if nl {
				return 0, false
			}
			nl = true
		default:
			return i, nl && b >= 'a' && b <= 'z'
		}
	}
	return 0, false
}

func nextIsSpace(text string, i int) bool {
	return i >= len(text) || text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r' || text[i] == '"'
}

// canon rewrites a folded word in place into its spelling-normalised key
// and returns the key's length. Transliterations of one name differ in a
// few regular ways (Shoygu/Shoigu, Mikhail/Mihail, Qasim/Kasim,
// Mohammed/Mohamed), which the key removes: y->i, q->k, w->v, kh->h,
// gh->g, dh->d, ph->f, ck->k, and doubled letters collapse.
func canon(b []byte) int {
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case 'y':
			c = 'i'
		case 'q':
			c = 'k'
		case 'w':
			c = 'v'
		case 'h':
			if n > 0 {
				switch b[n-1] {
				case 'k':
					b[n-1] = 'h'
					continue
				case 'g', 'd':
					continue
				case 'p':
					b[n-1] = 'f'
					continue
				}
			}
		}
		if c == 'k' && n > 0 && b[n-1] == 'c' {
			b[n-1] = 'k'
			continue
		}
		if n > 0 && b[n-1] == c && c < 0x80 && (c < '0' || c > '9') {
			continue
		}
		b[n] = c
		n++
	}
	return n
}

// hashKey hashes a key, as bytes or a string (without copying it), eight
// bytes at a time (most keys are one or two words of eight), with a 64-bit
// finaliser that spreads every input bit.
func hashKey[K ~string | ~[]byte](k K) uint64 {
	h := uint64(len(k)) * 0x9E3779B97F4A7C15
	for len(k) >= 8 {
		h = mix64(h ^ (uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
			uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56))
		k = k[8:]
	}
	var tail uint64
	for i := 0; i < len(k); i++ {
		tail |= uint64(k[i]) << (8 * i)
	}
	return mix64(h ^ tail)
}

func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}
