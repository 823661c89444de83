package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

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
