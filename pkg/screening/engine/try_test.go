package engine

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTry(t *testing.T) {
	if os.Getenv("TRY") == "" {
		t.Skip()
	}
	e := mustOFAC(t)
	for _, s := range strings.Split(os.Getenv("TRY"), "|") {
		ms := e.Screen(Document{ID: "x", Fields: []Field{{Name: "body", Text: s}}}, 0)
		fmt.Println("==", s)
		for _, m := range ms {
			fmt.Printf("  %.3f %-12s %-14s %s %v\n", m.Score, m.Kind, m.EntityID, m.Name, m.Mentions)
		}
	}
}
