package refresh_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/refresh"
)

func TestFileChanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "firm.csv")
	writeFile(t, path, firmCSV(3))
	other := filepath.Join(dir, "pep.csv")
	writeFile(t, other, firmCSV(1))
	h := start(t, []string{"csv:" + path, "csv:" + other}, fast())
	v1 := h.r.Current()[0]

	writeFile(t, path, firmCSV(3, "p9,Ivan PETROV,Person,Vanya Petrov,WATCH"))
	d := h.next(t)
	if len(d.lists) != 2 || d.lists[0].Name != "firm" || d.lists[1].Name != "pep" {
		t.Fatalf("want the whole set firm, pep in spec order, got %v", d.lists)
	}
	v2 := d.lists[0]
	if v2.Version == v1.Version || len(v2.Entities) != 4 {
		t.Errorf("new version %s with %d entities, want a new version with 4", v2.Version, len(v2.Entities))
	}
	if !d.changes[1].Empty() || d.changes[1].OldVersion != d.changes[1].NewVersion {
		t.Errorf("pep did not change, got %+v", d.changes[1])
	}
	names := d.changes[0].AddedNames()
	if len(names) != 1 || !reflect.DeepEqual(names[0].Names, []string{"Ivan PETROV", "Vanya Petrov"}) {
		t.Errorf("AddedNames = %+v, want Ivan PETROV and his alias", names)
	}
	if cur := h.r.Current(); cur[0] != v2 || cur[1] != d.lists[1] {
		t.Errorf("Current() is not the delivered set")
	}
	h.waitMetric(t, 1, "watchwire_watchlist_refresh_total", "list", "firm", "result", "updated")
	for _, m := range []struct {
		want   float64
		name   string
		labels []string
	}{
		{1, "watchwire_watchlist_info", []string{"list", "firm", "version", v2.Version}},
		{-1, "watchwire_watchlist_info", []string{"list", "firm", "version", v1.Version}},
		{4, "watchwire_watchlist_entities", []string{"list", "firm"}},
		{0, "watchwire_watchlist_refresh_total", []string{"list", "pep", "result", "updated"}},
	} {
		if got := h.metric(t, m.name, m.labels...); got != m.want {
			t.Errorf("%s%v = %v, want %v", m.name, m.labels, got, m.want)
		}
	}
	if got := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm"); got < float64(v2.LoadedAt.Unix()) {
		t.Errorf("last load %v is before the new version was loaded (%v)", got, v2.LoadedAt.Unix())
	}
}

func TestFileTouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firm.csv")
	writeFile(t, path, firmCSV(3))
	h := start(t, []string{"csv:" + path}, fast())
	v1 := h.r.Current()[0]

	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	h.waitMetric(t, 1, "watchwire_watchlist_refresh_total", "list", "firm", "result", "unchanged")
	h.none(t)
	if h.r.Current()[0] != v1 {
		t.Error("Current() changed after a touch")
	}
}

func TestFileRefused(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, path string)
		reason string
	}{
		{"truncated to garbage", func(t *testing.T, path string) { writeFile(t, path, "\x00\x17garbage") }, "parse"},
		{"cut mid-row", func(t *testing.T, path string) { writeFile(t, path, firmCSV(10)[:60]+`"unterminated`) }, "parse"},
		{"header only", func(t *testing.T, path string) { writeFile(t, path, firmCSV(0)) }, "empty"},
		{"lost 30% of its entries", func(t *testing.T, path string) { writeFile(t, path, firmCSV(7)) }, "shrink"},
		{"removed", func(t *testing.T, path string) { os.Remove(path) }, "fetch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "firm.csv")
			writeFile(t, path, firmCSV(10))
			h := start(t, []string{"csv:" + path}, fast())
			v1 := h.r.Current()[0]
			h.waitMetric(t, 0, "watchwire_watchlist_refresh_failures_total", "list", "firm", "reason", tt.reason)

			tt.change(t, path)
			h.waitMetric(t, 1, "watchwire_watchlist_refresh_failures_total", "list", "firm", "reason", tt.reason)
			lastLoad := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm")
			time.Sleep(20 * fast().FilePoll) // polls that must change nothing
			h.none(t)
			if h.r.Current()[0] != v1 {
				t.Error("Current() changed after a refused refresh")
			}
			for _, m := range []struct {
				want   float64
				name   string
				labels []string
			}{
				{lastLoad, "watchwire_watchlist_last_load_timestamp_seconds", []string{"list", "firm"}},
				{1, "watchwire_watchlist_refresh_total", []string{"list", "firm", "result", "failed"}},
				{1, "watchwire_watchlist_refresh_failures_total", []string{"list", "firm", "reason", tt.reason}},
				{1, "watchwire_watchlist_info", []string{"list", "firm", "version", v1.Version}},
				{10, "watchwire_watchlist_entities", []string{"list", "firm"}},
			} {
				if got := h.metric(t, m.name, m.labels...); got != m.want {
					t.Errorf("%s%v = %v, want %v", m.name, m.labels, got, m.want)
				}
			}

			// A good file again is taken.
			writeFile(t, path, firmCSV(9))
			if d := h.next(t); len(d.lists[0].Entities) != 9 {
				t.Errorf("after the refusal, got %d entities, want 9", len(d.lists[0].Entities))
			}
		})
	}
}

