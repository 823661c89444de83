package engine

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
)

func TestTryNews(t *testing.T) {
	if os.Getenv("TRYNEWS") == "" {
		t.Skip()
	}
	e := mustOFAC(t)
	f, _ := os.Open("/work/shared/data/news/articles.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	type agg struct {
		name  string
		n     int
		texts map[string]int
		kinds map[string]int
	}
	m := map[string]*agg{}
	seen := map[string]bool{}
	for sc.Scan() {
		var a struct{ ID, Title, Body string }
		json.Unmarshal(sc.Bytes(), &a)
		if seen[a.Body] {
			continue
		}
		seen[a.Body] = true
		for _, mt := range e.Screen(Document{ID: a.ID, Fields: []Field{{"title", a.Title}, {"body", a.Body}}}, DefaultMinScore) {
			g := m[mt.EntityID]
			if g == nil {
				g = &agg{name: mt.Name, texts: map[string]int{}, kinds: map[string]int{}}
				m[mt.EntityID] = g
			}
			g.n++
			g.kinds[mt.Kind]++
			for _, mn := range mt.Mentions {
				g.texts[mn.Text]++
			}
		}
	}
	var ids []string
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return m[ids[i]].n > m[ids[j]].n })
	for _, id := range ids {
		g := m[id]
		fmt.Printf("%4d %-12s %-45.45s %v %v\n", g.n, id, g.name, g.kinds, g.texts)
	}
}
