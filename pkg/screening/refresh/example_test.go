package refresh_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// A firm's list file gains an entry while the Refresher runs: the
// callback gets the new set of lists and the names to look for again.
func ExampleRefresher() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "firm.csv")
	const v1 = "id,name,schema,aliases\nf1,Northwind Shipping,Organization,NW Shipping\n"
	os.WriteFile(path, []byte(v1), 0o644)

	reg := prometheus.NewRegistry()
	metrics, err := refresh.NewMetrics(reg, refresh.MetricsOptions{Entities: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	r, err := refresh.New(ctx, []string{"csv:" + path}, refresh.Options{FilePoll: 10 * time.Millisecond}, metrics, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("in use:", r.Current()[0].Name, len(r.Current()[0].Entities), "entries")
	done := make(chan error)
	go func() {
		done <- r.Run(ctx, func(lists []*watchlist.List, changes []watchlist.Changes) {
			fmt.Println("in use:", lists[0].Name, len(lists[0].Entities), "entries")
			for _, en := range changes[0].AddedNames() {
				fmt.Println("look again for", en.Entity.ID, en.Names)
			}
			stop()
		})
	}()
	os.WriteFile(path, []byte(v1+"f2,Sea Lark,Vessel,\n"), 0o644)
	fmt.Println(<-done)
	// Output:
	// in use: firm 1 entries
	// in use: firm 2 entries
	// look again for f2 [Sea Lark]
	// <nil>
}