func TestFileOFACDir(t *testing.T) {
	dir := t.TempDir()
	files := ofacFiles(2)
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	h := start(t, []string{"ofac:" + dir}, fast())
	if got := len(h.r.Current()[0].Entities); got != 2 {
		t.Fatalf("loaded %d entries, want 2", got)
	}
	writeFile(t, filepath.Join(dir, "alt.csv"), files["alt.csv"]+"2,2,\"aka\",\"BETA SHIPPING\",-0- \n")
	d := h.next(t)
	if c := d.changes[0]; c.Counts.Changed != 1 || c.Counts.NamesAdded != 1 {
		t.Errorf("want one entry with one new alias, got %+v", c.Counts)
	}
}

// ofacFiles are OFAC's three files with n entries.
func ofacFiles(n int) map[string]string {
	files := map[string]string{}
	for i := 1; i <= n; i++ {
		files["sdn.csv"] += fmtRow(`%d,"COMPANY %d",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `, i, i)
		files["alt.csv"] += fmtRow(`%d,%d,"aka","COMPANY %d LTD",-0- `, i, i, i)
		files["add.csv"] += fmtRow(`%d,%d,-0- ,-0- ,"Syria",-0- `, i, i)
	}
	return files
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "firm.csv")
	writeFile(t, good, firmCSV(2))
	bad := filepath.Join(dir, "bad.csv")
	writeFile(t, bad, "garbage")
	twin := filepath.Join(dir, "sub", "firm.csv")
	os.Mkdir(filepath.Dir(twin), 0o755)
	writeFile(t, twin, firmCSV(1))
	tests := []struct {
		name  string
		specs []string
		opts  refresh.Options
	}{
		{"no specs", nil, refresh.Options{}},
		{"first load fails", []string{"csv:" + good, "csv:" + bad}, refresh.Options{}},
		{"missing file", []string{"csv:" + filepath.Join(dir, "none.csv")}, refresh.Options{}},
		{"same name twice", []string{"csv:" + good, "csv:" + twin}, refresh.Options{}},
		{"csv URL without a file name", []string{"csv:https://example.com/"}, refresh.Options{}},
		{"unknown kind", []string{"xls:https://example.com/x.xls"}, refresh.Options{}},
		{"negative interval", []string{"csv:" + good}, refresh.Options{FilePoll: -time.Second}},
		{"shrink over 1", []string{"csv:" + good}, refresh.Options{MaxShrink: 1.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := refresh.New(t.Context(), tt.specs, tt.opts, nil, nil)
			if err == nil {
				t.Fatalf("New succeeded with %d lists", len(r.Current()))
			}
			t.Log(err)
		})
	}
}

func TestRunTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "firm.csv")
	writeFile(t, path, firmCSV(2))
	h := start(t, []string{"csv:" + path}, fast())
	// Run is running once it has polled: each poll of an unchanged file
	// moves the last load time.
	loaded := h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm")
	deadline := time.Now().Add(10 * time.Second)
	for h.metric(t, "watchwire_watchlist_last_load_timestamp_seconds", "list", "firm") == loaded {
		if time.Now().After(deadline) {
			t.Fatal("Run does not poll")
		}
		time.Sleep(time.Millisecond)
	}
	if err := h.r.Run(t.Context(), nil); err == nil {
		t.Error("a second Run ran")
	}
}

func fmtRow(format string, args ...any) string { return fmt.Sprintf(format, args...) + "\r\n" }
