package screen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

func testEngine(t *testing.T) *engine.Engine {
	t.Helper()
	l := &watchlist.List{Name: "firm", Version: "sha256:test", Entities: []watchlist.Entity{
		{ID: "f-1", List: "firm", Schema: watchlist.Organization, Name: "NORTHWIND SHIPPING LTD"},
		{ID: "f-2", List: "firm", Schema: watchlist.Person, Name: "ZORIN, Arkady Semyonovich"},
	}}
	e, err := engine.New(l)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestRunKeepsOrder screens many articles with several workers and expects
// the results in input order, each with the right matches.
func TestRunKeepsOrder(t *testing.T) {
	var in strings.Builder
	for i := range 300 {
		body := "Nothing of note happened."
		if i%3 == 0 {
			body = "Arkady Zorin joined the board of Northwind Shipping."
		}
		fmt.Fprintf(&in, `{"id":"a%03d","title":"t","body":%q}`+"\n", i, body)
	}
	var out, errs bytes.Buffer
	sum, err := Run(context.Background(), testEngine(t), strings.NewReader(in.String()), &out, Options{MinScore: engine.DefaultMinScore, Workers: 4, Errors: &errs})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 300 || sum.Articles != 300 || sum.Matched != 100 || sum.Matches != 200 || sum.Bad != 0 {
		t.Fatalf("got %d lines, summary %+v", len(lines), sum)
	}
	for i, line := range lines {
		var r Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("a%03d", i); r.ArticleID != want {
			t.Fatalf("line %d is %s, want %s: output out of order", i, r.ArticleID, want)
		}
		if want := map[bool]int{true: 2, false: 0}[i%3 == 0]; len(r.Matches) != want {
			t.Errorf("%s: %d matches, want %d", r.ArticleID, len(r.Matches), want)
		}
	}
}

// TestRunReportsBadLines names each malformed line and goes on.
func TestRunReportsBadLines(t *testing.T) {
	in := "{\"id\":\"a\",\"body\":\"Northwind Shipping Ltd\"}\n[1,2]\n{\"id\":\"\",\"body\":\"x\"}\n{\"id\":\"b\"}\n"
	var out, errs bytes.Buffer
	sum, err := Run(context.Background(), testEngine(t), strings.NewReader(in), &out, Options{MinScore: 0.7, Workers: 2, Errors: &errs})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Bad != 2 || sum.Articles != 2 || sum.Lines != 4 {
		t.Errorf("summary %+v, want 2 bad of 4 lines", sum)
	}
	for _, want := range []string{"line 2: not a JSON article", `line 3: the article has no "id"`} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("errors lack %q:\n%s", want, errs.String())
		}
	}
}

// TestExplainMarksMentions shows each mention in its context.
func TestExplainMarksMentions(t *testing.T) {
	a := Article{ID: "x", Title: "Board news", Body: "Yesterday Arkady Zorin joined\nthe board of Northwind Shipping."}
	ms := testEngine(t).Screen(engine.Document{ID: a.ID, Fields: []engine.Field{{Name: "title", Text: a.Title}, {Name: "body", Text: a.Body}}}, 0.7)
	got := Explain(a, ms)
	for _, want := range []string{"f-2  ZORIN, Arkady Semyonovich (Person)", "body: Yesterday [[Arkady Zorin]] joined the board of Northwind Shipping.", "[[Northwind Shipping]]"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
	if Explain(a, nil) != "" {
		t.Error("an article without matches explains to nothing")
	}
}
