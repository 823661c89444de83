package engine

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDbgCount(t *testing.T) {
	if os.Getenv("DBGC") == "" {
		t.Skip()
	}
	e := mustOFAC(t)
	f, _ := os.Open("/work/shared/data/news/articles.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var toks, exact, fuzzy, caps int
	var tz tokenizer
	for sc.Scan() {
		var a struct{ Body string }
		json.Unmarshal(sc.Bytes(), &a)
		tz.reset()
		tz.tokenize(a.Body)
		for i := range tz.toks {
			tk := &tz.toks[i]
			toks++
			if e.ix.exact.first.has(tk.hash) {
				exact++
			}
			if tk.flags&tCap != 0 && tk.kend-tk.kstart >= 4 {
				caps++
				if e.ix.fuzzy.first.has(skeletonHash(tz.key(tk))) {
					fuzzy++
				}
			}
		}
	}
	fmt.Println("tokens", toks, "exact-first", exact, "caps>=4", caps, "fuzzy-first", fuzzy)
}
