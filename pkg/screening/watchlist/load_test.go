package watchlist_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the loaders' output")

// TestLoad loads each good sample and compares the list with its golden
// file: read the golden files to see what each loader makes of its input.
func TestLoad(t *testing.T) {
	tests := []struct {
		spec, golden string
	}{
		{"ofac:testdata/ofac/good", "ofac.json"},
		{"ofac:testdata/ofac/gz", "ofac.json"}, // sdn.csv.gz, alt.csv, add.csv.gz
		{"opensanctions:testdata/opensanctions/targets.simple.csv", "opensanctions-simple.json"},
		{"opensanctions:testdata/opensanctions/targets.simple.csv.gz", "opensanctions-simple.json"},
		{"opensanctions:testdata/opensanctions/entities.ftm.json", "opensanctions-ftm.json"},
		{"opensanctions:testdata/opensanctions/entities.ftm.json.gz", "opensanctions-ftm.json"},
		{"csv:testdata/csv/firm.csv", "firm.json"},
		{"csv:testdata/csv/excel/firm.csv", "firm.json"}, // byte order mark, CRLF
		{"csv:testdata/csv/gz/firm.csv.gz", "firm.json"},
		{"csv:testdata/csv/reordered.csv", "reordered.json"}, // columns in another order, no aliases or programs
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			before := time.Now()
			l, err := watchlist.Load(context.Background(), tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if l.Source != tt.spec || l.LoadedAt.Before(before) {
				t.Errorf("Source %q, LoadedAt %v: want %q and a time after %v", l.Source, l.LoadedAt, tt.spec, before)
			}
			checkList(t, l)
			compareGolden(t, filepath.Join("testdata", "golden", tt.golden), l)
		})
	}
}

// golden is what a golden file holds: the list without its source,
// version and load time, which TestLoad and TestLoadVersion check.
type golden struct {
	Name     string             `json:"name"`
	Counts   watchlist.Counts   `json:"counts"`
	Entities []watchlist.Entity `json:"entities"`
}

func compareGolden(t *testing.T, path string, l *watchlist.List) {
	t.Helper()
	got, err := json.MarshalIndent(golden{l.Name, l.Counts, l.Entities}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("list differs from %s (go test -update rewrites it; review the diff):\n%s", path, got)
	}
}

// TestLoadVersion checks that a list's version digests its decompressed
// content: the same bytes gzipped or not give the same version, and any
// change of bytes gives another.
func TestLoadVersion(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"ofac:testdata/ofac/good", "ofac:testdata/ofac/gz", true},
		{"opensanctions:testdata/opensanctions/targets.simple.csv", "opensanctions:testdata/opensanctions/targets.simple.csv.gz", true},
		{"opensanctions:testdata/opensanctions/entities.ftm.json", "opensanctions:testdata/opensanctions/entities.ftm.json.gz", true},
		{"csv:testdata/csv/firm.csv", "csv:testdata/csv/gz/firm.csv.gz", true},
		{"csv:testdata/csv/firm.csv", "csv:testdata/csv/excel/firm.csv", false},
	}
	versionRE := regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	for _, tt := range tests {
		a, b := mustLoad(t, tt.a), mustLoad(t, tt.b)
		if !versionRE.MatchString(a.Version) {
			t.Errorf("%s: version %q is not sha256:<hex>", tt.a, a.Version)
		}
		if (a.Version == b.Version) != tt.same {
			t.Errorf("%s version %s, %s version %s: want same=%v", tt.a, a.Version, tt.b, b.Version, tt.same)
		}
	}
}

