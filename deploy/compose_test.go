package deploy_test

import (
	"context"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/nats-io/nats-server/v2/server"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
)

// loadCompose loads docker-compose.yml as docker compose does (compose-go:
// schema validation, paths resolved against the repository root), without
// the environment of the test.
func loadCompose(t testing.TB) *types.Project {
	t.Helper()
	opts, err := cli.NewProjectOptions([]string{repoPath(t, "docker-compose.yml")},
		cli.WithWorkingDirectory(repoRoot(t)), cli.WithResolvedPaths(true), cli.WithEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("load docker-compose.yml: %v", err)
	}
	return p
}

func service(t testing.TB, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, ok := p.Services[name]
	if !ok {
		t.Fatalf("docker-compose.yml has no service %q", name)
	}
	return s
}

func env(s types.ServiceConfig, key string) string {
	if v := s.Environment[key]; v != nil {
		return *v
	}
	return ""
}

// hostPath maps a path inside s's container to the host file a bind mount
// puts there, or "" when no bind mount covers it.
func hostPath(s types.ServiceConfig, containerPath string) string {
	for _, v := range s.Volumes {
		if v.Type != types.VolumeTypeBind {
			continue
		}
		if rest, ok := strings.CutPrefix(containerPath, v.Target); ok && (rest == "" || rest[0] == '/') {
			return filepath.Join(v.Source, filepath.FromSlash(rest))
		}
	}
	return ""
}

// volumeCovers reports whether a named volume is mounted at or above dir.
func volumeCovers(s types.ServiceConfig, dir string) bool {
	for _, v := range s.Volumes {
		if v.Type == types.VolumeTypeVolume && (dir == v.Target || strings.HasPrefix(dir, v.Target+"/")) {
			return true
		}
	}
	return false
}

func portOf(t testing.TB, hostport string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(hostport)
	if err != nil {
		t.Fatalf("%q: %v", hostport, err)
	}
	n, err := strconv.Atoi(p)
	if err != nil {
		t.Fatalf("%q: port: %v", hostport, err)
	}
	return n
}

// built returns the services built from this repository, with the Dockerfile
// of each.
func built(t testing.TB, p *types.Project) map[string]dockerfile {
	out := map[string]dockerfile{}
	for name, s := range p.Services {
		if s.Build != nil {
			out[name] = readDockerfile(t, filepath.Join(s.Build.Context, s.Build.Dockerfile))
		}
	}
	return out
}

func TestComposeHasTheWholeStack(t *testing.T) {
	p := loadCompose(t)
	for _, name := range []string{"nats", "kafka", "ingestor", "tagger", "alerter", "prometheus", "grafana", "demo-feeder"} {
		service(t, p, name)
	}
	for name, s := range p.Services {
		if s.Image == "" && s.Build == nil {
			t.Errorf("service %s has neither image nor build", name)
		}
		if s.Image != "" && s.Build == nil && (strings.HasSuffix(s.Image, ":latest") || !strings.Contains(s.Image, ":")) {
			t.Errorf("service %s: image %s is not pinned to a version", name, s.Image)
		}
	}
}

func TestComposeFilesExist(t *testing.T) {
	p := loadCompose(t)
	for name, s := range p.Services {
		if s.Build != nil {
			df := filepath.Join(s.Build.Context, s.Build.Dockerfile)
			if _, err := os.Stat(df); err != nil {
				t.Errorf("service %s: Dockerfile: %v", name, err)
			}
			if _, err := os.Stat(filepath.Join(s.Build.Context, "go.work")); err != nil {
				t.Errorf("service %s: build context %s is not the go.work root: %v", name, s.Build.Context, err)
			}
		}
		for _, v := range s.Volumes {
			if v.Type != types.VolumeTypeBind {
				continue
			}
			if _, err := os.Stat(v.Source); err != nil {
				t.Errorf("service %s mounts %s at %s: %v", name, v.Source, v.Target, err)
			}
			if !v.ReadOnly {
				t.Errorf("service %s mounts %s read-write; the repository's files are configuration: mount them :ro", name, v.Source)
			}
		}
	}
}

