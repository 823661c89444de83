package watchlist

import (
	"slices"
	"strconv"
	"strings"
)

// addAlias gives e another name, unless it is empty or e already has it
// (ignoring case) as its name or an alias. A name met again with a
// stronger strength keeps the stronger one.
func addAlias(e *Entity, name string, s Strength) {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, e.Name) {
		return
	}
	for i := range e.Aliases {
		if strings.EqualFold(e.Aliases[i].Name, name) {
			if rank(s) > rank(e.Aliases[i].Strength) {
				e.Aliases[i].Strength = s
			}
			return
		}
	}
	e.Aliases = append(e.Aliases, Alias{Name: name, Strength: s})
}

func rank(s Strength) int {
	switch s {
	case Strong:
		return 3
	case Formerly:
		return 2
	}
	return 1
}

// addUnique appends v to vs unless it is empty or already there (ignoring case).
func addUnique(vs []string, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" || slices.ContainsFunc(vs, func(x string) bool { return strings.EqualFold(x, v) }) {
		return vs
	}
	return append(vs, v)
}

// newList starts a list; finish completes it.
func newList(name string) *List {
	return &List{Name: name, Counts: Counts{BySchema: map[Schema]int{Person: 0, Organization: 0, Vessel: 0, Aircraft: 0}}}
}

// skip counts a source row (or part of one) that the loader ignored.
func (l *List) skip(reason string) {
	if l.Counts.Skipped == nil {
		l.Counts.Skipped = map[string]int{}
	}
	l.Counts.Skipped[reason]++
}

// finish counts the list's entities and aliases.
func (l *List) finish(version string) *List {
	l.Version = version
	l.Counts.Entities = len(l.Entities)
	for _, e := range l.Entities {
		l.Counts.Aliases += len(e.Aliases)
		l.Counts.BySchema[e.Schema]++
	}
	return l
}

// birthYear reads the year of a date the way the sources write one: a
// year alone or first ("1961", "1961-04-02", "1961-04") or last ("04 Dec
// 2001", "circa 1958"). Years before 1800 or after 2100 are no one's here.
func birthYear(date string) (int, bool) {
	date = strings.TrimSpace(date)
	for _, y := range [...]string{date[:min(4, len(date))], date[max(0, len(date)-4):]} {
		if len(y) == 4 && strings.Trim(y, "0123456789") == "" {
			if n, _ := strconv.Atoi(y); n >= 1800 && n <= 2100 {
				return n, true
			}
		}
	}
	return 0, false
}

// addBirthDates adds the years of dates written as the sources write them
// (see birthYear) to e's birth years, each once.
func addBirthDates(e *Entity, dates []string) {
	for _, d := range dates {
		if y, ok := birthYear(d); ok {
			e.BirthYears = addYear(e.BirthYears, y)
		}
	}
}

// addYear adds year y to ys once.
func addYear(ys []int, y int) []int {
	if slices.Contains(ys, y) {
		return ys
	}
	return append(ys, y)
}
