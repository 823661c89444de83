package engine

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenizeFor tokenizes text the fast way or the general way.
func tokenizeFor(text string, general bool) *tokenizer {
	shapes := particleShapes
	shapes.add("sanctions")
	vocab := shapeSet{}
	vocab.add("sanctions")
	tz := &tokenizer{general: general, shapes: &shapes, vocab: &vocab}
	if !general {
		tz.keys = &testKeys
	}
	tz.reset()
	tz.tokenize(text)
	return tz
}

// testKeys is the key memo of the fast tokenizers: shared across texts, as
// a scan's is.
var testKeys keyMemos

// sameTokens reports whether two tokenizers read the same.
func sameTokens(a, b *tokenizer) bool {
	same := slices.EqualFunc(a.toks, b.toks, func(x, y token) bool {
		x.memo, y.memo = 0, 0 // only the fast path uses the key memo
		return x == y
	})
	return same && string(a.buf) == string(b.buf) && slices.Equal(a.starts, b.starts) &&
		slices.Equal(a.vocabAt, b.vocabAt) && a.long == b.long && a.caps == b.caps && a.titleCase == b.titleCase
}

// tokensOf tokenizes text the fast way or the general way and describes
// everything the scan reads: each token with its key, the starts, the
// context words, the title-case verdict.
func tokensOf(text string, general bool) string {
	tz := tokenizeFor(text, general)
	var b strings.Builder
	for i := range tz.toks {
		t := &tz.toks[i]
		fmt.Fprintf(&b, "%d-%d %q flags %b hash %x key %q\n", t.start, t.end, text[t.start:t.end], t.flags, t.hash, tz.key(t))
	}
	fmt.Fprintf(&b, "starts %v vocab %v long %d caps %d title %v\n", tz.starts, tz.vocabAt, tz.long, tz.caps, tz.titleCase)
	return b.String()
}

// The tokenizer's fast paths (plain lower-case words, capitalised ASCII
// words) give exactly the tokens of its general path.
func TestTokenizerFastPaths(t *testing.T) {
	texts := []string{
		"", "a", "the sanctions were lifted, and al-Qaeda's men left.", "Gen. Soleimani said: no.",
		"Patru-\nshev met the press", "a well-known fact", "ÉLYSÉE said «no» to Шойгу", "x  y   z\n\nw",
		"NATO's chief, Jens Stoltenberg, said (on Monday) that 2024 sanctions… “would” hold",
		"the quick brown fox jumps over the lazy dog and then some averyveryverylongwordindeed here",
		"abcdefghijklmnopq rstuvwxyz", "del della de la van von bin ibn abu abd",
	}
	for _, text := range texts {
		if got, want := tokensOf(text, false), tokensOf(text, true); got != want {
			t.Errorf("tokenizing %q:\nfast:\n%s\ngeneral:\n%s", text, got, want)
		}
	}
	docs, err := readNews(benchNewsPath)
	if err != nil {
		t.Logf("no real news (%v): generated text only", err)
	}
	for _, d := range docs {
		for _, f := range d.Fields {
			if sameTokens(tokenizeFor(f.Text, false), tokenizeFor(f.Text, true)) {
				continue
			}
			if got, want := tokensOf(f.Text, false), tokensOf(f.Text, true); got != want {
				t.Fatalf("tokenizing article %s %s: the fast paths differ: %s", d.ID, f.Name, firstDiff(got, want))
			}
		}
	}
	// random text over the bytes that matter to the fast paths
	alphabet := []string{"a", "b", "e", "l", "s", "y", "h", "k", "Q", "A", "Z", " ", " ", " ", ",", ".", "-", "\n", "'", "’", "1", "é", "\"", "?", "al", "sanctions"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(90); k > 0; k-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		text := b.String()
		if sameTokens(tokenizeFor(text, false), tokenizeFor(text, true)) {
			continue
		}
		if got, want := tokensOf(text, false), tokensOf(text, true); got != want {
			t.Fatalf("tokenizing %q:\nfast:\n%s\ngeneral:\n%s", text, got, want)
		}
	}
}

func FuzzTokenizerFastPaths(f *testing.F) {
	f.Add("the sanctions were lifted, and al-Qaeda's men left.")
	f.Add("Gen. Soleimani said: no. Patru-\nshev")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := tokensOf(text, false), tokensOf(text, true); got != want {
			t.Fatalf("tokenizing %q:\nfast:\n%s\ngeneral:\n%s", text, got, want)
		}
	})
}

// firstDiff shows the first line where two descriptions differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: fast %s, general %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, %d lines", len(g), len(w))
}

// TestDecodePunctuation checks decode's shortcut for general punctuation
// against the standard decoder, on every rune it covers and on broken
// and cut-off sequences that start like one.
func TestDecodePunctuation(t *testing.T) {
	var texts []string
	for r := rune(0x2000); r < 0x2080; r++ {
		texts = append(texts, "a"+string(r)+"b", string(r))
	}
	texts = append(texts, "\xe2\x80", "\xe2", "\xe2\x80\x20", "\xe2\x82\xac", "\xe2\x81\xff", "\xe2\xc0\x80", "\xe2\x80\xc0")
	for _, s := range texts {
		for i := range len(s) {
			r, w := decode(s, i)
			want, ww := utf8.DecodeRuneInString(s[i:])
			if s[i] < utf8.RuneSelf {
				want, ww = rune(s[i]), 1
			}
			if r != want || w != ww {
				t.Errorf("decode(%q, %d) = %U, %d; want %U, %d", s, i, r, w, want, ww)
			}
		}
	}
}
