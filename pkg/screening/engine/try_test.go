package engine

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

func TestTry(t *testing.T) {
	if os.Getenv("TRY") == "" {
		t.Skip()
	}
	t0 := time.Now()
	l, err := watchlist.Load(context.Background(), "ofac:/work/shared/data/ofac")
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	e, err := New(l)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("load", t1.Sub(t0), "build", time.Since(t1), "variants", len(e.ix.variants))
	for _, s := range []string{
		"Russian President Vladimir Putin met Sergei Shoigu. Putin's aide said Shoigu's plan was fine.",
		"PUTIN SAYS NO. Патрушев, Nikolai Patrushev, Patru-\nshev was there.",
		"Hezbollah commander Fuad Shukr was killed. Hamas leader Ismail Haniyeh died in Tehran; Haniyeh was 62.",
		"Ismael 'El Mayo' Zambada and Joaquin Guzman Lopez were arrested. Zambada is 76.",
		"Nicolas Maduro claimed victory in Venezuela. Maduro said.",
		"Speaker Mike Johnson said the snow was heavy and the star hawk dune olga.",
		"The tanker Snow was seized near the port.",
		"Kim Jong Un fired a missile. Al-Shabaab-linked militants; anti-Taliban forces; Houthis; Ansarallah; IRGC.",
		"Sovcomflot tankers; Sberbank; Rosneft; Wagner mercenaries; Sen. Ann Wagner.",
	} {
		ms := e.Screen(Document{ID: "x", Fields: []Field{{Name: "body", Text: s}}}, 0)
		fmt.Println("==", s)
		for _, m := range ms {
			fmt.Printf("  %.3f %-12s %-14s %s %v\n", m.Score, m.Kind, m.EntityID, m.Name, m.Mentions)
		}
	}
}
