package events_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/watchwire/watchwire/pkg/events"
)

const schemaBase = "https://watchwire.dev/schema/v1/"

// compileSchemas compiles the embedded schemas, asserting formats such as date-time.
func compileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	names, err := fs.Glob(events.Schemas(), "*.schema.json")
	if err != nil || len(names) != 3 {
		t.Fatalf("embedded schemas: %v %v", names, err)
	}
	for _, name := range names {
		f, err := events.Schemas().Open(name)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, kind := range []string{"article", "screened", "alert"} {
		out[kind] = c.MustCompile(schemaBase + kind + ".schema.json")
	}
	return out
}

// newEvent returns a pointer to the Go type for a testdata file, chosen by
// the file name's prefix (article-, screened-, alert-).
func newEvent(t *testing.T, name string) (string, any) {
	kind, _, _ := strings.Cut(filepath.Base(name), "-")
	switch kind {
	case "article":
		return kind, &events.Article{}
	case "screened":
		return kind, &events.Screened{}
	case "alert":
		return kind, &events.Alert{}
	}
	t.Fatalf("%s: name must start with article-, screened- or alert-", name)
	return "", nil
}

func TestExamplesValidateAndRoundTrip(t *testing.T) {
	schemas := compileSchemas(t)
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) == 0 {
		t.Fatal("no examples in testdata")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			kind, v := newEvent(t, file)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := schemas[kind].Validate(inst); err != nil {
				t.Fatalf("does not validate against %s schema: %v", kind, err)
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("decode into Go type: %v", err)
			}
			encoded, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			assertSameJSON(t, raw, encoded)
		})
	}
}

func TestInvalidExamplesFailSchema(t *testing.T) {
	schemas := compileSchemas(t)
	files, _ := filepath.Glob("testdata/invalid/*.json")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, _ := os.ReadFile(file)
			kind, _ := newEvent(t, file)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := schemas[kind].Validate(inst); err == nil {
				t.Fatalf("validates against the %s schema, want an error", kind)
			}
		})
	}
}

// TestArticleValidateAgreesWithSchema checks the Go validation and the schema
// on the same articles, so neither drifts from the other.
func TestArticleValidateAgreesWithSchema(t *testing.T) {
	schemas := compileSchemas(t)
	for _, a := range append(validArticles(), invalidArticles()...) {
		raw, _ := json.Marshal(a.article)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		schemaErr := schemas["article"].Validate(inst)
		goErr := a.article.Validate()
		if (schemaErr == nil) != (goErr == nil) {
			t.Errorf("%s: schema says %v, Validate says %v", a.name, schemaErr, goErr)
		}
	}
}

func TestNewAlertMatchesExample(t *testing.T) {
	tests := []struct {
		screened, alert, rule string
		producedAt            time.Time
	}{
		{"screened-one-match.json", "alert-one-entity.json", "default", time.Date(2024, 7, 16, 8, 31, 2, 530e6, time.UTC)},
		// A retro event's alert is retro, with the version that added the
		// entity and an id of its own.
		{"screened-retro.json", "alert-retro.json", "strong", time.Date(2024, 8, 2, 14, 0, 5, 300e6, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.screened, func(t *testing.T) {
			var s events.Screened
			readJSON(t, "testdata/"+tc.screened, &s)
			got := events.NewAlert(&s, s.Matches[0], "high", tc.rule, tc.producedAt)
			var want events.Alert
			readJSON(t, "testdata/"+tc.alert, &want)
			if !reflect.DeepEqual(got, want) {
				gotJSON, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("NewAlert =\n%s\nwant testdata/%s", gotJSON, tc.alert)
			}
		})
	}
}

func readJSON(t *testing.T, file string, v any) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func assertSameJSON(t *testing.T, want, got []byte) {
	t.Helper()
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w, g) {
		t.Errorf("round trip changed the event:\nwant %s\ngot  %s", want, got)
	}
}
