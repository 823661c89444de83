package engine

import "unicode"

// token is one word of a text: its place in the original text and the hash
// of its canonical key (folded, lower-cased, spelling-normalised; see canon).
type token struct {
	start, end   int32 // byte offsets of the word in the original text
	kstart, kend int32 // the canonical key in tokenizer.buf
	hash         uint64
	flags        uint8
}

// Token flags.
const (
	tCap      uint8 = 1 << iota // the first letter is upper case
	tUpper                      // every letter is upper case, and there are at least two
	tDigit                      // the word holds a digit
	tSentence                   // the word opens a sentence, a line or the text
	tPossess                    // the word was followed by 's
)

// tokenizer splits text into words. It is not safe for concurrent use;
// the engine keeps tokenizers in a pool so a scan allocates nothing.
type tokenizer struct {
	text      string
	titleCase bool // most words are capitalised: a headline in title case
	toks      []token
	buf       []byte
}

// reset prepares the tokenizer for a new text.
func (tz *tokenizer) reset() {
	tz.toks = tz.toks[:0]
	tz.buf = tz.buf[:0]
}

// key returns the canonical key of tok as a string that aliases tz.buf.
func (tz *tokenizer) key(t *token) []byte { return tz.buf[t.kstart:t.kend] }

// caseless reports whether t starts with a letter of a script without
// case (Arabic, Chinese), which can't be told to be a name by a capital.
func (tz *tokenizer) caseless(t *token) bool {
	r, _ := decode(tz.text, int(t.start))
	return !unicode.IsUpper(r) && !unicode.IsLower(r)
}

// tokenize appends the words of text to tz.toks.
func (tz *tokenizer) tokenize(text string) {
	tz.text = text
	in := false
	var cur token
	letters, uppers := 0, 0
	sentence := true
	end := func(at int) {
		if !in {
			return
		}
		in = false
		cur.end = int32(at)
		cur.kend = int32(len(tz.buf))
		cur.kend = cur.kstart + int32(canon(tz.buf[cur.kstart:cur.kend]))
		tz.buf = tz.buf[:cur.kend]
		cur.hash = hashKey(tz.buf[cur.kstart:cur.kend])
		if uppers == letters && letters >= 2 {
			cur.flags |= tUpper
		}
		tz.toks = append(tz.toks, cur)
	}
	begin := func(at int, upper bool) {
		in = true
		cur = token{start: int32(at), kstart: int32(len(tz.buf))}
		letters, uppers = 0, 0
		if upper {
			cur.flags |= tCap
		}
		if sentence {
			cur.flags |= tSentence
			sentence = false
		}
	}
	for i := 0; i < len(text); {
		b := text[i]
		switch {
		case b >= 'a' && b <= 'z':
			if !in {
				begin(i, false)
			}
			letters++
			tz.buf = append(tz.buf, b)
			i++
			continue
		case b >= 'A' && b <= 'Z':
			if !in {
				begin(i, true)
			}
			letters++
			uppers++
			tz.buf = append(tz.buf, b+('a'-'A'))
			i++
			continue
		case b >= '0' && b <= '9':
			if !in {
				begin(i, false)
			}
			cur.flags |= tDigit
			tz.buf = append(tz.buf, b)
			i++
			continue
		case b == ' ' || b == ',' || b == '"' || b == '(' || b == ')' || b == ';' || b == ':':
			end(i)
			i++
			continue
		}
		r, w := decode(text, i)
		switch {
		case isApostrophe(r):
			i = tz.apostrophe(text, i, w, in, end, &cur)
			continue
		case isHyphen(r):
			if j, ok := softBreak(text, i+w); in && ok {
				i = j // a word broken across lines: carry on with it
				continue
			}
			end(i)
		case r == '.' || r == '!' || r == '?' || r == '\n':
			wasIn := in
			end(i)
			if r == '\n' || nextIsSpace(text, i+w) && !(r == '.' && wasIn && tz.abbreviation()) {
				sentence = true
			}
		case r < 0x80:
			end(i)
		default:
			f := foldRune(r)
			switch {
			case f == "":
				end(i)
			case f == "\x00":
				// a combining mark or soft sign: part of the word, no letter
			default:
				up := unicode.IsUpper(r)
				if !in {
					begin(i, up)
				}
				letters++
				if up {
					uppers++
				}
				tz.buf = append(tz.buf, f...)
			}
		}
		i += w
	}
	end(len(text))
	tz.titleCase = isTitleCase(tz.toks)
}

// isTitleCase reports whether most words of four letters or more start
// with a capital, as in a headline.
func isTitleCase(toks []token) bool {
	long, caps := 0, 0
	for i := range toks {
		if toks[i].end-toks[i].start >= 4 {
			long++
			if toks[i].flags&tCap != 0 {
				caps++
			}
		}
	}
	return long >= 2 && caps*10 >= long*6
}

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
func (tz *tokenizer) apostrophe(text string, i, w int, in bool, end func(int), cur *token) int {
	j := i + w
	if !in || j >= len(text) || !isWordByte(text[j]) {
		end(i)
		return j
	}
	if (text[j] == 's' || text[j] == 'S') && (j+1 >= len(text) || !isWordByte(text[j+1])) {
		cur.flags |= tPossess
		end(i)
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

// hashKey is FNV-1a over a key.
func hashKey(k []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range k {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
