package watchlist

import (
	"slices"
	"strings"
)

// Changes is what a new version of a list adds, removes and changes,
// entry by entry: entries are matched by ID, which is stable across
// versions. A name is an entry's primary name or one of its aliases,
// compared ignoring case, as the loaders do.
type Changes struct {
	List       string         `json:"list"`
	OldVersion string         `json:"old_version"`
	NewVersion string         `json:"new_version"`
	Added      []Entity       `json:"added,omitempty"`   // entries only the new version has, in its order
	Removed    []Entity       `json:"removed,omitempty"` // entries only the old version has, in its order
	Changed    []EntityChange `json:"changed,omitempty"` // entries both have that differ, in the new version's order
	Counts     ChangeCounts   `json:"counts"`
}

// ChangeCounts summarises Changes.
type ChangeCounts struct {
	Added        int `json:"added"`
	Removed      int `json:"removed"`
	Changed      int `json:"changed"`
	NamesAdded   int `json:"names_added"`   // names of added entries, and names added to changed ones
	NamesRemoved int `json:"names_removed"` // names of removed entries, and names removed from changed ones
}

// EntityChange is how one entry differs between two versions.
type EntityChange struct {
	ID      string `json:"id"`
	Entity  Entity `json:"entity"`             // the entry as the new version has it
	OldName string `json:"old_name,omitempty"` // the old primary name, when it changed
	// NamesAdded and NamesRemoved are the names (primary name, counted
	// as strong, or alias) that one version has and the other has not.
	NamesAdded   []Alias `json:"names_added,omitempty"`
	NamesRemoved []Alias `json:"names_removed,omitempty"`
	// Restrength are the aliases both versions have with a different strength.
	Restrength      []StrengthChange `json:"restrength,omitempty"`
	ProgramsAdded   []string         `json:"programs_added,omitempty"`
	ProgramsRemoved []string         `json:"programs_removed,omitempty"`
	// Fields names the other fields that changed: schema, parts,
	// countries, title, linked_to.
	Fields []string `json:"fields,omitempty"`
}

// StrengthChange is an alias whose strength changed between versions.
type StrengthChange struct {
	Name string   `json:"name"`
	Old  Strength `json:"old"`
	New  Strength `json:"new"`
}

// EntityNames are the names of an entry that a new version made
// screenable: what retro-screening searches the retained feed for.
type EntityNames struct {
	Entity Entity   `json:"entity"` // the entry as the new version has it
	Names  []string `json:"names"`
}

// Empty reports whether the two versions list the same entries alike.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// AddedNames returns, entry by entry, the names the new version can
// match that the old one could not: every name of an added entry, the
// names added to a changed entry, and its aliases that became stronger
// (a weak alias needs context to match, a strong one does not).
// Removed names are left out: they raise no new alerts.
func (c Changes) AddedNames() []EntityNames {
	out := make([]EntityNames, 0, len(c.Added)+len(c.Changed))
	for _, e := range c.Added {
		out = append(out, EntityNames{Entity: e, Names: names(e)})
	}
	for _, ch := range c.Changed {
		var ns []string
		for _, a := range ch.NamesAdded {
			ns = append(ns, a.Name)
		}
		for _, s := range ch.Restrength {
			if rank(s.New) > rank(s.Old) {
				ns = append(ns, s.Name)
			}
		}
		if len(ns) > 0 {
			out = append(out, EntityNames{Entity: ch.Entity, Names: ns})
		}
	}
	return out
}

// names returns an entry's primary name, then its aliases.
func names(e Entity) []string {
	ns := make([]string, 0, 1+len(e.Aliases))
	ns = append(ns, e.Name)
	for _, a := range e.Aliases {
		ns = append(ns, a.Name)
	}
	return ns
}

// Diff compares two versions of a list, old and next. Either may be
// nil, for a list with no entries: Diff(nil, l) adds all of l.
func Diff(old, next *List) Changes {
	c := Changes{}
	if old != nil {
		c.List, c.OldVersion = old.Name, old.Version
	}
	if next != nil {
		c.List, c.NewVersion = next.Name, next.Version
	}
	if old == next {
		return c
	}
	olds := byID(old)
	seen := make(map[string]bool, len(olds))
	for _, e := range entities(next) {
		o, ok := olds[e.ID]
		seen[e.ID] = true
		if !ok {
			c.Added = append(c.Added, e)
		} else if ch, differs := diffEntity(o, e); differs {
			c.Changed = append(c.Changed, ch)
		}
	}
	for _, e := range entities(old) {
		if !seen[e.ID] {
			c.Removed = append(c.Removed, e)
		}
	}
	c.Counts = c.count()
	return c
}

