package watchlist

import (
	"slices"
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
