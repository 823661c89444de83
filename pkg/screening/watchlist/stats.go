package watchlist

import (
	"cmp"
	"slices"
	"time"
)

// Stats describes a loaded list: what it holds, by schema, program and
// alias strength, and what its loader skipped.
type Stats struct {
	List     string         `json:"list"`
	Source   string         `json:"source"`
	Version  string         `json:"version"`
	LoadedAt time.Time      `json:"loaded_at"`
	Entities int            `json:"entities"`
	BySchema map[Schema]int `json:"by_schema"`
	// Programs counts entries by program, most entries first (then by
	// name); an entry under several programs counts under each.
	Programs    []ProgramCount   `json:"programs"`
	NoProgram   int              `json:"no_program"` // entries the source gives no program
	Aliases     int              `json:"aliases"`
	AliasesBy   map[Strength]int `json:"aliases_by_strength"`
	Skipped     map[string]int   `json:"skipped,omitempty"` // source rows ignored, by reason
	SkippedRows int              `json:"skipped_rows"`      // the sum of Skipped
}

// ProgramCount is how many entries a sanctions program has.
type ProgramCount struct {
	Program  string `json:"program"`
	Entities int    `json:"entities"`
}

// Stats counts the list's entries by schema and program and its aliases
// by strength.
func (l *List) Stats() Stats {
	s := Stats{
		List: l.Name, Source: l.Source, Version: l.Version, LoadedAt: l.LoadedAt,
		Entities: len(l.Entities), BySchema: map[Schema]int{}, AliasesBy: map[Strength]int{},
		Skipped: l.Counts.Skipped,
	}
	programs := map[string]int{}
	for _, e := range l.Entities {
		s.BySchema[e.Schema]++
		s.Aliases += len(e.Aliases)
		for _, a := range e.Aliases {
			s.AliasesBy[a.Strength]++
		}
		for _, p := range e.Programs {
			programs[p]++
		}
		if len(e.Programs) == 0 {
			s.NoProgram++
		}
	}
	s.Programs = byCount(programs)
	for _, n := range l.Counts.Skipped {
		s.SkippedRows += n
	}
	return s
}

// byCount lists the programs, most entries first, then by name.
func byCount(programs map[string]int) []ProgramCount {
	out := make([]ProgramCount, 0, len(programs))
	for p, n := range programs {
		out = append(out, ProgramCount{Program: p, Entities: n})
	}
	slices.SortFunc(out, func(a, b ProgramCount) int {
		return cmp.Or(cmp.Compare(b.Entities, a.Entities), cmp.Compare(a.Program, b.Program))
	})
	return out
}
