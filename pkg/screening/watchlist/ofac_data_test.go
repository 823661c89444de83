package watchlist_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// The real OFAC SDN files: the copy bundled in the repository (gzipped)
// and the plain copy in ../shared beside the repository root, which a
// fresh clone may lack. Their provenance and counts: data/ofac/SOURCE.md.
const (
	bundledOFAC = "../../../data/ofac"
	sharedOFAC  = "../../../../shared/data/ofac"
)

// ofacSources are the real copies present here, by name.
func ofacSources(t testing.TB) map[string]string {
	t.Helper()
	srcs := map[string]string{"bundled": bundledOFAC}
	if _, err := os.Stat(filepath.Join(sharedOFAC, "sdn.csv")); err == nil {
		srcs["shared"] = sharedOFAC
	} else {
		t.Logf("no shared OFAC copy at %s: checking the bundled copy only", sharedOFAC)
	}
	return srcs
}

// TestOFACRealList checks the real list against the figures of SOURCE.md
// and a few well-known entries.
func TestOFACRealList(t *testing.T) {
	for name, dir := range ofacSources(t) {
		t.Run(name, func(t *testing.T) {
			l := mustLoad(t, "ofac:"+dir)
			checkList(t, l)
			want := watchlist.Counts{
				Entities: 14965,
				Aliases:  l.Counts.Aliases, // checked by checkList
				BySchema: map[watchlist.Schema]int{watchlist.Person: 6854, watchlist.Organization: 6884, watchlist.Vessel: 851, watchlist.Aircraft: 376},
				Skipped: map[string]int{
					"alt: entry not in sdn.csv":          1447,
					"add: entry not in sdn.csv":          2430,
					"sdn: unterminated alias in Remarks": 3, // Remarks cut at 1,000 characters
				},
			}
			if !reflect.DeepEqual(l.Counts, want) {
				t.Errorf("counts %+v,\nwant %+v", l.Counts, want)
			}
			checkEntries(t, l)
		})
	}
}

func checkEntries(t *testing.T, l *watchlist.List) {
	t.Helper()
	byID := map[string]watchlist.Entity{}
	for _, e := range l.Entities {
		byID[e.ID] = e
	}
	tests := []struct {
		id, name  string
		schema    watchlist.Schema
		aliases   []watchlist.Alias // a subset of the entry's aliases
		programs  []string
		countries []string
	}{
		{"ofac-24283", "DERIPASKA, Oleg Vladimirovich", watchlist.Person, nil, []string{"UKRAINE-EO13661", "UKRAINE-EO13662"}, []string{"Russia", "United Kingdom", "Cyprus"}}, // Cyprus: his citizenship in Remarks,
		{"ofac-7226", "ZAMBADA GARCIA, Ismael", watchlist.Person,
			[]watchlist.Alias{{Name: "El Mayo", Strength: watchlist.Weak}, {Name: "Mayo", Strength: watchlist.Weak}, {Name: "ZAMBADA, El Mayo", Strength: watchlist.Strong}},
			[]string{"SDNTK", "ILLICIT-DRUGS-EO14059"}, []string{"Mexico"}},
		{"ofac-4697", "HIZBALLAH", watchlist.Organization,
			[]watchlist.Alias{{Name: "LH", Strength: watchlist.Weak}, {Name: "PARTY OF GOD", Strength: watchlist.Strong}},
			[]string{"FTO", "SDGT", "SYRIA"}, nil},
		{"ofac-35096", "PUTIN, Vladimir Vladimirovich", watchlist.Person,
			[]watchlist.Alias{{Name: "PUTIN, Vladimir", Strength: watchlist.Strong}}, []string{"RUSSIA-EO14024"}, []string{"Russia"}},
	}
	for _, tt := range tests {
		e, ok := byID[tt.id]
		if !ok {
			t.Errorf("%s is missing", tt.id)
			continue
		}
		if e.Name != tt.name || e.Schema != tt.schema || !slices.Equal(e.Programs, tt.programs) || !slices.Equal(e.Countries, tt.countries) {
			t.Errorf("%s = %q %s %q %q, want %q %s %q %q", tt.id, e.Name, e.Schema, e.Programs, e.Countries, tt.name, tt.schema, tt.programs, tt.countries)
		}
		for _, a := range tt.aliases {
			if !slices.Contains(e.Aliases, a) {
				t.Errorf("%s has aliases %v, want among them %v", tt.id, e.Aliases, a)
			}
		}
	}
	if p := byID["ofac-24283"].Parts; p == nil || *p != (watchlist.NameParts{Family: "DERIPASKA", Given: "Oleg", Patronymic: "Vladimirovich"}) {
		t.Errorf("ofac-24283 parts %+v", p)
	}
}

// TestOFACBundledMatchesShared checks that the bundled gzipped copy is the
// shared plain one: the same version (a digest of decompressed content)
// and the same entries.
func TestOFACBundledMatchesShared(t *testing.T) {
	srcs := ofacSources(t)
	if srcs["shared"] == "" {
		t.Skip("no shared OFAC copy to compare with")
	}
	bundled, shared := mustLoad(t, "ofac:"+srcs["bundled"]), mustLoad(t, "ofac:"+srcs["shared"])
	if bundled.Version != shared.Version {
		t.Errorf("bundled version %s, shared version %s", bundled.Version, shared.Version)
	}
	if !reflect.DeepEqual(bundled.Entities, shared.Entities) || !reflect.DeepEqual(bundled.Counts, shared.Counts) {
		t.Error("bundled and shared copies load differently")
	}
}

// BenchmarkLoadOFAC loads the real list, from the bundled gzipped copy
// and, when present, the shared plain one.
func BenchmarkLoadOFAC(b *testing.B) {
	for name, dir := range ofacSources(b) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := watchlist.Load(context.Background(), "ofac:"+dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
