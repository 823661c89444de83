package ingestor

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/events"
)

func TestDecoderDecode(t *testing.T) {
	d := Decoder{Now: testClock}
	tests := []struct {
		name    string
		in      string
		check   func(a events.Article) bool
		wantErr string
	}{
		{"date-only published_at", `{"id":"x","source":"s","title":"t","published_at":"2024-07-16"}`,
			func(a events.Article) bool { return a.PublishedAt.Equal(time.Date(2024, 7, 16, 0, 0, 0, 0, time.UTC)) }, ""},
		{"RFC 1123 published_at", `{"id":"x","source":"s","title":"t","published_at":"Tue, 16 Jul 2024 10:00:00 +0200"}`,
			func(a events.Article) bool { return a.PublishedAt.Equal(time.Date(2024, 7, 16, 8, 0, 0, 0, time.UTC)) }, ""},
		{"free-text source becomes a token", `{"id":"x","source":"new-news-latest (CNN articles, Jul-Aug 2024)","title":"t","path":"ignored"}`,
			func(a events.Article) bool { return a.Source == "new-news-latest-cnn-articles-jul-aug-2024" }, ""},
		{"id from url and title", `{"source":"s","title":"t","url":"https://x/1"}`,
			func(a events.Article) bool { return a.ID == events.ArticleID("s", "https://x/1", "t") }, ""},
		{"id from title and body", `{"source":"s","title":"t","body":"b"}`,
			func(a events.Article) bool { return a.ID == events.ArticleID("s", "t", "b") }, ""},
		{"ingested_at is the ingestor's", `{"id":"x","source":"s","title":"t","ingested_at":"2000-01-01T00:00:00Z"}`,
			func(a events.Article) bool { return a.IngestedAt.Equal(testClock()) && a.SchemaVersion == 1 }, ""},
		{"unknown major version", `{"schema_version":2,"id":"x","source":"s","title":"t"}`, nil, "schema_version: is 2, want 1"},
		{"wrong type", `{"id":7,"source":"s","title":"t"}`, nil, "invalid JSON"},
		{"huge escaped body", `{"id":"x","source":"s","body":"` + strings.Repeat(`\u0001`, 200000) + `"}`, nil, "article: encodes to"},
	}
	for _, tc := range tests {
		a, err := d.Decode([]byte(tc.in))
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !tc.check(a) {
			t.Errorf("%s: got %+v, %v", tc.name, a, err)
		}
	}
}

func TestDecodeLinesNamesTheLine(t *testing.T) {
	d := Decoder{Now: testClock, DefaultSource: "replay"}
	_, err := d.DecodeLines([]byte("{\"title\":\"a\"}\n\n{\"title\":\"\"}\n"), 10)
	var le *LineError
	if !errors.As(err, &le) || le.Line != 12 {
		t.Fatalf("error %v, want line 12", err)
	}
	as, err := d.DecodeLines([]byte("{\"title\":\"a\"}\r\n{\"title\":\"b\"}"), 1)
	if err != nil || len(as) != 2 || as[0].Source != "replay" {
		t.Errorf("DecodeLines = %+v, %v", as, err)
	}
}
