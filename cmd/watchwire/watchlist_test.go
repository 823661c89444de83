package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// watchlistCLI runs `watchwire watchlist ARGS...` and returns its exit
// status, standard output and standard error.
func watchlistCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"watchlist"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const (
	firmV1 = "csv:testdata/watchlist/v1/firm.csv"
	firmV2 = "csv:testdata/watchlist/v2/firm.csv"
)

func TestWatchlistDiff(t *testing.T) {
	code, out, stderr := watchlistCLI(t, "diff", firmV1, firmV2)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		"old: " + firmV1,
		"new: " + firmV2,
		"added (1):\n  + firm-4  Person  KOVAC, Mila  [FIRM-WATCH]\n      aka Mila Kovac (strong)\n",
		"removed (1):\n  - firm-3  Vessel  SEA LARK  [FIRM-WATCH]\n",
		"  ~ firm-1  Organization  NORTHWIND SHIPPING LTD\n      + names NORTHWIND MARITIME (strong)\n",
		"  ~ firm-2  Person  VOLKOV, Arkady Semyonovich\n      + programs FIRM-PEP\n",
		"summary: 1 added, 1 removed, 2 changed; 3 names added, 1 names removed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// diffJSON is what a script reads of `diff --json`.
type diffJSON struct {
	Old, New struct {
		Name, Version string
		Entities      int
	}
	Changes struct {
		Added   []struct{ ID string }
		Removed []struct{ ID string }
		Changed []struct {
			ID         string
			NamesAdded []struct{ Name, Strength string } `json:"names_added"`
		}
		Counts struct{ Added, Removed, Changed int }
	}
}

func TestWatchlistDiffJSON(t *testing.T) {
	// The flag may come after the lists; NEW may be at a URL.
	v2, err := os.ReadFile("testdata/watchlist/v2/firm.csv")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(v2) }))
	defer srv.Close()
	code, out, stderr := watchlistCLI(t, "diff", firmV1, "csv:"+srv.URL+"/lists/firm.csv", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var d diffJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	c := d.Changes
	if d.Old.Name != "firm" || d.New.Name != "firm" || d.Old.Version == d.New.Version || d.Old.Entities != 3 || d.New.Entities != 3 {
		t.Errorf("old %+v, new %+v: want firm twice, 3 entries each, two versions", d.Old, d.New)
	}
	if c.Counts.Added != 1 || c.Counts.Removed != 1 || c.Counts.Changed != 2 || c.Added[0].ID != "firm-4" || c.Removed[0].ID != "firm-3" {
		t.Errorf("changes %+v: want firm-4 added, firm-3 removed, 2 changed", c)
	}
	if len(c.Changed) != 2 || c.Changed[0].ID != "firm-1" || len(c.Changed[0].NamesAdded) != 1 || c.Changed[0].NamesAdded[0].Name != "NORTHWIND MARITIME" {
		t.Errorf("changed %+v: want firm-1 with the name NORTHWIND MARITIME added", c.Changed)
	}
}

// statsJSON is what a script reads of `stats --json`.
type statsJSON struct {
	List, Version string
	Entities      int
	BySchema      map[string]int `json:"by_schema"`
	Programs      []struct {
		Program  string
		Entities int
	}
	Aliases     int
	AliasesBy   map[string]int `json:"aliases_by_strength"`
	SkippedRows int            `json:"skipped_rows"`
	LoadSeconds float64        `json:"load_seconds"`
}

func TestWatchlistStatsBundledOFAC(t *testing.T) {
	const spec = "ofac:../../data/ofac"
	code, out, stderr := watchlistCLI(t, "stats", "--json", spec)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var s statsJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if s.List != "ofac" || !strings.HasPrefix(s.Version, "sha256:") || s.Entities < 1000 || s.LoadSeconds <= 0 {
		t.Errorf("got list %q version %q with %d entities in %vs: want OFAC's SDN list", s.List, s.Version, s.Entities, s.LoadSeconds)
	}
	if sum(s.BySchema) != s.Entities || sum(s.AliasesBy) != s.Aliases || s.BySchema["Vessel"] == 0 || s.AliasesBy["weak"] == 0 {
		t.Errorf("by schema %v, aliases by strength %v: want sums of %d and %d, with vessels and weak aliases", s.BySchema, s.AliasesBy, s.Entities, s.Aliases)
	}
	for i := 1; i < len(s.Programs); i++ {
		if s.Programs[i].Entities > s.Programs[i-1].Entities {
			t.Fatalf("programs not sorted by count: %v then %v", s.Programs[i-1], s.Programs[i])
		}
	}
	if len(s.Programs) < 10 || s.SkippedRows == 0 {
		t.Errorf("%d programs, %d skipped rows: want many programs and OFAC's orphan rows", len(s.Programs), s.SkippedRows)
	}

	code, out, stderr = watchlistCLI(t, "stats", "--top", "3", spec)
	if code != 0 {
		t.Fatalf("text: exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"list ", "ofac\n", s.Version, "Person ", "weak ", "(3 shown)", s.Programs[2].Program, "skipped rows "} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "  "+s.Programs[3].Program+" ") {
		t.Errorf("--top 3 shows the 4th program %s:\n%s", s.Programs[3].Program, out)
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func TestWatchlistErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no subcommand", nil, "usage: watchwire watchlist diff"},
		{"unknown subcommand", []string{"merge"}, `unknown command "merge"`},
		{"diff with one list", []string{"diff", firmV1}, "want OLD and NEW, got 1"},
		{"stats with two lists", []string{"stats", firmV1, firmV2}, "want SPEC, got 2"},
		{"unknown flag", []string{"stats", "--color", firmV1}, "flag provided but not defined: -color"},
		{"missing file", []string{"diff", firmV1, "csv:testdata/watchlist/none.csv"}, "loading NEW: watchlist csv:testdata/watchlist/none.csv: cannot read: no such file"},
		{"not a list", []string{"stats", "csv:main.go"}, "header names unknown column"},
		{"negative top", []string{"stats", "--top", "-1", firmV1}, "--top -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := watchlistCLI(t, tt.args...)
			if code != 1 || out != "" || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1, nothing on stdout, and %q", code, out, stderr, tt.stderr)
			}
		})
	}
}
