package watchlist_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// The fuzz tests feed the loaders arbitrary bytes (plain or gzip): a
// loader must return a list that checkList accepts or a *LoadError, and
// never panic; for a list it returns, Digest over the same bytes in files
// must give its version. Their seeds, the samples in testdata, run with go test;
// fuzz locally with, for example, go test -fuzz FuzzLoadOFAC -fuzztime 30s.

func FuzzLoadOFAC(f *testing.F) {
	dirs, _ := filepath.Glob("testdata/ofac/bad/*")
	dirs = append(dirs, "testdata/ofac/good", "testdata/ofac/gz")
	for _, dir := range dirs {
		var files [3][]byte
		for i, name := range [3]string{"sdn.csv", "alt.csv", "add.csv"} {
			files[i] = readSeed(f, filepath.Join(dir, name))
		}
		f.Add(files[0], files[1], files[2])
	}
	f.Fuzz(func(t *testing.T, sdn, alt, add []byte) {
		l, err := watchlist.LoadOFACBytes(context.Background(), sdn, alt, add)
		checkResult(t, l, err)
		if err == nil {
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{"sdn.csv": sdn, "alt.csv": alt, "add.csv": add})
			checkDigest(t, "ofac:"+dir, l)
		}
	})
}

func FuzzLoadCSV(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/csv/*/*.csv*")
	seeds = append(seeds, "testdata/csv/firm.csv", "testdata/csv/reordered.csv")
	for _, path := range seeds {
		f.Add(readSeed(f, path))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := watchlist.LoadCSVBytes(context.Background(), data)
		checkResult(t, l, err)
		if err == nil {
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{"fuzz.csv": data})
			checkDigest(t, "csv:"+filepath.Join(dir, "fuzz.csv"), l)
		}
	})
}

func FuzzLoadOpenSanctions(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/opensanctions/*.*")
	bad, _ := filepath.Glob("testdata/opensanctions/bad/*")
	for _, path := range append(seeds, bad...) {
		f.Add(readSeed(f, path))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := watchlist.LoadOpenSanctionsBytes(context.Background(), data)
		checkResult(t, l, err)
		if err == nil {
			dir := t.TempDir()
			writeFiles(t, dir, map[string][]byte{"fuzz": data})
			checkDigest(t, "opensanctions:"+filepath.Join(dir, "fuzz"), l)
		}
	})
}

// readSeed reads a sample as it is on disk, .gz or .gz-less: the fuzzed
// loaders detect gzip by its magic bytes.
func readSeed(f *testing.F, path string) []byte {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		data, err = os.ReadFile(path + ".gz")
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		f.Fatal(err)
	}
	return data
}

func checkResult(t *testing.T, l *watchlist.List, err error) {
	t.Helper()
	var le *watchlist.LoadError
	switch {
	case err != nil && (!errors.As(err, &le) || le.Reason == ""):
		t.Fatalf("error %#v is not a *LoadError with a reason", err)
	case err == nil && l == nil:
		t.Fatal("no list and no error")
	case err == nil:
		checkList(t, l)
	}
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkDigest checks that Digest gives spec the version of l, loaded from
// the same bytes.
func checkDigest(t *testing.T, spec string, l *watchlist.List) {
	t.Helper()
	got, err := watchlist.Digest(context.Background(), spec)
	if err != nil {
		t.Fatalf("Digest(%s) of a list that loads: %v", spec, err)
	}
	if got != l.Version {
		t.Fatalf("Digest(%s) = %s, the loaded version %s", spec, got, l.Version)
	}
}
