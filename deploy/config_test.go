package deploy_test

import (
	"os"
	"testing"

	"go.yaml.in/yaml/v3"
)

// prometheusConfig is the part of prometheus.yml the tests read.
type prometheusConfig struct {
	RuleFiles     []string `yaml:"rule_files"`
	ScrapeConfigs []struct {
		JobName       string `yaml:"job_name"`
		StaticConfigs []struct {
			Targets []string          `yaml:"targets"`
			Labels  map[string]string `yaml:"labels"`
		} `yaml:"static_configs"`
	} `yaml:"scrape_configs"`
}

type grafanaDatasources struct {
	Datasources []struct {
		Name, UID, Type, URL string
	} `yaml:"datasources"`
}

type grafanaProviders struct {
	Providers []struct {
		Name    string `yaml:"name"`
		Options struct {
			Path string `yaml:"path"`
		} `yaml:"options"`
	} `yaml:"providers"`
}

func readYAML(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readPrometheusConfig(t testing.TB, path string) prometheusConfig {
	var c prometheusConfig
	readYAML(t, path, &c)
	if len(c.ScrapeConfigs) == 0 {
		t.Fatalf("%s: no scrape_configs", path)
	}
	return c
}

func readGrafanaDatasources(t testing.TB, path string) grafanaDatasources {
	var d grafanaDatasources
	readYAML(t, path, &d)
	if len(d.Datasources) != 1 {
		t.Fatalf("%s: %d data sources, want the one Prometheus", path, len(d.Datasources))
	}
	return d
}

func readGrafanaProviders(t testing.TB, path string) grafanaProviders {
	var p grafanaProviders
	readYAML(t, path, &p)
	if len(p.Providers) != 1 {
		t.Fatalf("%s: %d dashboard providers, want one", path, len(p.Providers))
	}
	return p
}
