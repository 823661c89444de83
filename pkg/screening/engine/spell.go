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
// repeats merged: "hezbolah" and "hizbalah" both give "hzblh".
func skeletonHash(k []byte) uint64 {
	h := uint64(14695981039346656037)
	var last byte
	for i, c := range k {
		if i > 0 && (isVowel(c) || c == last) {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h ^ 0x5bd1e995 // keep skeletons apart from exact keys
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
	if len(a) == 0 || len(b) == 0 || a[0] != b[0] {
		return false
	}
	n := max(len(a), len(b))
	limit := 1
	switch {
	case n >= 11:
		limit = 3
	case n >= 8:
		limit = 2
	}
	return editDistance(a, b, limit) <= limit
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
