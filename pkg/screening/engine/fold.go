package engine

import (
	"unicode"
	"unicode/utf8"
)

// foldRune maps a non-ASCII letter to its lower-case Latin spelling, so
// that "Joaquín", "JOAQUIN" and "Хоакин" meet on the same key. It returns
// "" for a rune that is not a letter or digit (a separator).
//
// Latin letters lose their diacritics; Cyrillic and Greek are
// transliterated (BGN/PCGN-like, with й as "y"); letters of other scripts
// are kept, lower-cased, so Arabic or Chinese names still match exactly.
func foldRune(r rune) string {
	if r >= 0x2000 && r <= 0x206F {
		return "" // general punctuation: quotes, dashes, spaces, joiners
	}
	if s, ok := latinFold[r]; ok {
		return s
	}
	lr := unicode.ToLower(r)
	if s, ok := cyrillicFold[lr]; ok {
		return s
	}
	if s, ok := greekFold[lr]; ok {
		return s
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		if lr >= 0xC0 && lr < 0x250 {
			if s, ok := latinFold[unicode.ToUpper(r)]; ok {
				return s
			}
		}
		return string(lr)
	}
	if unicode.Is(unicode.Mn, r) { // a combining mark: part of the letter before it
		return "\x00"
	}
	return ""
}

// latinFold maps accented Latin letters (both cases) to plain lower-case ASCII.
var latinFold = buildLatinFold()

func buildLatinFold() map[rune]string {
	pairs := []struct{ from, to string }{
		{"ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǺǻ", "a"}, {"ÆæǼǽ", "ae"}, {"ÇçĆćĈĉĊċČč", "c"},
		{"ÐðĎďĐđ", "d"}, {"ÈÉÊËèéêëĒēĔĕĖėĘęĚěƏə", "e"}, {"ĜĝĞğĠġĢģ", "g"},
		{"ĤĥĦħ", "h"}, {"ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐ", "i"}, {"Ĳĳ", "ij"}, {"Ĵĵ", "j"},
		{"Ķķ", "k"}, {"ĹĺĻļĽľĿŀŁł", "l"}, {"ÑñŃńŅņŇňŉ", "n"},
		{"ÒÓÔÕÖØòóôõöøŌōŎŏŐőǑǒǾǿ", "o"}, {"Œœ", "oe"}, {"ŔŕŖŗŘř", "r"},
		{"ŚśŜŝŞşŠšȘș", "s"}, {"ß", "ss"}, {"ŢţŤťŦŧȚț", "t"}, {"Þþ", "th"},
		{"ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųǓǔǕǖǗǘǙǚǛǜ", "u"}, {"Ŵŵ", "w"}, {"ÝýÿŶŷŸ", "y"},
		{"ŹźŻżŽž", "z"},
	}
	m := make(map[rune]string, 400)
	for _, p := range pairs {
		for _, r := range p.from {
			m[r] = p.to
		}
	}
	return m
}

var cyrillicFold = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "\x00", 'ы': "y", 'ь': "\x00", 'э': "e",
	'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u",
}

var greekFold = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
	'ω': "o", 'ά': "a", 'έ': "e", 'ή': "i", 'ί': "i", 'ό': "o", 'ύ': "y", 'ώ': "o",
}

// isApostrophe reports whether r joins the letters around it (O'Brien) or
// starts a possessive ('s).
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc' || r == '`' || r == '\u2018'
}

// isHyphen reports whether r is a hyphen that may break a word across lines.
func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u00ad'
}

// decode returns the rune at s[i:] and its width; an invalid byte is a
// separator of width 1.
func decode(s string, i int) (rune, int) {
	b := s[i]
	if b < utf8.RuneSelf {
		return rune(b), 1
	}
	if b == 0xE2 && i+2 < len(s) && s[i+1]&^1 == 0x80 && s[i+2]&0xC0 == 0x80 {
		// U+2000..U+207F, general punctuation: the quotes, apostrophes
		// and dashes of most news texts
		return 0x2000 | rune(s[i+1]&1)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}
