package refresh_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// firmCSV is a firm's list of n people, ids p1..pn, with extra rows after.
func firmCSV(n int, extra ...string) string {
	var b strings.Builder
	b.WriteString("id,name,schema,aliases,programs\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "p%d,Person Number%d,Person,,WATCH\n", i, i)
	}
	for _, row := range extra {
		b.WriteString(row + "\n")
	}
	return b.String()
}

// writeFile replaces the file at path at once, as a careful writer does,
// so that no poll sees it half-written.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// fast are options that poll often enough for tests.
func fast() refresh.Options {
	return refresh.Options{FilePoll: 5 * time.Millisecond, URLPoll: 10 * time.Millisecond, RetryMin: 5 * time.Millisecond}
}

// harness is a Refresher running in a test, with its metrics' registry
// and the updates it delivered.
type harness struct {
	r       *refresh.Refresher
	reg     *prometheus.Registry
	updates chan delivered
}

type delivered struct {
	lists   []*watchlist.List
	changes []watchlist.Changes
}

// start builds a Refresher over specs and runs it until the test ends.
func start(t *testing.T, specs []string, opts refresh.Options) *harness {
	t.Helper()
	reg := prometheus.NewRegistry()
	m, err := refresh.NewMetrics(reg, refresh.MetricsOptions{Entities: true})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	r, err := refresh.New(t.Context(), specs, opts, m, log)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{r: r, reg: reg, updates: make(chan delivered, 16)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- r.Run(ctx, func(lists []*watchlist.List, changes []watchlist.Changes) {
			h.updates <- delivered{lists, changes}
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		r.Close()
	})
	return h
}

// next waits for the next update.
func (h *harness) next(t *testing.T) delivered {
	t.Helper()
	select {
	case d := <-h.updates:
		return d
	case <-time.After(10 * time.Second):
		t.Fatal("no update within 10 s")
		return delivered{}
	}
}

// none checks that no update was delivered.
func (h *harness) none(t *testing.T) {
	t.Helper()
	select {
	case d := <-h.updates:
		t.Fatalf("unexpected update to %s", d.lists[0].Version)
	default:
	}
}

// metric returns the value of the series name{labels} (pairs of label
// name and value), or -1 when there is no such series.
func (h *harness) metric(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	mfs, err := h.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.GetMetric() {
			got := map[string]string{}
			for _, lp := range m.GetLabel() {
				got[lp.GetName()] = lp.GetValue()
			}
			for i := 0; i < len(labels); i += 2 {
				if got[labels[i]] != labels[i+1] {
					continue series
				}
			}
			if m.GetCounter() != nil {
				return m.GetCounter().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return -1
}

// waitMetric waits until name{labels} has value want.
func (h *harness) waitMetric(t *testing.T, want float64, name string, labels ...string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := h.metric(t, name, labels...)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s%v = %v after 10 s, want %v", name, labels, got, want)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func gzipped(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
