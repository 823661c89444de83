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
// never panic. Their seeds, the samples in testdata, run with go test;
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
