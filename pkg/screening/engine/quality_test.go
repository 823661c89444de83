package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// repoRoot is the repository's root, three levels above this package.
const repoRoot = "../../.."

// ofacEngine loads the bundled OFAC list once for the tests in this package.
var ofacEngine = sync.OnceValues(func() (*Engine, error) {
	l, err := watchlist.Load(context.Background(), "ofac:"+filepath.Join(repoRoot, "data", "ofac"))
	if err != nil {
		return nil, err
	}
	return New(l)
})

func mustOFAC(t testing.TB) *Engine {
	t.Helper()
	e, err := ofacEngine()
	if err != nil {
		t.Fatalf("building the engine over the bundled OFAC list: %v", err)
	}
	return e
}

// labelled is an article with the set of entities it mentions.
type labelled struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	Expect []string `json:"expect"`
	Note   string   `json:"note"`
}

func readLabelled(t testing.TB, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("opening the labelled corpus: %v", err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		var a labelled
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out = append(out, a)
	}
	return out
}

// scorecard counts (article, entity) pairs.
type scorecard struct {
	tp, fp, fn int
	errors     []string
}

func (s *scorecard) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s *scorecard) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// grade screens one article and scores its matches against the labels.
func (s *scorecard) grade(e *Engine, id, title, body string, expect []string, note string) {
	doc := Document{ID: id, Fields: []Field{{Name: "title", Text: title}, {Name: "body", Text: body}}}
	got := map[string]Match{}
	for _, m := range e.Screen(doc, DefaultMinScore) {
		got[m.EntityID] = m
	}
	want := map[string]bool{}
	for _, x := range expect {
		want[x] = true
	}
	for x := range want {
		if _, ok := got[x]; ok {
			s.tp++
		} else {
			s.fn++
			s.errors = append(s.errors, fmt.Sprintf("MISS %s %s (%s)", id, x, note))
		}
	}
	for x, m := range got {
		if !want[x] {
			s.fp++
			var ms []string
			for _, mn := range m.Mentions {
				ms = append(ms, mn.Text)
			}
			s.errors = append(s.errors, fmt.Sprintf("FP   %s %s %q %.2f %s %q", id, x, m.Name, m.Score, m.Kind, strings.Join(ms, " | ")))
		}
	}
}

func (s *scorecard) report(t *testing.T, name string) {
	sort.Strings(s.errors)
	for _, e := range s.errors {
		t.Log(e)
	}
	t.Logf("%s: precision %.3f recall %.3f (tp %d, fp %d, fn %d)", name, s.precision(), s.recall(), s.tp, s.fp, s.fn)
}

// TestQualityFixtures measures precision and recall over the labelled
// corpus in testdata/quality, written by us to cover every case of the
// product's definition of a mention.
func TestQualityFixtures(t *testing.T) {
	e := mustOFAC(t)
	var s scorecard
	for _, a := range readLabelled(t, "testdata/quality/articles.jsonl") {
		s.grade(e, a.ID, a.Title, a.Body, a.Expect, a.Note)
	}
	s.report(t, "fixtures")
	if s.precision() < 0.9 || s.recall() < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: both must be at least 0.90", s.precision(), s.recall())
	}
}

// TestQualityDemoSamples checks the demo's sample articles: every expected
// entity found, no trap alerting.
func TestQualityDemoSamples(t *testing.T) {
	e := mustOFAC(t)
	var s scorecard
	for _, a := range readLabelled(t, filepath.Join(repoRoot, "data", "samples", "articles.jsonl")) {
		s.grade(e, a.ID, a.Title, a.Body, a.Expect, a.Note)
	}
	s.report(t, "demo samples")
	if s.fp > 0 || s.fn > 0 {
		t.Errorf("the demo samples must come out exactly as labelled")
	}
}

// TestQualityRealNews measures precision and recall on real news (the
// corpus in ../shared, not part of the repository) against our own labels
// in eval/dev. It skips where ../shared is absent.
func TestQualityRealNews(t *testing.T) {
	news := filepath.Join(repoRoot, "..", "shared", "data", "news", "articles.jsonl")
	if _, err := os.Stat(news); err != nil {
		t.Skipf("no real news corpus at %s (it is not part of the repository)", news)
	}
	type label struct {
		ArticleID string            `json:"article_id"`
		Entities  []string          `json:"entities"`
		Notes     map[string]string `json:"notes"`
	}
	labels := map[string]label{}
	f, err := os.Open(filepath.Join(repoRoot, "eval", "dev", "labels.jsonl"))
	if err != nil {
		t.Fatalf("opening the dev labels: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var l label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("dev labels: %v", err)
		}
		labels[l.ArticleID] = l
	}
	e := mustOFAC(t)
	var s scorecard
	for _, a := range readLabelled(t, news) {
		l, ok := labels[a.ID]
		if !ok {
			continue
		}
		delete(labels, a.ID)
		s.grade(e, a.ID, a.Title, a.Body, l.Entities, fmt.Sprint(l.Notes))
	}
	if len(labels) > 0 {
		t.Errorf("%d labelled articles are missing from the corpus", len(labels))
	}
	s.report(t, "real news (eval/dev)")
}