// The Dockerfiles build real main packages.
func TestComposeImagesBuildMainPackages(t *testing.T) {
	p := loadCompose(t)
	for name, df := range built(t, p) {
		pkg := df.goBuildTarget()
		cmd := exec.Command("go", "list", "-f", "{{.Name}}", pkg)
		cmd.Dir = repoRoot(t)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "main" {
			t.Errorf("service %s: %s builds %s, which is not a main package: %v\n%s", name, df.path, pkg, err, out)
		}
	}
}

// Every WATCHWIRE_* variable set for a service, in the compose file or in its
// image, is one the service reads: the flags it defines, as platform.EnvName
// maps them (platform.ApplyEnv reads exactly those).
func TestComposeEnvironmentIsReadByEachService(t *testing.T) {
	p := loadCompose(t)
	for name, s := range p.Services {
		if s.Build != nil {
			continue
		}
		for key := range s.Environment {
			if strings.HasPrefix(key, platform.EnvPrefix) {
				t.Errorf("service %s (image %s) is not Watchwire's but sets %s", name, s.Image, key)
			}
		}
	}
	for name, df := range built(t, p) {
		t.Run(name, func(t *testing.T) {
			bin := goBuild(t, df.goBuildTarget())
			reads := map[string]bool{}
			for _, f := range flagsOf(t, bin) {
				reads[platform.EnvName(f)] = true
			}
			keys := append(slices.Collect(maps.Keys(p.Services[name].Environment)), slices.Collect(maps.Keys(df.env()))...)
			for _, k := range keys {
				if !reads[k] {
					t.Errorf("%s is set but %s has no flag for it; it reads %v", k, name, slices.Sorted(maps.Keys(reads)))
				}
			}
		})
	}
}

func TestComposeServicesReachEachOther(t *testing.T) {
	p := loadCompose(t)
	natsOpts := natsConfig(t, p)
	for _, name := range []string{"ingestor", "tagger", "alerter"} {
		s := service(t, p, name)
		u, err := url.Parse(env(s, "WATCHWIRE_NATS_URL"))
		if err != nil || u.Scheme != "nats" || u.Hostname() != "nats" || u.Port() != strconv.Itoa(natsOpts.Port) {
			t.Errorf("%s: WATCHWIRE_NATS_URL %q, want nats://nats:%d (nats.conf port)", name, env(s, "WATCHWIRE_NATS_URL"), natsOpts.Port)
		}
	}

	alerter, kafka := service(t, p, "alerter"), service(t, p, "kafka")
	advertised := strings.Split(env(kafka, "KAFKA_ADVERTISED_LISTENERS"), ",")
	for _, b := range strings.Split(env(alerter, "WATCHWIRE_KAFKA_BROKERS"), ",") {
		if !slices.ContainsFunc(advertised, func(l string) bool { return strings.HasSuffix(l, "://"+b) }) {
			t.Errorf("alerter: broker %q is not one of kafka's advertised listeners %v", b, advertised)
		}
	}
	topic := env(alerter, "WATCHWIRE_KAFKA_TOPIC")
	if topic != events.TopicAlerts {
		t.Errorf("alerter: WATCHWIRE_KAFKA_TOPIC %q, want %q", topic, events.TopicAlerts)
	}
	kinit := service(t, p, "kafka-init")
	if i := slices.Index(kinit.Command, "--topic"); i < 0 || i+1 >= len(kinit.Command) || kinit.Command[i+1] != topic {
		t.Errorf("kafka-init creates topic %v, not the alerter's %q", kinit.Command, topic)
	}

	feeder := service(t, p, "demo-feeder")
	target := feeder.Command[len(feeder.Command)-1]
	u, err := url.Parse(target)
	if err != nil || u.Hostname() != "ingestor" || u.Path != "/v1/articles" {
		t.Fatalf("demo-feeder posts to %q, want http://ingestor:PORT/v1/articles", target)
	}
	if want := portOf(t, env(service(t, p, "ingestor"), "WATCHWIRE_LISTEN")); u.Port() != strconv.Itoa(want) {
		t.Errorf("demo-feeder posts to port %s, the ingestor listens on %d", u.Port(), want)
	}
	sample := strings.TrimPrefix(feeder.Command[slices.Index(feeder.Command, "--data-binary")+1], "@")
	if host := hostPath(feeder, sample); host == "" {
		t.Errorf("demo-feeder sends %s, which no bind mount provides", sample)
	} else if _, err := os.Stat(host); err != nil {
		t.Errorf("demo-feeder sends %s: %v", sample, err)
	}
}

