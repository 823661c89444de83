package engine

import (
	"math/rand"
	"testing"
)

// TestLowerRunMatchesBytewise checks the eight-bytes-at-a-time scan against
// the plain loop on random text mixing letters and the bytes around them.
func TestLowerRunMatchesBytewise(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alpha := []byte("abcdefghijklmnopqrstuvwxyz`{@[AZ09 .\xc3\xa9\x80\xff\x7f\x00z")
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.Intn(40))
		for i := range b {
			if r.Intn(4) > 0 {
				b[i] = byte('a' + r.Intn(26))
			} else {
				b[i] = alpha[r.Intn(len(alpha))]
			}
		}
		s := string(b)
		for i := 0; i <= len(s); i++ {
			want := i
			for want < len(s) && s[want] >= 'a' && s[want] <= 'z' {
				want++
			}
			if got := lowerRun(s, i); got != want {
				t.Fatalf("lowerRun(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
