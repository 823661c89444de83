package deploy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// upPipeline is a running `watchwire up`: the whole pipeline in one
// process, on its embedded NATS and Kafka-protocol broker.
type upPipeline struct {
	bin     string // the watchwire binary
	base    string // http://127.0.0.1:PORT: the ingest API and /metrics
	natsURL string // its embedded NATS
}

// hasUp reports whether the watchwire binary has the up command.
func hasUp(bin string) bool {
	out, _ := exec.Command(bin, "help").CombinedOutput()
	return regexp.MustCompile(`(?m)^\s+up\s`).Match(out)
}

// startUp builds cmd/watchwire and runs `watchwire up` on free ports and a
// fresh data directory until the test ends. It skips when watchwire has no
// up command yet.
func startUp(t *testing.T) *upPipeline {
	t.Helper()
	root := repoRoot(t)
	bin := goBuild(t, "./cmd/watchwire")
	if !hasUp(bin) {
		t.Skip("`watchwire help` lists no up command (cmd/watchwire/up.go not there yet): there is no live /metrics to read")
	}
	httpPort, natsPort, kafkaPort := freePort(t), freePort(t), freePort(t)
	u := &upPipeline{
		bin:     bin,
		base:    "http://127.0.0.1:" + strconv.Itoa(httpPort),
		natsURL: "nats://127.0.0.1:" + strconv.Itoa(natsPort),
	}
	args := []string{"up",
		"--http", "127.0.0.1:" + strconv.Itoa(httpPort),
		"--nats-port", strconv.Itoa(natsPort),
		"--kafka-port", strconv.Itoa(kafkaPort),
		"--data-dir", t.TempDir(),
		"--watchlist", "ofac:" + filepath.Join(root, "data", "ofac"),
	}
	runProcess(t, root, bin, args...)
	waitFor(t, 60*time.Second, "watchwire up ready at "+u.base+"/readyz", func() bool {
		return httpStatus(u.base+"/readyz") == http.StatusOK
	})
	return u
}

// runProcess starts a program for the rest of the test: SIGTERM at cleanup
// (then SIGKILL after 20 s), its output shown if the test failed.
func runProcess(t *testing.T, dir, bin string, args ...string) {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("%s %s output:\n%s", filepath.Base(bin), strings.Join(args, " "), tail(out.String(), 4000))
		}
	})
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// waitFor polls cond every 200 ms until it holds, failing the test after
// timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", timeout, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func httpStatus(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// article is one line of a POST /v1/articles batch.
type article struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Title       string `json:"title"`
	Body        string `json:"body"`
	PublishedAt string `json:"published_at"`
}

// listedArticles are articles naming people on the OFAC SDN list, written
// for these tests; tag makes their ids unique.
func listedArticles(tag string) []article {
	bodies := []string{
		"Russian President Vladimir Putin met his security council on Tuesday to discuss grain exports, the Kremlin said.",
		"Hamas leader Ismail Haniyeh held talks with Egyptian mediators in Cairo about a possible truce.",
		"North Korean leader Kim Jong Un watched a missile test from an observation post, state media reported.",
	}
	var out []article
	for i, b := range bodies {
		out = append(out, article{
			ID: fmt.Sprintf("deploy-%s-%d", tag, i), Source: "deploytest",
			Title: fmt.Sprintf("Listed names, batch %s, story %d", tag, i), Body: b, PublishedAt: "2026-01-05",
		})
	}
	return out
}

// post pushes articles as one NDJSON batch and returns how many were
// accepted and how many were duplicates.
func (u *upPipeline) post(t *testing.T, arts []article) (accepted, duplicates int) {
	t.Helper()
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.Post(u.base+"/v1/articles", "application/x-ndjson", &body)
	if err != nil {
		t.Fatalf("POST /v1/articles: %v", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("POST /v1/articles: %s: %s", resp.Status, data)
	}
	var res struct{ Accepted, Duplicates int }
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("POST /v1/articles: %v: %s", err, data)
	}
	return res.Accepted, res.Duplicates
}

// scrape returns the text of a /metrics endpoint and its metric families.
func scrape(t *testing.T, url string) (string, map[string]*dto.MetricFamily) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %v %v", url, resp.Status, err)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not the Prometheus text format: %v", url, err)
	}
	return string(data), fams
}

// exports reports whether a metric name is one of fams: a family, or a
// histogram's _bucket, _sum or _count series (a summary's _sum, _count).
func exports(fams map[string]*dto.MetricFamily, name string) bool {
	if _, ok := fams[name]; ok {
		return true
	}
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		base, ok := strings.CutSuffix(name, suffix)
		if !ok {
			continue
		}
		if f, ok := fams[base]; ok {
			switch f.GetType() {
			case dto.MetricType_HISTOGRAM:
				return true
			case dto.MetricType_SUMMARY:
				return suffix != "_bucket"
			}
		}
	}
	return false
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
