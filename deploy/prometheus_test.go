package deploy_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/prometheus/promql/parser"
	"go.yaml.in/yaml/v3"

	"github.com/watchwire/watchwire/pkg/events"
)

// A real Prometheus (Debian's) scrapes `watchwire up` every second with the
// shipped rules loaded: the alert rate of pushed articles is read back
// through its HTTP API, and a stalled pipeline (the tagger's consumer
// paused while articles keep coming) fires WatchwirePipelineStalled, from a
// copy of the shipped rule with its 10-minute windows cut to 10 seconds.
func TestPrometheusScrapesWatchwireUp(t *testing.T) {
	promBin := needProgram(t, "prometheus", "prometheus")
	u := startUp(t)
	prom := startPrometheus(t, promBin, strings.TrimPrefix(u.base, "http://"))

	// Every shipped rule loads and evaluates without error.
	rules := prom.rules(t)
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if h, ok := rules[r.Alert+r.Record]; !ok || h != "ok" {
				t.Errorf("rule %s%s in the real Prometheus: loaded %v, health %q", r.Alert, r.Record, ok, h)
			}
		}
	}

	// The counter's series exists once the first alerts are out; a second
	// batch then shows as a rate.
	u.post(t, listedArticles("first"))
	waitFor(t, 30*time.Second, "Prometheus to scrape watchwire_alerts_total", func() bool {
		return len(prom.query(t, "watchwire_alerts_total")) > 0
	})
	u.post(t, listedArticles("second"))
	var rate float64
	waitFor(t, 20*time.Second, "a positive alert rate in Prometheus", func() bool {
		for _, s := range prom.query(t, "sum(rate(watchwire_alerts_total[1m]))") {
			rate = s.value
		}
		return rate > 0
	})
	t.Logf("alert rate read back from Prometheus: %.3f/s", rate)

	// Stall the tagger: its consumer paused, articles keep coming.
	nc, err := nats.Connect(u.natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.PauseConsumer(context.Background(), events.StreamNews, events.ConsumerTagger, time.Now().Add(5*time.Minute)); err != nil {
		t.Fatalf("pause the tagger's consumer: %v", err)
	}
	probe := 0
	waitFor(t, 40*time.Second, "WatchwirePipelineStalled to fire", func() bool {
		probe++
		u.post(t, []article{{ID: fmt.Sprintf("deploy-stall-%d", probe), Source: "deploytest",
			Title: fmt.Sprintf("Stall probe %d", probe), Body: "A quiet day at the harbour.", PublishedAt: "2026-01-05"}})
		return prom.firing(t, "WatchwirePipelineStalled")
	})
}

// prometheusAPI is a running Prometheus's HTTP API.
type prometheusAPI struct{ base string }

// startPrometheus runs Prometheus scraping target every second, with the
// shipped rules and the test's stall rule, until the test ends.
func startPrometheus(t *testing.T, bin, target string) prometheusAPI {
	t.Helper()
	dir := t.TempDir()
	testRules := filepath.Join(dir, "stall.rules.yml")
	out, err := yaml.Marshal(rulesFile{Groups: []ruleGroup{{Name: "watchwire-test", Rules: []rule{shortStallRule(t)}}}})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, testRules, string(out))
	config := filepath.Join(dir, "prometheus.yml")
	writeFile(t, config, fmt.Sprintf(`global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - %q
  - %q
scrape_configs:
  - job_name: watchwire
    static_configs:
      - targets: [%q]
        labels:
          service: up
`, repoPath(t, "deploy/prometheus/rules/watchwire.rules.yml"), testRules, target))
	port := freePort(t)
	runProcess(t, dir, bin, "--config.file="+config, "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address=127.0.0.1:"+strconv.Itoa(port))
	api := prometheusAPI{base: "http://127.0.0.1:" + strconv.Itoa(port)}
	waitFor(t, 30*time.Second, "prometheus ready", func() bool { return httpStatus(api.base+"/-/ready") == http.StatusOK })
	return api
}

// shortStallRule is the shipped WatchwirePipelineStalled with every range
// cut to 10 s and no pending time, so that it fires within a test.
func shortStallRule(t *testing.T) rule {
	t.Helper()
	for _, g := range readRules(t).Groups {
		for _, r := range g.Rules {
			if r.Alert != "WatchwirePipelineStalled" {
				continue
			}
			expr, err := parsePromQL(r.Expr)
			if err != nil {
				t.Fatal(err)
			}
			parser.Inspect(expr, func(n parser.Node, _ []parser.Node) error {
				if ms, ok := n.(*parser.MatrixSelector); ok {
					ms.Range = 10 * time.Second
				}
				return nil
			})
			r.Expr, r.For = expr.String(), "0s"
			return r
		}
	}
	t.Fatal("the rules have no WatchwirePipelineStalled")
	return rule{}
}

type sample struct {
	labels map[string]string
	value  float64
}

// get GETs an API path and decodes its data, failing the test on an error
// status.
func (p prometheusAPI) get(t *testing.T, path string, data any) {
	t.Helper()
	resp, err := http.Get(p.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	var body struct {
		Status string          `json:"status"`
		Error  string          `json:"error"`
		Data   json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.Status != "success" {
		t.Fatalf("GET %s: %s %v %s", path, resp.Status, err, body.Error)
	}
	if err := json.Unmarshal(body.Data, data); err != nil {
		t.Fatalf("GET %s: data: %v", path, err)
	}
}

// query runs an instant PromQL query.
func (p prometheusAPI) query(t *testing.T, q string) []sample {
	t.Helper()
	var data struct {
		Result []struct {
			Metric map[string]string `json:"metric"`
			Value  [2]any            `json:"value"`
		} `json:"result"`
	}
	p.get(t, "/api/v1/query?query="+url.QueryEscape(q), &data)
	var out []sample
	for _, r := range data.Result {
		s, _ := r.Value[1].(string)
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("query %s: value %v: %v", q, r.Value[1], err)
		}
		out = append(out, sample{r.Metric, v})
	}
	return out
}

// firing reports whether an alert of that name fires.
func (p prometheusAPI) firing(t *testing.T, name string) bool {
	t.Helper()
	var data struct {
		Alerts []struct {
			Labels map[string]string `json:"labels"`
			State  string            `json:"state"`
		} `json:"alerts"`
	}
	p.get(t, "/api/v1/alerts", &data)
	for _, a := range data.Alerts {
		if a.Labels["alertname"] == name && a.State == "firing" {
			return true
		}
	}
	return false
}

// rules returns the health ("ok", "err", "unknown") of every loaded rule by
// name, once each has been evaluated.
func (p prometheusAPI) rules(t *testing.T) map[string]string {
	t.Helper()
	var data struct {
		Groups []struct {
			Rules []struct {
				Name      string `json:"name"`
				Health    string `json:"health"`
				LastError string `json:"lastError"`
			} `json:"rules"`
		} `json:"groups"`
	}
	health := map[string]string{}
	waitFor(t, 20*time.Second, "every rule evaluated", func() bool {
		p.get(t, "/api/v1/rules", &data)
		clear(health)
		for _, g := range data.Groups {
			for _, r := range g.Rules {
				if r.Health == "unknown" {
					return false
				}
				if r.LastError != "" {
					t.Logf("rule %s: %s", r.Name, r.LastError)
				}
				health[r.Name] = r.Health
			}
		}
		return len(health) > 0
	})
	return health
}
