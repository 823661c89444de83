package engine

import (
	"fmt"
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	if os.Getenv("DBG") == "" {
		t.Skip()
	}
	e := mustOFAC(t)
	var tz tokenizer
	tz.tokenize(os.Getenv("DBG"))
	for i := range tz.toks {
		tk := &tz.toks[i]
		k := tz.key(tk)
		fmt.Printf("%q cap=%v exactfirst=%v fuzzyfirst=%v\n", k, tk.flags&tCap != 0, e.ix.exact.first.has(tk.hash), e.ix.fuzzy.first.has(skeletonHash(k)))
	}
	s := &scan{}
	s.reset(e.ix, Document{Fields: []Field{{Name: "b", Text: os.Getenv("DBG")}}})
	s.scanField(0)
	for _, h := range s.hits {
		fmt.Println("hit", h.ti, h.tj, h.fuzzy, h.variants)
		for _, v := range h.variants {
			fmt.Printf("   %+v %s\n", e.ix.variants[v], e.ix.entities[e.ix.variants[v].entity].e.Name)
		}
	}
}
