package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/watchwire/watchwire/pkg/events"
)

// quillfeather is the line added to the e2e list while up runs.
const quillfeather = "e2e-4,\"QUILLFEATHER, Odette Marie\",Person,,E2E-PROG\n"

// TestUpScreensTheRetainedFeedForANameAddedToTheListFile is the issue's
// check from outside: `watchwire up --watchlist csv:FILE`, then FILE edited.
func TestUpScreensTheRetainedFeedForANameAddedToTheListFile(t *testing.T) {
	kcat := kcatIfPresent(t)
	list := writeList(t)
	r := startUp(t, t.TempDir(), "--watchlist", "csv:"+list)
	older := []map[string]any{
		article("wl-q1", "Shipping heiress buys stake", "Odette Marie Quillfeather bought a stake in a tanker operator on Monday."),
		article("wl-q2", "Board changes", "The board named Odette Marie Quillfeather its chair, the company said."),
	}
	r.post(t, http.StatusAccepted, append(older,
		article("wl-t1", "Quills and feathers", "A quill and a feather lay on the desk of the museum's curator."),
		article("wl-n1", "Northwind Shipping Ltd fined", "Regulators fined Northwind Shipping Ltd for falsified cargo papers."))...)
	alerts := newAlertReader(t, r.addrs.Kafka, "watchlist-test")
	// The article naming a listed entity alerts; those naming her do not.
	if got := alerts.next(t, 1, 20*time.Second); got[0].ArticleID != "wl-n1" {
		t.Fatalf("first alert %s for %s, want the one for wl-n1", got[0].AlertID, got[0].ArticleID)
	}
	r.drained(t)

	appendLine(t, list, quillfeather)
	changed := time.Now()
	retro := alerts.next(t, len(older), 5*time.Second)
	t.Logf("retro alerts %v after the list file changed", time.Since(changed).Round(10*time.Millisecond))
	versionAdded := retro[0].VersionAdded
	var wantRetro []string
	for _, a := range older {
		wantRetro = append(wantRetro, events.RetroAlertID(a["id"].(string), "e2e-4", versionAdded))
	}
	slices.Sort(wantRetro)
	if got := ids(retro); !slices.Equal(got, wantRetro) {
		t.Errorf("retro alerts %v, want %v", got, wantRetro)
	}
	for _, a := range retro {
		if !a.Retro || !strings.HasPrefix(a.VersionAdded, "e2e@sha256:") || !strings.Contains(a.WatchlistVersion, a.VersionAdded) {
			t.Errorf("retro alert %s: retro %v, version_added %q, watchlist_version %q", a.AlertID, a.Retro, a.VersionAdded, a.WatchlistVersion)
		}
	}
	eventually(t, "up to print the retro alerts", func() bool {
		return strings.Count(r.out.String(), "(retro: added by "+versionAdded[:len("e2e@sha256:")+12]+")") == len(older)
	})

	// A new article naming her raises a live alert.
	r.post(t, http.StatusAccepted, article("wl-q3", "Chair speaks", "Odette Marie Quillfeather said the company would grow."))
	live := alerts.next(t, 1, 10*time.Second)[0]
	if live.Retro || live.AlertID != events.AlertID("wl-q3", "e2e-4") || !strings.Contains(live.WatchlistVersion, versionAdded) {
		t.Errorf("live alert %+v, want a live one for wl-q3 with %s", live, versionAdded)
	}

	// Garbage in FILE changes nothing but the metrics.
	if err := os.WriteFile(list, []byte("\x00\x01 not a list\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.checkMetrics(t, map[string]float64{`watchwire_watchlist_refresh_failures_total{list="e2e",reason="parse"}`: 1})
	r.post(t, http.StatusAccepted, article("wl-q4", "Chair travels", "Odette Marie Quillfeather flew to Oslo."))
	after := alerts.next(t, 1, 10*time.Second)[0]
	if after.Retro || after.ArticleID != "wl-q4" || after.WatchlistVersion != live.WatchlistVersion {
		t.Errorf("alert after the garbage %+v, want a live one for wl-q4 with %s", after, live.WatchlistVersion)
	}
	r.drained(t)
	alerts.none(t, time.Second)

	// Read back from the start, each alert is there once.
	want := append([]string{events.AlertID("wl-n1", "e2e-1"), live.AlertID, after.AlertID}, wantRetro...)
	slices.Sort(want)
	if got := ids(readAll(t, r.addrs.Kafka, len(want))); !slices.Equal(got, want) {
		t.Errorf("the topic holds %v, want each of %v once", got, want)
	}
	if kcat != "" {
		if got := readKcatAll(t, kcat, r.addrs.Kafka); !slices.Equal(got, want) {
			t.Errorf("kcat read %v, want each of %v once", got, want)
		}
	}
	m := scrape(t, "http://"+r.addrs.HTTP+"/metrics")
	if m[`watchwire_retro_articles_total{result="match"}`] != float64(len(older)) || m[`watchwire_retro_alerts_total`] != float64(len(older)) {
		t.Errorf("retro metrics: articles matched %v, alerts %v; want %d each",
			m[`watchwire_retro_articles_total{result="match"}`], m[`watchwire_retro_alerts_total`], len(older))
	}
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(line); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// alertReader reads the alerts topic in a consumer group of its own, from
// the start, as a downstream consumer would.
type alertReader struct {
	r *kafka.Reader
}

func newAlertReader(t *testing.T, brokers []string, group string) *alertReader {
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: brokers, GroupID: group, Topic: events.TopicAlerts,
		StartOffset: kafka.FirstOffset, MaxWait: 50 * time.Millisecond,
	})
	t.Cleanup(func() { r.Close() })
	return &alertReader{r: r}
}

// next returns the next n alerts, sorted by id, or fails after within.
func (a *alertReader) next(t *testing.T, n int, within time.Duration) []events.Alert {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), within)
	defer cancel()
	var out []events.Alert
	for len(out) < n {
		m, err := a.r.FetchMessage(ctx)
		if err != nil {
			t.Fatalf("read %d of %d alerts within %v: %v", len(out), n, within, err)
		}
		out = append(out, decodeAlert(t, m))
		if err := a.r.CommitMessages(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	slices.SortFunc(out, func(x, y events.Alert) int { return strings.Compare(x.AlertID, y.AlertID) })
	return out
}

// none checks that no alert arrives for d.
func (a *alertReader) none(t *testing.T, d time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	defer cancel()
	if m, err := a.r.FetchMessage(ctx); err == nil {
		t.Errorf("unexpected alert %s", decodeAlert(t, m).AlertID)
	}
}

func decodeAlert(t *testing.T, m kafka.Message) events.Alert {
	t.Helper()
	var headers []string
	for _, h := range m.Headers {
		headers = append(headers, h.Key, string(h.Value))
	}
	checkRecord(t, string(m.Key), m.Value, headers)
	var a events.Alert
	if err := json.Unmarshal(m.Value, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// readAll reads the whole topic in a new consumer group: at least n
// records, and any that follow within a second. It returns every record.
func readAll(t *testing.T, brokers []string, n int) []events.Alert {
	t.Helper()
	r := newAlertReader(t, brokers, "read-all")
	out := r.next(t, n, 20*time.Second)
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	for {
		m, err := r.r.FetchMessage(ctx)
		if err != nil {
			return out
		}
		out = append(out, decodeAlert(t, m))
	}
}

func ids(alerts []events.Alert) []string {
	var out []string
	for _, a := range alerts {
		out = append(out, a.AlertID)
	}
	slices.Sort(out)
	return out
}

// kcatIfPresent finds kcat for an extra, independent read; without it
// that read is left out, except in CI, where kcat must be installed.
func kcatIfPresent(t *testing.T) string {
	t.Helper()
	if os.Getenv("CI") == "true" {
		return kcatPath(t)
	}
	p, err := exec.LookPath("kcat")
	if err != nil {
		t.Log("kcat not found: the topic is read back with kafka-go only")
		return ""
	}
	return p
}

// A name added to FILE while up is down is screened for at the next start,
// and a later restart repeats nothing.
func TestUpRetroScreensANameAddedWhileItWasDownOnceAcrossRestarts(t *testing.T) {
	dir, list := t.TempDir(), writeList(t)
	older := []map[string]any{
		article("wl-d1", "Heiress in talks", "Odette Marie Quillfeather is in talks to buy a shipyard."),
		article("wl-d2", "Shipyard sold", "The shipyard was sold to Odette Marie Quillfeather for an undisclosed sum."),
	}
	first := startUp(t, dir, "--watchlist", "csv:"+list)
	first.post(t, http.StatusAccepted, older...)
	first.drained(t)
	first.stop(t)

	appendLine(t, list, quillfeather)
	second := startUp(t, dir, "--watchlist", "csv:"+list)
	retro := newAlertReader(t, second.addrs.Kafka, "watchlist-restarts").next(t, len(older), 10*time.Second)
	var want []string
	for _, a := range older {
		want = append(want, events.RetroAlertID(a["id"].(string), "e2e-4", retro[0].VersionAdded))
	}
	slices.Sort(want)
	if got := ids(retro); !slices.Equal(got, want) {
		t.Errorf("retro alerts after the restart %v, want %v", got, want)
	}
	second.drained(t)
	second.stop(t)

	third := startUp(t, dir, "--watchlist", "csv:"+list)
	third.drained(t)
	if got := ids(readAll(t, third.addrs.Kafka, len(want))); !slices.Equal(got, want) {
		t.Errorf("after another restart the topic holds %v, want each of %v once", got, want)
	}
}

// TestUpThatFailsToStartLeavesNoDownload: `watchwire up` with a list at a
// URL and a broken rules file refuses to start, names the rules file, and
// leaves nothing of the list in the temporary directory.
func TestUpThatFailsToStartLeavesNoDownload(t *testing.T) {
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(e2eList))
	}))
	t.Cleanup(web.Close)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	rules := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(rules, []byte(`{"rules": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--http", "127.0.0.1:0", "--nats-port", "-1", "--kafka-port", "0", "--data-dir", t.TempDir(), "--log-level", "error",
		"--watchlist", "csv:" + web.URL + "/e2e.csv", "--rules", rules}
	cfg, err := parseUpFlags(args, io.Discard)
	if err != nil {
		t.Fatalf("parseUpFlags(%q): %v", args, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err = up(ctx, cfg, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), rules) {
		t.Fatalf("up with a broken rules file: %v, want an error naming %s", err, rules)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left in the temporary directory: %s", e.Name())
	}
}
