package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/watchwire/watchwire/pkg/screening/refresh"
)

// demoArticles is the bundled sample feed, relative to the repository root.
const demoArticles = "data/samples/articles.jsonl"

// feedDemo posts the bundled sample articles to the ingest API at addr as
// one NDJSON batch, as an outside client would, and reports the counts.
func feedDemo(ctx context.Context, addr string, out io.Writer) error {
	path, err := findRepoFile(demoArticles)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("demo articles: %w", err)
	}
	defer f.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/v1/articles", f)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("demo: posting %s: %w", path, err)
	}
	defer resp.Body.Close()
	var body struct {
		Accepted   int    `json:"accepted"`
		Duplicates int    `json:"duplicates"`
		Error      string `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("demo: posting %s: %s %s", path, resp.Status, body.Error)
	}
	note := ""
	if body.Duplicates > 0 {
		note = " (posted before, on this data dir: not screened again)"
	}
	fmt.Fprintf(out, "watchwire up: demo: posted %s: %d accepted, %d duplicates%s\n", path, body.Accepted, body.Duplicates, note)
	return nil
}

// resolveSpecs makes each watchlist spec's relative path usable: as given
// when it exists from the working directory, else from the repository
// root (found above the working directory or the executable). A URL
// source is left as it is.
func resolveSpecs(specs []string) ([]string, error) {
	out := make([]string, len(specs))
	for i, spec := range specs {
		kind, path, ok := strings.Cut(spec, ":")
		if !ok || path == "" || filepath.IsAbs(path) || refresh.IsURL(spec) {
			out[i] = spec
			continue
		}
		found, err := findRepoFile(path)
		if err != nil {
			return nil, fmt.Errorf("watchlist %s: %w (give --watchlist %s:/absolute/path)", spec, err, kind)
		}
		out[i] = kind + ":" + found
	}
	return out, nil
}

// findRepoFile finds rel from the working directory, else in the
// repository root: the nearest directory holding go.work above the working
// directory, or above the executable.
func findRepoFile(rel string) (string, error) {
	if _, err := os.Stat(rel); err == nil {
		return rel, nil
	}
	var tried []string
	for _, start := range searchStarts() {
		root, ok := repoRoot(start)
		if !ok {
			continue
		}
		p := filepath.Join(root, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		tried = append(tried, p)
	}
	if len(tried) == 0 {
		return "", fmt.Errorf("%s: not found in the working directory, and no repository root (go.work) above it or above the executable", rel)
	}
	return "", fmt.Errorf("%s: not found in the working directory or as %s", rel, strings.Join(tried, " or "))
}

func searchStarts() []string {
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		dirs = append(dirs, wd)
	}
	if exe, err := os.Executable(); err == nil {
		dirs = append(dirs, filepath.Dir(exe))
	}
	return dirs
}

// repoRoot is the nearest directory at or above dir that holds go.work.
func repoRoot(dir string) (string, bool) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir, true
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", false
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func splitComma(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