// Prometheus scrapes each Watchwire service where it listens, and every
// service with a /readyz is health-checked on that port.
func TestComposePortsAgreeWithTheScrapeConfig(t *testing.T) {
	p := loadCompose(t)
	cfg := readPrometheusConfig(t, repoPath(t, "deploy/prometheus/prometheus.yml"))
	scraped := map[string]bool{}
	for _, job := range cfg.ScrapeConfigs {
		for _, sc := range job.StaticConfigs {
			for _, target := range sc.Targets {
				host, _, err := net.SplitHostPort(target)
				if err != nil {
					t.Fatalf("job %s: target %q: %v", job.JobName, target, err)
				}
				s := service(t, p, host)
				if listen := env(s, "WATCHWIRE_LISTEN"); listen == "" || portOf(t, listen) != portOf(t, target) {
					t.Errorf("job %s scrapes %s but %s listens on %q", job.JobName, target, host, listen)
				}
				if !strings.HasPrefix(env(s, "WATCHWIRE_LISTEN"), "0.0.0.0:") {
					t.Errorf("%s listens on %q: not reachable from the prometheus container", host, env(s, "WATCHWIRE_LISTEN"))
				}
				scraped[host] = true
			}
		}
	}
	for name := range built(t, p) {
		if !scraped[name] {
			t.Errorf("service %s is not scraped by deploy/prometheus/prometheus.yml", name)
		}
		s := p.Services[name]
		if s.HealthCheck == nil {
			t.Errorf("service %s has no health check", name)
			continue
		}
		check := strings.Join(s.HealthCheck.Test, " ")
		want := "http://127.0.0.1:" + strconv.Itoa(portOf(t, env(s, "WATCHWIRE_LISTEN"))) + "/readyz"
		if !strings.Contains(check, want) {
			t.Errorf("service %s: health check %q does not ask %s", name, check, want)
		}
	}
}

// Start order: a condition names a service that can meet it, the pipeline
// waits for NATS (and the alerter for Kafka), and the feeder for the pipeline.
func TestComposeStartOrder(t *testing.T) {
	p := loadCompose(t)
	for name, s := range p.Services {
		for dep, d := range s.DependsOn {
			ds := service(t, p, dep)
			switch d.Condition {
			case types.ServiceConditionHealthy:
				if ds.HealthCheck == nil || len(ds.HealthCheck.Test) == 0 {
					t.Errorf("%s waits for %s to be healthy, which has no health check", name, dep)
				}
			case types.ServiceConditionCompletedSuccessfully:
				if ds.Restart != "no" && ds.Restart != "" {
					t.Errorf("%s waits for %s to complete, which restarts %q", name, dep, ds.Restart)
				}
			default:
				t.Errorf("%s depends on %s with condition %q: say what it waits for", name, dep, d.Condition)
			}
		}
	}
	want := map[string][]string{
		"ingestor":    {"nats"},
		"tagger":      {"nats", "ingestor"},
		"alerter":     {"nats", "kafka", "kafka-init"},
		"grafana":     {"prometheus"},
		"demo-feeder": {"ingestor", "tagger", "alerter"},
	}
	for name, deps := range want {
		s := service(t, p, name)
		for _, dep := range deps {
			if _, ok := s.DependsOn[dep]; !ok {
				t.Errorf("%s does not wait for %s", name, dep)
			}
		}
	}
}