// Digest gives the version Load gives, for every kind of file, plain,
// gzipped or with a byte order mark, and refuses what Load cannot read.
func TestDigest(t *testing.T) {
	ctx := context.Background()
	for _, spec := range []string{
		"ofac:testdata/ofac/good", "ofac:testdata/ofac/gz",
		"opensanctions:testdata/opensanctions/targets.simple.csv", "opensanctions:testdata/opensanctions/targets.simple.csv.gz",
		"opensanctions:testdata/opensanctions/entities.ftm.json", "opensanctions:testdata/opensanctions/entities.ftm.json.gz",
		"csv:testdata/csv/firm.csv", "csv:testdata/csv/gz/firm.csv.gz", "csv:testdata/csv/excel/firm.csv",
	} {
		got, err := watchlist.Digest(ctx, spec)
		if err != nil {
			t.Fatalf("Digest(%s): %v", spec, err)
		}
		if want := mustLoad(t, spec).Version; got != want {
			t.Errorf("Digest(%s) = %s, Load's version %s", spec, got, want)
		}
	}
	for _, spec := range []string{"ofac:testdata/ofac/bad/missing", "ofac:testdata/ofac/bad/truncgz", "csv:testdata/csv/bad/truncated.csv.gz", "csv:testdata/nothing.csv", "xml:testdata/x.xml", "csv:"} {
		if v, err := watchlist.Digest(ctx, spec); err == nil {
			t.Errorf("Digest(%s) = %s, want an error", spec, v)
		}
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := watchlist.Digest(canceled, "csv:testdata/csv/firm.csv"); !errors.Is(err, context.Canceled) {
		t.Errorf("Digest with a canceled context: %v, want context.Canceled", err)
	}
}

func TestLoadErrors(t *testing.T) {
	const ofacBad = "testdata/ofac/bad/"
	tests := []struct {
		spec, want string
	}{
		// spec
		{"", `watchlist : want ofac:DIR, opensanctions:FILE or csv:FILE`},
		{"ofac:", `watchlist ofac:: want ofac:DIR, opensanctions:FILE or csv:FILE`},
		{"sdn:testdata/ofac/good", `watchlist sdn:testdata/ofac/good: unknown list kind "sdn": want ofac:DIR, opensanctions:FILE or csv:FILE`},
		{"csv:testdata/nosuch.csv", `watchlist csv:testdata/nosuch.csv: cannot read: no such file or directory`},
		{"csv:testdata/csv/.csv", `watchlist csv:testdata/csv/.csv: cannot name the list after the file: want a name such as mylist.csv`},
		{"opensanctions:testdata", `watchlist opensanctions:testdata: cannot read: is a directory`},
		// ofac
		{"ofac:testdata/nosuch", `watchlist ofac:testdata/nosuch: testdata/nosuch/sdn.csv: missing: neither sdn.csv nor sdn.csv.gz exists`},
		{"ofac:" + ofacBad + "missing", `watchlist ofac:testdata/ofac/bad/missing: testdata/ofac/bad/missing/add.csv: missing: neither add.csv nor add.csv.gz exists`},
		{"ofac:" + ofacBad + "entnum", `watchlist ofac:testdata/ofac/bad/entnum: testdata/ofac/bad/entnum/sdn.csv: line 2: "X1" is not an entry number`},
		{"ofac:" + ofacBad + "fields", `watchlist ofac:testdata/ofac/bad/fields: testdata/ofac/bad/fields/sdn.csv: line 2: has 11 fields, want 12`},
		{"ofac:" + ofacBad + "quote", `watchlist ofac:testdata/ofac/bad/quote: testdata/ofac/bad/quote/sdn.csv: line 2: column 10: extraneous or missing " in quoted-field`},
		{"ofac:" + ofacBad + "emptyname", `watchlist ofac:testdata/ofac/bad/emptyname: testdata/ofac/bad/emptyname/sdn.csv: line 2: SDN_Name is empty`},
		{"ofac:" + ofacBad + "type", `watchlist ofac:testdata/ofac/bad/type: testdata/ofac/bad/type/sdn.csv: line 1: SDN_Type "entity" is not one of individual, vessel, aircraft or -0-`},
		{"ofac:" + ofacBad + "dup", `watchlist ofac:testdata/ofac/bad/dup: testdata/ofac/bad/dup/sdn.csv: line 2: ent_num 10 is listed twice (also as "ALPHA TRADING CO.")`},
		{"ofac:" + ofacBad + "utf8", `watchlist ofac:testdata/ofac/bad/utf8: testdata/ofac/bad/utf8/sdn.csv: line 1: field 2 is not valid UTF-8 (save the file as UTF-8)`},
		{"ofac:" + ofacBad + "alttype", `watchlist ofac:testdata/ofac/bad/alttype: testdata/ofac/bad/alttype/alt.csv: line 2: alt_type "xyz" is not one of aka, fka, nka`},
		{"ofac:" + ofacBad + "altname", `watchlist ofac:testdata/ofac/bad/altname: testdata/ofac/bad/altname/alt.csv: line 1: alt_name is empty`},
		{"ofac:" + ofacBad + "addnum", `watchlist ofac:testdata/ofac/bad/addnum: testdata/ofac/bad/addnum/add.csv: line 2: "x" is not an entry number`},
		{"ofac:" + ofacBad + "empty", `watchlist ofac:testdata/ofac/bad/empty: testdata/ofac/bad/empty/sdn.csv: no entries`},
		{"ofac:" + ofacBad + "truncgz", `watchlist ofac:testdata/ofac/bad/truncgz: testdata/ofac/bad/truncgz/sdn.csv.gz: cannot read: gzip data is truncated: unexpected EOF`},
		// opensanctions
		{"opensanctions:testdata/opensanctions/bad/empty.json", `watchlist opensanctions:testdata/opensanctions/bad/empty.json: empty file: want targets.simple.csv or entities.ftm.json`},
		{"opensanctions:testdata/opensanctions/bad/noid.csv", `watchlist opensanctions:testdata/opensanctions/bad/noid.csv: line 1: header has no "id" column: not a targets.simple.csv (nor a FollowTheMoney JSON file)`},
		{"opensanctions:testdata/opensanctions/bad/dupid.csv", `watchlist opensanctions:testdata/opensanctions/bad/dupid.csv: line 4: id "NK-a" is also on line 2`},
		{"opensanctions:testdata/opensanctions/bad/emptyname.csv", `watchlist opensanctions:testdata/opensanctions/bad/emptyname.csv: line 2: name is empty`},
		{"opensanctions:testdata/opensanctions/bad/fields.csv", `watchlist opensanctions:testdata/opensanctions/bad/fields.csv: line 2: has 15 fields, want 16`},
		{"opensanctions:testdata/opensanctions/bad/multi.csv", `watchlist opensanctions:testdata/opensanctions/bad/multi.csv: line 2: column aliases: values are not ';'-joined CSV: extraneous or missing " in quoted-field`},
		{"opensanctions:testdata/opensanctions/bad/badjson.json", `watchlist opensanctions:testdata/opensanctions/bad/badjson.json: line 2: not a FollowTheMoney entity: unexpected end of JSON input`},
		{"opensanctions:testdata/opensanctions/bad/idtype.json", `watchlist opensanctions:testdata/opensanctions/bad/idtype.json: line 1: not a FollowTheMoney entity: "id" is a JSON number, want string`},
		{"opensanctions:testdata/opensanctions/bad/prop.json", `watchlist opensanctions:testdata/opensanctions/bad/prop.json: line 1: property "name" is not a list of strings`},
		{"opensanctions:testdata/opensanctions/bad/emptyid.json", `watchlist opensanctions:testdata/opensanctions/bad/emptyid.json: line 1: id is empty`},
		{"opensanctions:testdata/opensanctions/bad/noname.json", `watchlist opensanctions:testdata/opensanctions/bad/noname.json: line 1: name is empty`},
		{"opensanctions:testdata/opensanctions/bad/truncated.json.gz", `watchlist opensanctions:testdata/opensanctions/bad/truncated.json.gz: cannot read: gzip data is truncated: unexpected EOF`},
		// a firm's csv
		{"csv:testdata/csv/bad/schema.csv", `watchlist csv:testdata/csv/bad/schema.csv: line 7: schema "Persn" is not one of Person, Organization, Vessel, Aircraft`},
		{"csv:testdata/csv/bad/emptyschema.csv", `watchlist csv:testdata/csv/bad/emptyschema.csv: line 2: schema is empty: want one of Person, Organization, Vessel, Aircraft`},
		{"csv:testdata/csv/bad/dupid.csv", `watchlist csv:testdata/csv/bad/dupid.csv: line 4: id "1" is also on line 2`},
		{"csv:testdata/csv/bad/emptyid.csv", `watchlist csv:testdata/csv/bad/emptyid.csv: line 2: id is empty`},
		{"csv:testdata/csv/bad/emptyname.csv", `watchlist csv:testdata/csv/bad/emptyname.csv: line 2: name is empty`},
		{"csv:testdata/csv/bad/noschema.csv", `watchlist csv:testdata/csv/bad/noschema.csv: line 1: header has no "schema" column: want id,name,schema,aliases,programs`},
		{"csv:testdata/csv/bad/unknown.csv", `watchlist csv:testdata/csv/bad/unknown.csv: line 1: header names unknown column "alias": want id,name,schema,aliases,programs`},
		{"csv:testdata/csv/bad/headtwice.csv", `watchlist csv:testdata/csv/bad/headtwice.csv: line 1: header names column "name" twice`},
		{"csv:testdata/csv/bad/fields.csv", `watchlist csv:testdata/csv/bad/fields.csv: line 2: has 2 fields, want 3`},
		{"csv:testdata/csv/bad/quote.csv", `watchlist csv:testdata/csv/bad/quote.csv: line 3: column 16: extraneous or missing " in quoted-field (in the record starting on line 2)`},
		{"csv:testdata/csv/bad/bare.csv", `watchlist csv:testdata/csv/bad/bare.csv: line 2: column 5: bare " in non-quoted-field`},
		{"csv:testdata/csv/bad/latin1.csv", `watchlist csv:testdata/csv/bad/latin1.csv: line 2: field 2 is not valid UTF-8 (save the file as UTF-8)`},
		{"csv:testdata/csv/bad/empty.csv", `watchlist csv:testdata/csv/bad/empty.csv: empty file: want a header row id,name,schema,aliases,programs`},
		{"csv:testdata/csv/bad/truncated.csv.gz", `watchlist csv:testdata/csv/bad/truncated.csv.gz: cannot read: gzip data is truncated: unexpected EOF`},
		{"csv:testdata/csv/bad/corrupt.csv.gz", `watchlist csv:testdata/csv/bad/corrupt.csv.gz: cannot read: gzip data is corrupt: flate: corrupt input before offset 1`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			l, err := watchlist.Load(context.Background(), tt.spec)
			if err == nil {
				t.Fatalf("loaded %d entities, want error %s", len(l.Entities), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n %s\nwant\n %s", err, tt.want)
			}
			var le *watchlist.LoadError
			if !errors.As(err, &le) || le.Source != tt.spec {
				t.Errorf("error %#v is not a *LoadError with Source %q", err, tt.spec)
			}
		})
	}
}

func TestLoadAll(t *testing.T) {
	tests := []struct {
		name      string
		specs     []string
		wantNames []string
		wantErr   string
	}{
		{"three kinds", []string{"ofac:testdata/ofac/good", " opensanctions:testdata/opensanctions/entities.ftm.json", "csv:testdata/csv/firm.csv"},
			[]string{"ofac", "opensanctions", "firm"}, ""},
		{"none", nil, nil, "watchlist: no lists to load: want ofac:DIR, opensanctions:FILE or csv:FILE"},
		{"one bad", []string{"ofac:testdata/ofac/good", "csv:testdata/csv/bad/schema.csv"}, nil,
			`watchlist csv:testdata/csv/bad/schema.csv: line 7: schema "Persn" is not one of Person, Organization, Vessel, Aircraft`},
		{"same name", []string{"csv:testdata/csv/firm.csv", "csv:testdata/csv/gz/firm.csv.gz"}, nil,
			`watchlist: csv:testdata/csv/firm.csv and csv:testdata/csv/gz/firm.csv.gz are both named "firm": rename one file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lists, err := watchlist.LoadAll(context.Background(), tt.specs)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, l := range lists {
				names = append(names, l.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.wantNames, ",") {
				t.Errorf("lists %v, want %v", names, tt.wantNames)
			}
		})
	}
}

func TestLoadCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, spec := range []string{"ofac:testdata/ofac/good", "opensanctions:testdata/opensanctions/entities.ftm.json", "csv:testdata/csv/firm.csv"} {
		if _, err := watchlist.Load(ctx, spec); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: error %v, want context.Canceled", spec, err)
		}
	}
}

func mustLoad(t testing.TB, spec string) *watchlist.List {
	t.Helper()
	l, err := watchlist.Load(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkList checks what holds for every loaded list: counts that add up,
// unique ids, non-empty names, aliases distinct from the name, valid
// UTF-8 throughout.
func checkList(t testing.TB, l *watchlist.List) {
	t.Helper()
	if l.Counts.Entities != len(l.Entities) {
		t.Errorf("Counts.Entities %d, want %d", l.Counts.Entities, len(l.Entities))
	}
	ids := map[string]bool{}
	aliases, bySchema := 0, 0
	for _, e := range l.Entities {
		if ids[e.ID] || e.ID == "" || e.Name == "" || e.List != l.Name {
			t.Errorf("entity %+v: empty or duplicate id, empty name or wrong list", e)
		}
		ids[e.ID] = true
		for _, a := range e.Aliases {
			if a.Name == "" || strings.EqualFold(a.Name, e.Name) || (a.Strength != watchlist.Strong && a.Strength != watchlist.Weak && a.Strength != watchlist.Formerly) {
				t.Errorf("entity %s: bad alias %+v", e.ID, a)
			}
		}
		aliases += len(e.Aliases)
		b, _ := json.Marshal(e)
		if !utf8.Valid(b) || !utf8.ValidString(e.Name) {
			t.Errorf("entity %s is not valid UTF-8", e.ID)
		}
	}
	for s, n := range l.Counts.BySchema {
		bySchema += n
		if s != watchlist.Person && s != watchlist.Organization && s != watchlist.Vessel && s != watchlist.Aircraft {
			t.Errorf("Counts.BySchema has schema %q", s)
		}
	}
	if aliases != l.Counts.Aliases || bySchema != len(l.Entities) {
		t.Errorf("Counts %+v: want %d aliases, by-schema total %d", l.Counts, aliases, len(l.Entities))
	}
}
