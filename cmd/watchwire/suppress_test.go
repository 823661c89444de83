package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform/apitest"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

// suppressCLI runs `watchwire suppress ARGS` and returns its output.
func suppressCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := runSuppress(context.Background(), args, nil, &stdout, &stderr)
	return stdout.String() + stderr.String(), err
}

// listSuppressions runs `suppress list --json`.
func listSuppressions(t *testing.T, url string) []suppress.Suppression {
	t.Helper()
	out, err := suppressCLI(t, "list", "--json", "--nats-url", url)
	if err != nil {
		t.Fatalf("list: %v\n%s", err, out)
	}
	var list suppress.List
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	return list.Suppressions
}

func TestSuppressAddListRemove(t *testing.T) {
	url := natstest.Start(t).ClientURL()
	out, err := suppressCLI(t, "add", "--nats-url", url, "--entity", "vessel-star", "--phrase", "Star", "--who", "ana", "--why", "the word, not the vessel")
	if err != nil || !strings.HasPrefix(out, "added phrase.") {
		t.Fatalf("add = %v, %q; want added phrase.<key>", err, out)
	}
	again, err := suppressCLI(t, "add", "--nats-url", url, "--entity", "vessel-star", "--phrase", "STAR", "--who", "bo", "--why", "again", "--expires", "1h")
	if err != nil || strings.Fields(again)[1] != strings.Fields(out)[1] {
		t.Fatalf("the same add again = %v, %q; want the key of %q", err, again, out)
	}
	if _, err := suppressCLI(t, "add", "--source", "Example Wire", "--nats-url", url, "--entity", "org-blue", "--who", "ana", "--why", "the wire's name"); err != nil {
		t.Fatal(err)
	}

	all := listSuppressions(t, url)
	if len(all) != 2 || all[0].Who != "bo" || all[1].Source != "example-wire" {
		t.Fatalf("list = %+v; want the updated phrase suppression then the source one", all)
	}
	if d := time.Until(all[0].ExpiresAt); d < 59*time.Minute || d > time.Hour {
		t.Errorf("--expires 1h gave expires_at %v", all[0].ExpiresAt)
	}
	t.Setenv("WATCHWIRE_NATS_URL", url) // the flag's variable instead of the flag
	table, err := suppressCLI(t, "list")
	if err != nil || !strings.Contains(table, all[0].Key) || !strings.Contains(table, `"example-wire"`) {
		t.Errorf("list = %v, %q; want a table with both", err, table)
	}

	if out, err := suppressCLI(t, "remove", all[0].Key); err != nil || out != "removed "+all[0].Key+"\n" {
		t.Errorf("remove = %v, %q", err, out)
	}
	if _, err := suppressCLI(t, "remove", all[0].Key); err == nil || !strings.Contains(err.Error(), "no such suppression") {
		t.Errorf("remove again = %v, want no such suppression", err)
	}
	if rest := listSuppressions(t, url); len(rest) != 1 || rest[0].Key != all[1].Key {
		t.Errorf("list after remove = %+v, want only %s", rest, all[1].Key)
	}
}

func TestSuppressAddRejects(t *testing.T) {
	t.Setenv("WATCHWIRE_NATS_URL", natstest.Start(t).ClientURL())
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no who", []string{"--entity", "e-1", "--phrase", "star", "--why", "w"}, "--who: is required"},
		{"no target", []string{"--entity", "e-1", "--who", "ana", "--why", "w"}, "--article, --source or --phrase: one of --article, --source or --phrase is required"},
		{"two targets", []string{"--entity", "e-1", "--article", "a-1", "--source", "cnn", "--who", "ana", "--why", "w"}, "--source: only one of --article, --source or --phrase may be set, got --article and --source"},
		{"negative expiry", []string{"--entity", "e-1", "--phrase", "star", "--who", "ana", "--why", "w", "--expires", "-1h"}, "--expires: must be positive"},
		{"argument", []string{"--entity", "e-1", "--phrase", "star", "--who", "ana", "--why", "w", "extra"}, "usage"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := suppressCLI(t, append([]string{"add"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("add = %v (%q), want %q", err, out, tc.wantErr)
			}
		})
	}
}

