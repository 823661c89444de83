package refresh_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
)

// TestMetricsFirstLoad checks the series a first load creates: every
// result and reason at 0, so that rate() sees the first increment.
func TestMetricsFirstLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firm.csv")
	writeFile(t, path, firmCSV(2))
	reg := prometheus.NewRegistry()
	m, err := refresh.NewMetrics(reg, refresh.MetricsOptions{Entities: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := refresh.New(t.Context(), []string{"csv:" + path}, refresh.Options{}, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `
# HELP watchwire_watchlist_entities Entities in each watchlist in use, by list.
# TYPE watchwire_watchlist_entities gauge
watchwire_watchlist_entities{list="firm"} 2
# HELP watchwire_watchlist_info The version of each watchlist in use: 1 for that version only.
# TYPE watchwire_watchlist_info gauge
watchwire_watchlist_info{list="firm",version="` + r.Current()[0].Version + `"} 1
# HELP watchwire_watchlist_refresh_failures_total Failed watchlist refreshes, by list and reason: fetch (unreachable, HTTP error, cut short), parse (not a valid list), shrink (lost too many entries), empty (no entries).
# TYPE watchwire_watchlist_refresh_failures_total counter
watchwire_watchlist_refresh_failures_total{list="firm",reason="empty"} 0
watchwire_watchlist_refresh_failures_total{list="firm",reason="fetch"} 0
watchwire_watchlist_refresh_failures_total{list="firm",reason="parse"} 0
watchwire_watchlist_refresh_failures_total{list="firm",reason="shrink"} 0
# HELP watchwire_watchlist_refresh_total Watchlist refreshes, by list and result: updated (a new version is in use), unchanged, or failed (the current version is kept).
# TYPE watchwire_watchlist_refresh_total counter
watchwire_watchlist_refresh_total{list="firm",result="failed"} 0
watchwire_watchlist_refresh_total{list="firm",result="unchanged"} 0
watchwire_watchlist_refresh_total{list="firm",result="updated"} 0
`
	names := []string{"watchwire_watchlist_entities", "watchwire_watchlist_info", "watchwire_watchlist_refresh_failures_total", "watchwire_watchlist_refresh_total"}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), names...); err != nil {
		t.Error(err)
	}
	if n, err := testutil.GatherAndCount(reg, "watchwire_watchlist_last_load_timestamp_seconds"); err != nil || n != 1 {
		t.Errorf("%d last load series (%v), want 1", n, err)
	}
}

// TestMetricsBesideTagger checks that without Entities the metrics
// leave watchwire_watchlist_entities to another part, as the tagger
// registers it, and that a registry takes one set of metrics.
func TestMetricsBesideTagger(t *testing.T) {
	reg := prometheus.NewRegistry()
	if _, err := refresh.NewMetrics(reg, refresh.MetricsOptions{}); err != nil {
		t.Fatal(err)
	}
	taggers := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "watchwire_watchlist_entities", Help: "Entities in each watchlist in use, by list."}, []string{"list"})
	if err := reg.Register(taggers); err != nil {
		t.Errorf("the tagger's gauge: %v", err)
	}
	if _, err := refresh.NewMetrics(reg, refresh.MetricsOptions{}); err == nil {
		t.Error("a second set of metrics on one registry was registered")
	}
}
