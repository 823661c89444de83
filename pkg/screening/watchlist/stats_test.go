package watchlist_test

import (
	"reflect"
	"testing"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

func TestStats(t *testing.T) {
	l := list("v1",
		with(person("p1", "Ivan PETROV", strong("Vanya P"), weak("Vanya")), func(e *watchlist.Entity) { e.Programs = []string{"RUSSIA-EO14024", "CYBER2"} }),
		with(person("p2", "Jane DOE", watchlist.Alias{Name: "Jane ROE", Strength: watchlist.Formerly}), func(e *watchlist.Entity) { e.Programs = []string{"RUSSIA-EO14024"} }),
		watchlist.Entity{ID: "v1", Schema: watchlist.Vessel, Name: "STAR", Programs: []string{"IRAN"}},
		watchlist.Entity{ID: "o1", Schema: watchlist.Organization, Name: "Acme"},
	)
	l.Counts.Skipped = map[string]int{"alt: entry not in sdn.csv": 2, "add: entry not in sdn.csv": 1}
	got := l.Stats()
	want := watchlist.Stats{
		List: "t", Version: "v1", Entities: 4,
		BySchema:  map[watchlist.Schema]int{watchlist.Person: 2, watchlist.Vessel: 1, watchlist.Organization: 1},
		Programs:  []watchlist.ProgramCount{{Program: "RUSSIA-EO14024", Entities: 2}, {Program: "CYBER2", Entities: 1}, {Program: "IRAN", Entities: 1}},
		NoProgram: 1,
		Aliases:   3,
		AliasesBy: map[watchlist.Strength]int{watchlist.Strong: 1, watchlist.Weak: 1, watchlist.Formerly: 1},
		Skipped:   l.Counts.Skipped, SkippedRows: 3,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
	}
}

// TestStatsAgreeWithCounts checks Stats against the loaders' own counts.
func TestStatsAgreeWithCounts(t *testing.T) {
	for _, spec := range []string{"ofac:testdata/ofac/good", "csv:testdata/csv/firm.csv", "opensanctions:testdata/opensanctions/targets.simple.csv"} {
		l := mustLoad(t, spec)
		s := l.Stats()
		if s.Entities != l.Counts.Entities || s.Aliases != l.Counts.Aliases {
			t.Errorf("%s: stats count %d entities, %d aliases; the loader %d, %d", spec, s.Entities, s.Aliases, l.Counts.Entities, l.Counts.Aliases)
		}
		for schema, n := range l.Counts.BySchema {
			if s.BySchema[schema] != n {
				t.Errorf("%s: %d %s entries, the loader counted %d", spec, s.BySchema[schema], schema, n)
			}
		}
		strengths := 0
		for _, n := range s.AliasesBy {
			strengths += n
		}
		if strengths != s.Aliases {
			t.Errorf("%s: aliases by strength add up to %d, not %d", spec, strengths, s.Aliases)
		}
	}
}
