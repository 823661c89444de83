package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform/natstest"
)

// newsCount is the number of articles on NEWS.
func newsCount(t *testing.T, js jetstream.JetStream) uint64 {
	t.Helper()
	s, err := js.Stream(context.Background(), events.StreamNews)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

func TestIngest(t *testing.T) {
	srv := natstest.Start(t)
	_, js := natstest.Connect(t, srv)
	file := filepath.Join(t.TempDir(), "articles.jsonl")
	lines := `{"id": "r-1", "source": "replay wire", "title": "Harbour reopens", "body": "Ships queued.", "published_at": "2024-07-16"}
{"id": "r-2", "title": "No source given", "body": "Uses --source."}

{"id": "r-1", "source": "replay wire", "title": "Harbour reopens", "body": "Ships queued."}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		stdin   string
		wantOut string
		wantErr string
		wantN   uint64
	}{
		{"file", []string{"--source", "backfill", file}, "", "4 lines: 2 accepted, 1 duplicates, 0 skipped", "", 2},
		{"again: all duplicates", []string{"--source", "backfill", file}, "", "4 lines: 0 accepted, 3 duplicates, 0 skipped", "", 2},
		{"stdin, bad line 2 stops", []string{"-"}, `{"id": "s-1", "source": "x", "title": "ok"}` + "\n" + `{"id": "s-2", "source": "x"}` + "\n" + `{"id": "s-3", "source": "x", "title": "never"}`,
			"2 lines: 1 accepted, 0 duplicates, 0 skipped", "-: line 2: title: title and body are both empty", 3},
		{"skip invalid", []string{"--skip-invalid", "-"}, `{"id": "s-2", "source": "x"}` + "\n" + `{"id": "s-3", "source": "x", "title": "now"}`,
			"2 lines: 1 accepted, 0 duplicates, 1 skipped", "", 4},
		{"no file", nil, "", "", "usage", 4},
		{"missing file", []string{filepath.Join(t.TempDir(), "none.jsonl")}, "", "", "no such file", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"--nats-url", srv.ClientURL()}, tc.args...)
			err := runIngest(context.Background(), args, strings.NewReader(tc.stdin), &stdout, &stderr)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Errorf("error %v (stderr %s)", err, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.wantOut) {
				t.Errorf("stdout %q, want %q", stdout.String(), tc.wantOut)
			}
			if n := newsCount(t, js); n != tc.wantN {
				t.Errorf("NEWS holds %d articles, want %d", n, tc.wantN)
			}
		})
	}
}

// TestIngestNewsCorpus replays the shared corpus of real articles (whose
// source is a free-text label and published_at a bare date): every line
// must go in, and a second replay must add nothing.
func TestIngestNewsCorpus(t *testing.T) {
	file := filepath.Join("..", "..", "..", "shared", "data", "news", "articles.jsonl")
	if _, err := os.Stat(file); err != nil {
		t.Skipf("shared news corpus not found: %v", err)
	}
	srv := natstest.Start(t)
	_, js := natstest.Connect(t, srv)
	for i, want := range []string{"2959 lines: 2959 accepted, 0 duplicates, 0 skipped", "2959 lines: 0 accepted, 2959 duplicates, 0 skipped"} {
		var stdout, stderr bytes.Buffer
		if err := runIngest(context.Background(), []string{"--nats-url", srv.ClientURL(), file}, nil, &stdout, &stderr); err != nil {
			t.Fatalf("replay %d: %v (%s)", i+1, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("replay %d: %q, want %q", i+1, stdout.String(), want)
		}
	}
	if n := newsCount(t, js); n != 2959 {
		t.Errorf("NEWS holds %d articles, want 2959", n)
	}
}
