package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// screenCLI runs `watchwire screen` as a user would and returns its exit
// status, standard output and standard error.
func screenCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"screen"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

type result struct {
	ArticleID string `json:"article_id"`
	Matches   []struct {
		EntityID string  `json:"entity_id"`
		Score    float64 `json:"score"`
		Kind     string  `json:"kind"`
		Mentions []struct {
			Field      string `json:"field"`
			Start, End int
			Text       string `json:"text"`
		} `json:"mentions"`
	} `json:"matches"`
}

func decodeResults(t *testing.T, out string) []result {
	t.Helper()
	var rs []result
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("output line %q is not JSON: %v", line, err)
		}
		rs = append(rs, r)
	}
	return rs
}

func TestScreenFirmList(t *testing.T) {
	in := `{"id":"n1","title":"Shipping news","body":"Northwind Shipping Ltd. said on Monday that Arkady Volkov had resigned."}
{"id":"n2","title":"Weather","body":"A cold northwind blew across the port."}
`
	code, out, stderr := screenCLI(t, in, "--watchlist", "csv:testdata/firm.csv")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	rs := decodeResults(t, out)
	if len(rs) != 2 || rs[0].ArticleID != "n1" || rs[1].ArticleID != "n2" {
		t.Fatalf("want one result per article in input order, got %+v", rs)
	}
	got := map[string]bool{}
	for _, m := range rs[0].Matches {
		got[m.EntityID] = true
		for _, mn := range m.Mentions {
			body := "Northwind Shipping Ltd. said on Monday that Arkady Volkov had resigned."
			if mn.Field != "body" || body[mn.Start:mn.End] != mn.Text {
				t.Errorf("mention %+v does not point at its text", mn)
			}
		}
	}
	if !got["firm-1"] || !got["firm-2"] || len(got) != 2 {
		t.Errorf("n1: want firm-1 and firm-2, got %v", got)
	}
	if len(rs[1].Matches) != 0 {
		t.Errorf("n2: the word northwind is not the company, got %+v", rs[1].Matches)
	}
}

func TestScreenMalformedLines(t *testing.T) {
	in := "{\"id\":\"a\",\"body\":\"fine\"}\n{broken\n\n{\"body\":\"no id\"}\n{\"id\":\"b\",\"body\":\"fine too\"}\n"
	code, out, stderr := screenCLI(t, in, "--watchlist", "csv:testdata/firm.csv")
	if code != 1 {
		t.Errorf("exit %d, want 1 when a line failed", code)
	}
	rs := decodeResults(t, out)
	if len(rs) != 2 || rs[0].ArticleID != "a" || rs[1].ArticleID != "b" {
		t.Errorf("the good lines must still be screened, in order: %+v", rs)
	}
	for _, want := range []string{"line 2: not a JSON article", `line 4: the article has no "id"`, "2 of 4 input lines were malformed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestScreenBadWatchlist(t *testing.T) {
	code, _, stderr := screenCLI(t, "", "--watchlist", "csv:testdata/missing.csv")
	if code != 1 || !strings.Contains(stderr, "missing.csv") {
		t.Errorf("exit %d, stderr %q: want a failure naming the file", code, stderr)
	}
	code, _, stderr = screenCLI(t, "", "--min-score", "2")
	if code != 1 || !strings.Contains(stderr, "--min-score") {
		t.Errorf("exit %d, stderr %q: want the bad flag named", code, stderr)
	}
}

// TestScreenListFromAURL: a list may be given by URL, as the tagger takes
// it, and a server's refusal is named.
func TestScreenListFromAURL(t *testing.T) {
	firm, err := os.ReadFile("testdata/firm.csv")
	if err != nil {
		t.Fatal(err)
	}
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/firm.csv" {
			http.NotFound(w, r)
			return
		}
		w.Write(firm)
	}))
	t.Cleanup(web.Close)
	in := `{"id":"n1","title":"Shipping news","body":"Northwind Shipping Ltd. said on Monday that Arkady Volkov had resigned."}` + "\n"
	code, out, stderr := screenCLI(t, in, "--watchlist", "csv:"+web.URL+"/firm.csv")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if rs := decodeResults(t, out); len(rs) != 1 || len(rs[0].Matches) != 2 {
		t.Errorf("want n1 to name firm-1 and firm-2, got %+v", rs)
	}
	code, _, stderr = screenCLI(t, in, "--watchlist", "csv:"+web.URL+"/gone.csv")
	if code != 1 || !strings.Contains(stderr, "gone.csv") || !strings.Contains(stderr, "404") {
		t.Errorf("exit %d, stderr %q: want a failure naming the URL and the status", code, stderr)
	}
}

// TestScreenBundledOFAC screens against the real OFAC list that ships in
// data/ofac, in both output formats and with plain-text input.
func TestScreenBundledOFAC(t *testing.T) {
	in := `{"id":"r1","title":"KREMLIN","body":"Russian President Vladimir Putin met Kim Jong Un in Pyongyang."}` + "\n"
	code, out, stderr := screenCLI(t, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := map[string]bool{}
	for _, m := range decodeResults(t, out)[0].Matches {
		got[m.EntityID] = true
	}
	if !got["ofac-35096"] || !got["ofac-20157"] {
		t.Errorf("want PUTIN (ofac-35096) and KIM Jong Un (ofac-20157), got %v", got)
	}
	code, out, _ = screenCLI(t, in, "--format", "text")
	if code != 0 || !strings.Contains(out, "[[Vladimir Putin]]") || !strings.Contains(out, "ofac-35096") {
		t.Errorf("text format: want the mention marked in context, got:\n%s", out)
	}
	code, out, _ = screenCLI(t, "Hamas said its leader Ismail Haniyeh was killed in Tehran.", "--text", "--format", "text")
	if code != 0 || !strings.Contains(out, "[[Ismail Haniyeh]]") {
		t.Errorf("plain text input: got:\n%s", out)
	}
}
