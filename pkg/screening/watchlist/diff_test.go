package watchlist_test

import (
	"reflect"
	"testing"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// list builds a list named "t" from entries; version names it.
func list(version string, es ...watchlist.Entity) *watchlist.List {
	return &watchlist.List{Name: "t", Version: version, Entities: es}
}

func person(id, name string, aliases ...watchlist.Alias) watchlist.Entity {
	return watchlist.Entity{ID: id, List: "t", Schema: watchlist.Person, Name: name, Aliases: aliases}
}

func strong(name string) watchlist.Alias {
	return watchlist.Alias{Name: name, Strength: watchlist.Strong}
}
func weak(name string) watchlist.Alias { return watchlist.Alias{Name: name, Strength: watchlist.Weak} }

// with returns e changed by fn.
func with(e watchlist.Entity, fn func(*watchlist.Entity)) watchlist.Entity {
	fn(&e)
	return e
}

// summary is what a test checks of Changes: ids, then the names per entity.
type summary struct {
	added, removed, changed []string
	names                   map[string][]string // entity id -> AddedNames
}

func summarise(c watchlist.Changes) summary {
	var s summary
	for _, e := range c.Added {
		s.added = append(s.added, e.ID)
	}
	for _, e := range c.Removed {
		s.removed = append(s.removed, e.ID)
	}
	for _, ch := range c.Changed {
		s.changed = append(s.changed, ch.ID)
	}
	for _, en := range c.AddedNames() {
		if s.names == nil {
			s.names = map[string][]string{}
		}
		s.names[en.Entity.ID] = en.Names
	}
	return s
}

func TestDiff(t *testing.T) {
	ivan := person("p1", "Ivan PETROV", strong("Ivan Petrov Jr"))
	jane := person("p2", "Jane DOE")
	tests := []struct {
		name     string
		old, new *watchlist.List
		want     summary
	}{
		{name: "same list", old: list("v1", ivan, jane), new: list("v1", ivan, jane)},
		{name: "same entries, new version", old: list("v1", ivan, jane), new: list("v2", jane, ivan)},
		{name: "from nothing", old: nil, new: list("v1", ivan, jane), want: summary{
			added: []string{"p1", "p2"},
			names: map[string][]string{"p1": {"Ivan PETROV", "Ivan Petrov Jr"}, "p2": {"Jane DOE"}},
		}},
		{name: "entry added", old: list("v1", jane), new: list("v2", jane, ivan), want: summary{
			added: []string{"p1"},
			names: map[string][]string{"p1": {"Ivan PETROV", "Ivan Petrov Jr"}},
		}},
		{name: "entry removed", old: list("v1", ivan, jane), new: list("v2", jane), want: summary{removed: []string{"p1"}}},
		{name: "alias added", old: list("v1", ivan), new: list("v2", with(ivan, func(e *watchlist.Entity) {
			e.Aliases = append(e.Aliases, weak("Vanya"))
		})), want: summary{changed: []string{"p1"}, names: map[string][]string{"p1": {"Vanya"}}}},
		{name: "alias removed", old: list("v1", ivan), new: list("v2", person("p1", "Ivan PETROV")), want: summary{changed: []string{"p1"}}},
		{name: "alias only changes case", old: list("v1", ivan), new: list("v2", person("p1", "Ivan PETROV", strong("IVAN PETROV JR")))},
		{name: "primary name swapped with an alias", old: list("v1", ivan), new: list("v2", person("p1", "Ivan Petrov Jr", strong("Ivan PETROV"))),
			want: summary{changed: []string{"p1"}}},
		{name: "renamed", old: list("v1", jane), new: list("v2", person("p2", "Jane ROE")),
			want: summary{changed: []string{"p2"}, names: map[string][]string{"p2": {"Jane ROE"}}}},
		{name: "weak alias made strong", old: list("v1", person("p1", "Ivan PETROV", weak("Vanya"))), new: list("v2", person("p1", "Ivan PETROV", strong("Vanya"))),
			want: summary{changed: []string{"p1"}, names: map[string][]string{"p1": {"Vanya"}}}},
		{name: "strong alias made weak", old: list("v1", person("p1", "Ivan PETROV", strong("Vanya"))), new: list("v2", person("p1", "Ivan PETROV", weak("Vanya"))),
			want: summary{changed: []string{"p1"}}},
		{name: "program changed", old: list("v1", jane), new: list("v2", with(jane, func(e *watchlist.Entity) { e.Programs = []string{"RUSSIA-EO14024"} })),
			want: summary{changed: []string{"p2"}}},
		{name: "countries reordered", old: list("v1", with(jane, func(e *watchlist.Entity) { e.Countries = []string{"Russia", "Cyprus"} })),
			new: list("v2", with(jane, func(e *watchlist.Entity) { e.Countries = []string{"cyprus", "Russia"} }))},
		{name: "removed, added and changed at once", old: list("v1", ivan, jane), new: list("v2", person("p2", "Jane DOE", strong("J. Doe")), person("p3", "Li WEI")),
			want: summary{added: []string{"p3"}, removed: []string{"p1"}, changed: []string{"p2"},
				names: map[string][]string{"p3": {"Li WEI"}, "p2": {"J. Doe"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := watchlist.Diff(tt.old, tt.new)
			if got := summarise(c); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff:\n got %+v\nwant %+v", got, tt.want)
			}
			wantEmpty := len(tt.want.added)+len(tt.want.removed)+len(tt.want.changed) == 0
			if c.Empty() != wantEmpty {
				t.Errorf("Empty() = %v, want %v", c.Empty(), wantEmpty)
			}
			if c.Counts.Added != len(c.Added) || c.Counts.Removed != len(c.Removed) || c.Counts.Changed != len(c.Changed) {
				t.Errorf("Counts %+v disagree with the changes", c.Counts)
			}
		})
	}
}

func TestDiffEntityChange(t *testing.T) {
	old := watchlist.Entity{ID: "o1", Schema: watchlist.Organization, Name: "Acme", Aliases: []watchlist.Alias{strong("Acme Ltd"), weak("ACM")},
		Programs: []string{"SDGT", "IRAN"}, Countries: []string{"Iran"}, Title: ""}
	next := watchlist.Entity{ID: "o1", Schema: watchlist.Organization, Name: "Acme Trading", Aliases: []watchlist.Alias{strong("Acme"), strong("ACM"), weak("Acme T")},
		Programs: []string{"IRAN", "RUSSIA-EO14024"}, Countries: []string{"Iran", "UAE"}}
	c := watchlist.Diff(list("v1", old), list("v2", next))
	if len(c.Changed) != 1 {
		t.Fatalf("want one changed entry, got %+v", c)
	}
	want := watchlist.EntityChange{
		ID: "o1", Entity: next, OldName: "Acme",
		NamesAdded:      []watchlist.Alias{strong("Acme Trading"), weak("Acme T")},
		NamesRemoved:    []watchlist.Alias{strong("Acme Ltd")},
		Restrength:      []watchlist.StrengthChange{{Name: "ACM", Old: watchlist.Weak, New: watchlist.Strong}},
		ProgramsAdded:   []string{"RUSSIA-EO14024"},
		ProgramsRemoved: []string{"SDGT"},
		Fields:          []string{"countries"},
	}
	if got := c.Changed[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("change:\n got %+v\nwant %+v", got, want)
	}
	wantCounts := watchlist.ChangeCounts{Changed: 1, NamesAdded: 2, NamesRemoved: 1}
	if c.Counts != wantCounts {
		t.Errorf("counts %+v, want %+v", c.Counts, wantCounts)
	}
	names := c.AddedNames()
	if len(names) != 1 || !reflect.DeepEqual(names[0].Names, []string{"Acme Trading", "Acme T", "ACM"}) {
		t.Errorf("AddedNames = %+v, want the new name, the new alias and the strengthened one", names)
	}
}

// TestDiffFiles compares two versions of a firm's list loaded from files.
func TestDiffFiles(t *testing.T) {
	v1, v2 := mustLoad(t, "csv:testdata/diff/v1/firm.csv"), mustLoad(t, "csv:testdata/diff/v2/firm.csv")
	c := watchlist.Diff(v1, v2)
	want := summary{
		added: []string{"F-5"}, removed: []string{"F-3"}, changed: []string{"F-1", "F-4"},
		names: map[string][]string{
			"F-5": {"PETROV, Ivan", "Ivan Petrov", "I. Petrov"},
			"F-1": {"Acme Trading"},
			"F-4": {"N123AC"},
		},
	}
	if got := summarise(c); !reflect.DeepEqual(got, want) {
		t.Errorf("Diff:\n got %+v\nwant %+v", got, want)
	}
	if c.List != "firm" || c.OldVersion != v1.Version || c.NewVersion != v2.Version || c.OldVersion == c.NewVersion {
		t.Errorf("list %q, versions %s -> %s: want firm and the two files' versions", c.List, c.OldVersion, c.NewVersion)
	}
	acme := c.Changed[0]
	if !reflect.DeepEqual(acme.ProgramsAdded, []string{"sanctions-watch"}) || !reflect.DeepEqual(acme.ProgramsRemoved, []string{"internal-high-risk"}) {
		t.Errorf("F-1 programs: +%v -%v, want +sanctions-watch -internal-high-risk", acme.ProgramsAdded, acme.ProgramsRemoved)
	}
	if back := watchlist.Diff(v2, v1); back.Counts.Added != c.Counts.Removed || back.Counts.Removed != c.Counts.Added {
		t.Errorf("the diff backwards %+v does not mirror %+v", back.Counts, c.Counts)
	}
}
