package watchlist

import "strings"

// ofacPrograms splits OFAC's Program column, "SDGT] [SYRIA", into its
// programs.
func ofacPrograms(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "] [") {
		out = addUnique(out, strings.Trim(strings.TrimSpace(p), "[] "))
	}
	return out
}

// ofacNameParts splits a person's name as OFAC lists it, "FAMILY, Given
// Middle" with perhaps a suffix (", Jr.") that is dropped. A last given
// token that reads as a patronymic ("PATRUSHEV, Nikolai Platonovich")
// becomes the Patronymic. A name without a comma has no parts.
func ofacNameParts(name string) *NameParts {
	family, rest, ok := strings.Cut(name, ",")
	family = strings.TrimSpace(family)
	if !ok || family == "" {
		return nil
	}
	given, _, _ := strings.Cut(rest, ",")
	parts := &NameParts{Family: family}
	toks := strings.Fields(given)
	if len(toks) == 0 {
		return parts
	}
	parts.Given, toks = toks[0], toks[1:]
	if n := len(toks); n > 0 && isPatronymic(toks[n-1]) {
		parts.Patronymic, toks = toks[n-1], toks[:n-1]
	}
	parts.Middle = strings.Join(toks, " ")
	return parts
}

// isPatronymic says whether a given-name token reads as an East Slavic
// (-ovich, -evna, -ich, -ichna, Belarusian -avich, Ukrainian -ovych,
// -ivna) or Turkic (-ogly) patronymic. Germanic -rich names (Heinrich,
// Ulrich) are not.
func isPatronymic(tok string) bool {
	t := strings.ToLower(tok)
	if len(t) < 5 {
		return false
	}
	for _, suf := range [...]string{"vich", "vych", "vna", "ichna", "ogly", "oglu"} {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return strings.HasSuffix(t, "ich") && !strings.HasSuffix(t, "rich")
}

// remarkAliases calls add with every alias clause of OFAC Remarks:
// "a.k.a. 'X'" and "n.k.a. 'X'" as weak aliases, "f.k.a. 'X'" as former
// names. X may hold apostrophes ('ABU-'UMAR'): it ends at a quote that
// is followed by ';', '.', ',' or the end of the remarks. It returns how
// many clauses had no end (OFAC cuts Remarks at 1,000 characters); those
// are not added, as their names are cut too.
func remarkAliases(remarks string, add func(name string, s Strength)) (unterminated int) {
	const clause = ".k.a. '"
	for rest := remarks; ; {
		i := strings.Index(rest, clause)
		if i < 0 {
			return unterminated
		}
		var kind byte
		if i > 0 {
			kind = rest[i-1]
		}
		rest = rest[i+len(clause):]
		if kind != 'a' && kind != 'f' && kind != 'n' {
			continue
		}
		end := closingQuote(rest)
		if end < 0 {
			return unterminated + 1
		}
		name := rest[:end]
		rest = rest[end+1:]
		if len(name) >= 2 && name[0] == '\'' && name[len(name)-1] == '\'' {
			name = name[1 : len(name)-1] // doubled quotes: a.k.a. ''FOOPIE''
		}
		s := Weak
		if kind == 'f' {
			s = Formerly
		}
		add(name, s)
	}
}

// closingQuote returns the index of the quote that ends an alias clause
// in s, or -1.
func closingQuote(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != '\'' {
			continue
		}
		if i+1 == len(s) || strings.IndexByte(";.,", s[i+1]) >= 0 {
			return i
		}
	}
	return -1
}

// remarkLinks returns the names in the "Linked To: NAME;" clauses of OFAC
// Remarks.
func remarkLinks(remarks string) []string {
	const marker = "Linked To: "
	var out []string
	for rest := remarks; ; {
		i := strings.Index(rest, marker)
		if i < 0 {
			return out
		}
		rest = rest[i+len(marker):]
		end := strings.IndexByte(rest, ';')
		if end < 0 {
			end = len(rest)
		}
		if name := strings.TrimSuffix(strings.TrimSpace(rest[:end]), "."); name != "" {
			out = append(out, name)
		}
		rest = rest[end:]
	}
}

// remarkClauses splits sdn.csv's Remarks into its clauses, each trimmed and
// without the "alt. " that marks an alternative ("alt. DOB 1962").
func remarkClauses(remarks string) []string {
	cs := strings.Split(remarks, ";")
	for i, c := range cs {
		cs[i] = strings.TrimPrefix(strings.TrimSpace(c), "alt. ")
	}
	return cs
}

// remarkBirthYears reads the years of a person's dates of birth from
// sdn.csv's Remarks: "DOB 04 Dec 2001;", "alt. DOB 1962;", "DOB circa
// 1958;", "DOB 1970 to 1973;" (both ends).
func remarkBirthYears(remarks string) []int {
	var ys []int
	for _, clause := range remarkClauses(remarks) {
		rest, ok := strings.CutPrefix(clause, "DOB ")
		if !ok {
			continue
		}
		for _, date := range strings.Split(strings.TrimSuffix(rest, "."), " to ") {
			if y, ok := birthYear(date); ok {
				ys = addYear(ys, y)
			}
		}
	}
	return ys
}

// remarkNationalities reads the countries of a person's nationalities and
// citizenships from sdn.csv's Remarks ("nationality Congo, Democratic
// Republic of the; alt. citizen Russia."): countries the list ties them
// to, as an address does.
func remarkNationalities(remarks string) []string {
	var cs []string
	for _, clause := range remarkClauses(remarks) {
		for _, p := range [...]string{"nationality ", "citizen "} {
			if c, ok := strings.CutPrefix(clause, p); ok {
				if c = strings.TrimSuffix(strings.TrimSpace(c), "."); c != "" {
					cs = append(cs, c)
				}
			}
		}
	}
	return cs
}
