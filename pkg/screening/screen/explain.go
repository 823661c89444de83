package screen

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/watchwire/watchwire/pkg/screening/engine"
)

// Explain writes an article's matches for people: each entity, how it
// matched, and every mention in its context with the words marked
// [[like this]].
func Explain(a Article, ms []engine.Match) string {
	if len(ms) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n", a.ID, oneLine(a.Title))
	for _, m := range ms {
		fmt.Fprintf(&b, "  %.2f  %-12s %s  %s (%s", m.Score, m.Kind, m.EntityID, m.Name, m.Schema)
		if len(m.Programs) > 0 {
			fmt.Fprintf(&b, "; %s", strings.Join(m.Programs, ", "))
		}
		b.WriteString(")\n")
		for _, mn := range m.Mentions {
			text := a.Body
			if mn.Field == "title" {
				text = a.Title
			}
			fmt.Fprintf(&b, "        %s: %s\n", mn.Field, Context(text, mn.Start, mn.End, 50, "[[", "]]"))
		}
	}
	b.WriteByte('\n')
	return b.String()
}

// Context returns text[start:end] marked with open and close, with up to
// width bytes of text either side, cut on rune boundaries and on one line.
func Context(text string, start, end, width int, open, close string) string {
	lo, hi := max(0, start-width), min(len(text), end+width)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	pre, post := "", ""
	if lo > 0 {
		pre = "…"
	}
	if hi < len(text) {
		post = "…"
	}
	return pre + squeeze(text[lo:start]) + open + squeeze(text[start:end]) + close + squeeze(text[end:hi]) + post
}

// squeeze turns every run of white space into one space.
func squeeze(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
