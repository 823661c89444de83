package engine

import (
	"strings"
	"testing"
)

// TestParticleLists: isParticle, a switch for speed on raw text, knows
// exactly the particles of particleWords, which the word sets are built
// from. Every lower-case word of up to five letters is tried (no particle
// is longer), so neither list can gain a word the other lacks.
func TestParticleLists(t *testing.T) {
	want := map[string]bool{}
	for _, p := range strings.Fields(particleWords) {
		if len(p) > 5 {
			t.Fatalf("particle %q is longer than five letters: the scan tests only shorter words (longestBeyond) and so does this test", p)
		}
		want[p] = true
	}
	var w [5]byte
	var try func(n int)
	try = func(n int) {
		if n > 0 {
			s := string(w[:n])
			if isParticle(s) != want[s] {
				t.Errorf("isParticle(%q) = %v, particleWords says %v", s, isParticle(s), want[s])
			}
		}
		if n == len(w) {
			return
		}
		for c := byte('a'); c <= 'z'; c++ {
			w[n] = c
			try(n + 1)
		}
	}
	try(0)
}
