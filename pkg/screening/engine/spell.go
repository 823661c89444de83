package engine

// Spelling variants that the canonical keys do not merge: vowels that
// transliterations write differently (Hezbollah/Hizballah,
// Zawahri/Zawahiri, Mohammed/Muhammed). A name is also indexed under the
// skeleton of its words; a text span with the same skeletons is checked
// word by word with an edit distance before it counts.

// isVowel reports whether c is a vowel of a canonical key (y is already i).
func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// skeletonHash hashes a key's first letter and its consonants, with
// repeats merged: "hezbolah" and "hizbalah" both give "hzblh". A v (the
// keys' w) between a vowel and a consonant is the diphthong's, which
// transliterations also write as a vowel: "javlani" and "jolani" (Jawlani,
// Jolani) both give "jln".
func skeletonHash(k []byte) uint64 {
	h := uint64(14695981039346656037)
	var last byte
	k = k[:len(k)-silentH(k)]
	for i, c := range k {
		if i > 0 && (isVowel(c) || c == last || diphthongV(k, i)) {
			continue
		}
		last = c
		if i == 0 && isVowel(c) {
			c = 'a' // a first vowel as any other: "ibrahim" and "ebrahim", "usama" and "osama"
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h ^ 0x5bd1e995 // keep skeletons apart from exact keys
}

// silentH returns 1 if k ends in an h after a vowel, which
// transliterations write or leave out ("abdulah" and "abdala", Abdullah
// and Abdalla; "nasrulah" and "nasrala"), 0 if not.
func silentH[K ~string | ~[]byte](k K) int {
	if n := len(k); n >= 4 && k[n-1] == 'h' && isVowel(k[n-2]) {
		return 1
	}
	return 0
}

// diphthongV reports whether k[i] is a v after a vowel and before a
// consonant or the end ("av" in "javlani", "ov" in "mahmovd").
func diphthongV(k []byte, i int) bool {
	return k[i] == 'v' && i > 0 && isVowel(k[i-1]) && (i+1 == len(k) || !isVowel(k[i+1]))
}

// undiphthong appends k to dst with each vowel and diphthong v written
// as "o" ("javlani" as "jolani"), and returns it; k itself if it has no
// such v.
func undiphthong(dst, k []byte) []byte {
	i := 1
	for i < len(k) && !diphthongV(k, i) {
		i++
	}
	if i >= len(k) {
		return k
	}
	for i := 0; i < len(k); i++ {
		if i+1 < len(k) && diphthongV(k, i+1) {
			dst = append(dst, 'o')
			i++
			continue
		}
		dst = append(dst, k[i])
	}
	return dst
}

// ou reports whether word k holds "ou" after its first letter.
func ou(k []byte) bool {
	for i := 1; i+1 < len(k); i++ {
		if k[i] == 'o' && k[i+1] == 'u' {
			return true
		}
	}
	return false
}

// unOUBoth writes "ou" after the first letter of words a and b as "u",
// as French-style transliterations of Arabic write it ("youssef" for
// "yusuf", "mahmoud" for "mahmud"), into da and db. It reports false,
// and the words are to be compared as they are, unless they then have
// one length and each "u" so written stands against a "u": "hassoun" is
// not "hassan".
func unOUBoth(da, db, a []byte, b string) ([]byte, string, bool) {
	var ua, ub uint64 // where a "u" stands for "ou"
	da, ua = unOU(da, a)
	db, ub = unOU(db, []byte(b))
	if len(da) != len(db) {
		return nil, "", false
	}
	for i := range da {
		if (ua|ub)&(1<<uint(i&63)) != 0 && da[i] != db[i] {
			return nil, "", false
		}
	}
	return da, string(db), true
}

// unOU appends k to dst with "ou" after the first letter written as "u",
// and returns it with a mask of where it did so (the first 64 letters).
func unOU(dst, k []byte) ([]byte, uint64) {
	var mask uint64
	for i := 0; i < len(k); i++ {
		if i > 0 && k[i] == 'o' && i+1 < len(k) && k[i+1] == 'u' {
			mask |= 1 << uint(len(dst)&63)
			i++
		}
		dst = append(dst, k[i])
	}
	return dst, mask
}

// spellable reports whether a variant goes in the fuzzy trie: not a weak
// alias, and with a word long enough that a spelling slip stands out.
func spellable(toks []string, k kind) bool {
	if k == kWeak {
		return false
	}
	long := false
	for _, t := range toks {
		if len(t) >= 5 {
			long = true
		}
	}
	return long
}

// similar reports whether text word a may be a spelling of name word b:
// the same first letter and few edits for their length.
func similar(a []byte, b string) bool {
	_, ok := respelling(a, b)
	return ok
}

// respelling reports whether text word a may be a spelling of name word
// b, and by how many edits: the same first letter and few edits for
// their length, where a diphthong written as a vowel ("jolani" for
// "javlani") is none, and vowels that another transliteration writes
// otherwise ("mohamed" for "muhamad") are one each, up to one more than
// other edits may be.
func respelling(a []byte, b string) (int, bool) {
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] && !firstVowels(a, b) {
		return 0, false // the same first letter, or a vowel for a vowel as firstVowels allows
	}
	a, b = a[:len(a)-silentH(a)], b[:len(b)-silentH(b)]
	n := max(len(a), len(b))
	limit := 1
	switch {
	case n >= 11:
		limit = 3
	case n >= 8:
		limit = 2
	}
	var ba, bb [32]byte
	a, b = undiphthong(ba[:0], a), string(undiphthong(bb[:0], []byte(b)))
	if ou(a) != ou([]byte(b)) {
		var ca, cb [32]byte
		if a2, b2, ok := unOUBoth(ca[:0], cb[:0], a, b); ok {
			a, b = a2, b2
		}
	}
	if d := vowelsApart(a, b); n >= 6 && d <= limit+1 {
		return d, true
	}
	d := editDistance(a, b, limit)
	return d, d <= limit
}

// firstVowels reports whether words a and b, whose first letters differ,
// may be one name all the same: in a longer word a vowel for a vowel
// ("Ibrahim" for "EBRAHIM", "Usama" for "OSAMA"), in a word of four o for
// u ("Umar" for "OMAR"); not "Eli" for "Ali", nor "Amar" for "Omar".
func firstVowels(a []byte, b string) bool {
	if !isVowel(a[0]) || !isVowel(b[0]) {
		return false
	}
	switch min(len(a), len(b)) {
	case 0, 1, 2, 3:
		return false
	case 4:
		return a[0] == 'o' && b[0] == 'u' || a[0] == 'u' && b[0] == 'o'
	}
	return true
}

// vowelsApart counts the places where words of one length differ, if
// they differ only in vowels (len(a)+1 otherwise).
func vowelsApart(a []byte, b string) int {
	if len(a) != len(b) {
		return len(a) + 1
	}
	d := 0
	for i := range a {
		if a[i] != b[i] {
			if !isVowel(a[i]) || !isVowel(b[i]) {
				return len(a) + 1
			}
			d++
		}
	}
	return d
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it
// is known to exceed limit.
func editDistance(a []byte, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var buf [64]int
	if len(b)+1 > len(buf) {
		return limit + 1
	}
	prev := buf[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := prev[0]
		prev[0] = i
		rowMin := prev[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur := min(prev[j]+1, prev[j-1]+1, diag+cost)
			diag = prev[j]
			prev[j] = cur
			rowMin = min(rowMin, cur)
		}
		if rowMin > limit {
			return limit + 1
		}
	}
	return prev[len(b)]
}