// TestUpSuppressions: suppressions added through up's HTTP API and the
// CLI stop the alerts they cover, and a removed one stops nothing.
func TestUpSuppressions(t *testing.T) {
	a := newE2EArticles()
	r := startUp(t, t.TempDir(), "--watchlist", "csv:"+writeList(t))
	api := "http://" + r.addrs.HTTP + "/v1/suppressions"
	var phrase suppress.Suppression
	if code := apitest.Call(t, http.MethodPost, api, `{"entity_id": "e2e-1", "phrase": "northwind shipping ltd", "who": "ana", "why": "reviewed"}`, &phrase).StatusCode; code != http.StatusCreated {
		t.Fatalf("POST /v1/suppressions: %d, want 201", code)
	}
	var bad struct{ Field string }
	if code := apitest.Call(t, http.MethodPost, api, `{"entity_id": "e2e-1", "phrase": "x", "why": "no who"}`, &bad).StatusCode; code != http.StatusBadRequest || bad.Field != "who" {
		t.Errorf("POST without who: %d %+v, want 400 naming who", code, bad)
	}
	if out, err := suppressCLI(t, "add", "--nats-url", r.addrs.NATS, "--entity", "e2e-2", "--article", "e2e-h2", "--who", "bo", "--why", "another Volkov"); err != nil {
		t.Fatalf("suppress add: %v\n%s", err, out)
	}
	r.checkMetrics(t, map[string]float64{`watchwire_suppressions{kind="phrase"}`: 1, `watchwire_suppressions{kind="article"}`: 1})

	r.post(t, http.StatusAccepted, a.northwind, a.volkov, a.two)
	r.drained(t)
	if got, want := alertsOnKafka(t, r.addrs.Kafka), []string{events.AlertID("e2e-h3", "e2e-3")}; !slices.Equal(got, want) {
		t.Errorf("alerts = %v, want only %v", got, want)
	}
	r.checkMetrics(t, map[string]float64{
		`watchwire_alerts_suppressed_total{reason="phrase"}`:  2,
		`watchwire_alerts_suppressed_total{reason="article"}`: 1,
		`watchwire_alerts_suppressed_total{reason="source"}`:  0,
	})

	if code := apitest.Call(t, http.MethodDelete, api+"/"+phrase.Key, "", nil).StatusCode; code != http.StatusNoContent {
		t.Fatalf("DELETE: %d, want 204", code)
	}
	if code := apitest.Call(t, http.MethodDelete, api+"/"+phrase.Key, "", nil).StatusCode; code != http.StatusNotFound {
		t.Errorf("DELETE again: %d, want 404", code)
	}
	r.checkMetrics(t, map[string]float64{`watchwire_suppressions{kind="phrase"}`: 0})
	again := article("e2e-h4", "Northwind Shipping Ltd appeals", "Northwind Shipping Ltd said it would appeal.")
	r.post(t, http.StatusAccepted, again)
	r.drained(t)
	want := []string{events.AlertID("e2e-h3", "e2e-3"), events.AlertID("e2e-h4", "e2e-1")}
	slices.Sort(want)
	if got := alertsOnKafka(t, r.addrs.Kafka); !slices.Equal(got, want) {
		t.Errorf("alerts after the removal = %v, want %v", got, want)
	}
}

// alertsOnKafka reads every record of the alerts topic (its end offsets
// say how many there are) and returns their alert ids, sorted.
func alertsOnKafka(t *testing.T, brokers []string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var ids []string
	for p := range alertPartitions {
		conn, err := kafka.DialLeader(ctx, "tcp", brokers[0], events.TopicAlerts, p)
		if err != nil {
			t.Fatal(err)
		}
		last, err := conn.ReadLastOffset()
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		reader := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Topic: events.TopicAlerts, Partition: p, MaxWait: 50 * time.Millisecond})
		for range last {
			m, err := reader.ReadMessage(ctx)
			if err != nil {
				t.Fatalf("partition %d: %v", p, err)
			}
			var al events.Alert
			if err := json.Unmarshal(m.Value, &al); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, al.AlertID)
		}
		reader.Close()
	}
	slices.Sort(ids)
	return ids
}
