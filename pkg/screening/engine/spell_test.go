package engine

import "testing"

// TestRespelling: which text words may stand for which listed words in
// the fuzzy trie, and at what cost.
func TestRespelling(t *testing.T) {
	for _, tc := range []struct {
		text, listed string
		edits        int
		ok           bool
	}{
		{"jolani", "javlani", 0, true},    // Jolani for JAWLANI: the diphthong as a vowel
		{"julani", "javlani", 1, true},    // and another vowel
		{"mohamed", "muhamad", 2, true},   // Mohammed for MUHAMMAD: vowels only
		{"hezbolah", "hizbalah", 2, true}, // Hezbollah for HIZBALLAH
		{"salami", "salimi", 1, true},
		{"mohamed", "mahmud", 0, false}, // another name
		{"hasan", "husein", 0, false},   // another name
		{"maduro", "madero", 1, true},   // one edit of six letters
		{"kalani", "javlani", 0, false}, // another first letter
		{"ibrahim", "ebrahim", 1, true}, // a vowel for a vowel, first
		{"ismail", "esmail", 1, true},
		{"eli", "ali", 0, false}, // too short for that
		{"evan", "ivan", 0, false},
		{"jonali", "javlani", 0, false}, // the consonants in another order
		{"umar", "omar", 1, true},       // o for u, first, in a word of four
		{"amar", "omar", 0, false},      // another name
		{"abdala", "abdulah", 1, true},  // Abdalla for ABDULLAH: a last h after a vowel is written or not
		{"nasrulah", "nasrala", 1, true},
		{"iousef", "iusuf", 1, true},   // Yousef for YUSUF: ou for u, and a vowel
		{"mahmoud", "mahmud", 0, true}, // ou for u alone
		{"iusuf", "iousef", 1, true},   // either way round
		{"hasoun", "hasan", 0, false},  // Hassoun is another name: ou stands for u, not a
		{"mousavi", "musavi", 0, true},
	} {
		d, ok := respelling([]byte(tc.text), tc.listed)
		if ok != tc.ok || ok && d != tc.edits {
			t.Errorf("respelling(%q, %q) = %d, %v; want %d, %v", tc.text, tc.listed, d, ok, tc.edits, tc.ok)
		}
	}
}

// TestSkeletons: the words whose spelling skeletons agree, so that a
// respelling of one is looked for as the other.
func TestSkeletons(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"hezbolah", "hizbalah", true},
		{"javlani", "jolani", true},
		{"abdulah", "abdala", true}, // Abdullah, Abdalla
		{"umar", "omar", true},
		{"hamid", "hamed", true},
		{"deh", "de", false}, // a word of three keeps its h
	} {
		if same := skeletonHash([]byte(tc.a)) == skeletonHash([]byte(tc.b)); same != tc.same {
			t.Errorf("skeletons of %q and %q the same: %v, want %v", tc.a, tc.b, same, tc.same)
		}
	}
}