func (c Changes) count() ChangeCounts {
	n := ChangeCounts{Added: len(c.Added), Removed: len(c.Removed), Changed: len(c.Changed)}
	for _, e := range c.Added {
		n.NamesAdded += 1 + len(e.Aliases)
	}
	for _, e := range c.Removed {
		n.NamesRemoved += 1 + len(e.Aliases)
	}
	for _, ch := range c.Changed {
		n.NamesAdded += len(ch.NamesAdded)
		n.NamesRemoved += len(ch.NamesRemoved)
	}
	return n
}

func entities(l *List) []Entity {
	if l == nil {
		return nil
	}
	return l.Entities
}

func byID(l *List) map[string]Entity {
	m := make(map[string]Entity, len(entities(l)))
	for _, e := range entities(l) {
		m[e.ID] = e
	}
	return m
}

// diffEntity compares two versions of one entry.
func diffEntity(o, n Entity) (EntityChange, bool) {
	ch := EntityChange{ID: n.ID, Entity: n}
	if o.Name != n.Name {
		ch.OldName = o.Name
	}
	ch.NamesAdded, ch.NamesRemoved, ch.Restrength = diffNames(o, n)
	ch.ProgramsAdded, ch.ProgramsRemoved = diffSet(o.Programs, n.Programs)
	ch.Fields = diffFields(o, n)
	differs := ch.OldName != "" || len(ch.NamesAdded)+len(ch.NamesRemoved)+len(ch.Restrength) > 0 ||
		len(ch.ProgramsAdded)+len(ch.ProgramsRemoved)+len(ch.Fields) > 0
	return ch, differs
}

// nameSet maps each of an entry's names, in lower case, to the name
// and its strength; the primary name counts as strong.
func nameSet(e Entity) map[string]Alias {
	m := make(map[string]Alias, 1+len(e.Aliases))
	for _, a := range e.Aliases {
		m[strings.ToLower(a.Name)] = a
	}
	m[strings.ToLower(e.Name)] = Alias{Name: e.Name, Strength: Strong}
	return m
}

func diffNames(o, n Entity) (added, removed []Alias, restrength []StrengthChange) {
	had, has := nameSet(o), nameSet(n)
	for _, a := range append([]Alias{{Name: n.Name, Strength: Strong}}, n.Aliases...) {
		prev, ok := had[strings.ToLower(a.Name)]
		switch {
		case !ok:
			added = append(added, a)
		case prev.Strength != a.Strength:
			restrength = append(restrength, StrengthChange{Name: a.Name, Old: prev.Strength, New: a.Strength})
		}
	}
	for _, a := range append([]Alias{{Name: o.Name, Strength: Strong}}, o.Aliases...) {
		if _, ok := has[strings.ToLower(a.Name)]; !ok {
			removed = append(removed, a)
		}
	}
	return added, removed, restrength
}

// diffSet returns the values only n has and those only o has, ignoring case.
func diffSet(o, n []string) (added, removed []string) {
	return without(n, o), without(o, n)
}

// without returns the values of vs that are not in minus, ignoring case.
func without(vs, minus []string) []string {
	var out []string
	for _, v := range vs {
		if !slices.ContainsFunc(minus, func(m string) bool { return strings.EqualFold(m, v) }) {
			out = append(out, v)
		}
	}
	return out
}

// diffFields names the fields other than names and programs that differ.
func diffFields(o, n Entity) []string {
	var fs []string
	add := func(name string, differs bool) {
		if differs {
			fs = append(fs, name)
		}
	}
	add("schema", o.Schema != n.Schema)
	add("parts", !equalParts(o.Parts, n.Parts))
	add("countries", !sameSet(o.Countries, n.Countries))
	add("title", o.Title != n.Title)
	add("linked_to", !sameSet(o.LinkedTo, n.LinkedTo))
	return fs
}

func sameSet(a, b []string) bool {
	return len(without(a, b)) == 0 && len(without(b, a)) == 0
}

func equalParts(a, b *NameParts) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
