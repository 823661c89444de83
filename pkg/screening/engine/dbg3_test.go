package engine

import (
	"fmt"
	"os"
	"testing"
)

func TestDbgSizes(t *testing.T) {
	if os.Getenv("DBGS") == "" {
		t.Skip()
	}
	e := mustOFAC(t)
	fmt.Println("entities", len(e.ix.entities), "variants", len(e.ix.variants), "exact edges", e.ix.exact.trans.n, "fuzzy edges", e.ix.fuzzy.trans.n, "spell", len(e.ix.spell), "exact slots", len(e.ix.exact.trans.slots))
}
