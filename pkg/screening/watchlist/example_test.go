package watchlist_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

func ExampleLoad() {
	ctx := context.Background()
	l, err := watchlist.Load(ctx, "csv:testdata/csv/firm.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d entities, %d aliases\n", l.Name, l.Counts.Entities, l.Counts.Aliases)
	for _, e := range l.Entities[:2] {
		fmt.Println(e.ID, e.Schema, e.Name, e.Aliases)
	}

	_, err = watchlist.Load(ctx, "csv:testdata/csv/bad/schema.csv")
	var le *watchlist.LoadError
	if errors.As(err, &le) {
		fmt.Printf("%s line %d: %s\n", le.File, le.Line, le.Reason)
	}
	// Output:
	// firm: 5 entities, 5 aliases
	// F-1 Organization Acme Shell Holdings [{Acme Shell strong} {ACME HOLDINGS strong}]
	// F-2 Person DOE, Jane [{Jane Doe strong} {J. Doe strong}]
	// testdata/csv/bad/schema.csv line 7: schema "Persn" is not one of Person, Organization, Vessel, Aircraft
}