// natsConfig parses the NATS config the nats service runs with, as
// nats-server does, and checks it keeps what it acknowledges.
func natsConfig(t testing.TB, p *types.Project) *server.Options {
	t.Helper()
	s := service(t, p, "nats")
	i := slices.Index(s.Command, "--config")
	if i < 0 || i+1 >= len(s.Command) {
		t.Fatalf("nats command %v has no --config", s.Command)
	}
	file := hostPath(s, s.Command[i+1])
	if file == "" {
		t.Fatalf("nats reads %s, which no bind mount provides", s.Command[i+1])
	}
	opts, err := server.ProcessConfigFile(file)
	if err != nil {
		t.Fatalf("nats-server cannot load %s: %v", file, err)
	}
	return opts
}

func TestNATSConfigIsDurable(t *testing.T) {
	p := loadCompose(t)
	opts := natsConfig(t, p)
	if !opts.JetStream {
		t.Error("JetStream is off")
	}
	if !opts.SyncAlways {
		t.Errorf("sync_interval is %v, want always: acknowledged writes must be on disk", opts.SyncInterval)
	}
	s := service(t, p, "nats")
	if !volumeCovers(s, opts.StoreDir) {
		t.Errorf("JetStream stores in %s, which is on no volume: a restart of the container loses the streams", opts.StoreDir)
	}
	if check := strings.Join(s.HealthCheck.Test, " "); !strings.Contains(check, ":"+strconv.Itoa(opts.HTTPPort)+"/healthz") {
		t.Errorf("nats health check %q is not on the monitoring port %d", check, opts.HTTPPort)
	}
}

func TestPrometheusAndGrafanaGetTheirFiles(t *testing.T) {
	p := loadCompose(t)
	prom := service(t, p, "prometheus")
	var configFile, listen string
	for _, arg := range prom.Command {
		if v, ok := strings.CutPrefix(arg, "--config.file="); ok {
			configFile = v
		}
		if v, ok := strings.CutPrefix(arg, "--web.listen-address="); ok {
			listen = v
		}
	}
	if hostPath(prom, configFile) != repoPath(t, "deploy/prometheus/prometheus.yml") {
		t.Errorf("prometheus reads %q, not deploy/prometheus/prometheus.yml", configFile)
	}
	cfg := readPrometheusConfig(t, repoPath(t, "deploy/prometheus/prometheus.yml"))
	for _, glob := range cfg.RuleFiles {
		inContainer := path.Join(path.Dir(configFile), glob)
		matches, _ := filepath.Glob(hostPath(prom, inContainer))
		if len(matches) == 0 {
			t.Errorf("rule_files %s: nothing mounted at %s", glob, inContainer)
		}
	}
	if !volumeCovers(prom, "/prometheus") {
		t.Error("prometheus keeps its TSDB on no volume")
	}

	graf := service(t, p, "grafana")
	ds := readGrafanaDatasources(t, hostPath(graf, "/etc/grafana/provisioning/datasources/prometheus.yml"))
	u, err := url.Parse(ds.Datasources[0].URL)
	if err != nil || u.Hostname() != "prometheus" || u.Port() != strconv.Itoa(portOf(t, listen)) {
		t.Errorf("grafana data source URL %q, want http://prometheus:%d", ds.Datasources[0].URL, portOf(t, listen))
	}
	providers := readGrafanaProviders(t, hostPath(graf, "/etc/grafana/provisioning/dashboards/watchwire.yml"))
	dir := hostPath(graf, providers.Providers[0].Options.Path)
	if _, err := os.Stat(filepath.Join(dir, "watchwire.json")); err != nil {
		t.Errorf("grafana loads dashboards from %s, which has no watchwire.json: %v", providers.Providers[0].Options.Path, err)
	}
	if home := env(graf, "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"); home != "" {
		if _, err := os.Stat(hostPath(graf, home)); err != nil {
			t.Errorf("grafana home dashboard %s: %v", home, err)
		}
	}
}
