package tagger

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// ofacFiles are the files of an OFAC list, in a directory or under a URL.
func ofacFiles() []string { return []string{"sdn.csv", "alt.csv", "add.csv"} }

func isURL(loc string) bool {
	return strings.HasPrefix(loc, "https://") || strings.HasPrefix(loc, "http://")
}

// localFiles are the paths a local spec's list may be read from: for OFAC
// each file plain or gzipped, else the one file.
func localFiles(kind, loc string) []string {
	if kind != watchlist.KindOFAC {
		return []string{loc}
	}
	var paths []string
	for _, name := range ofacFiles() {
		paths = append(paths, filepath.Join(loc, name), filepath.Join(loc, name+".gz"))
	}
	return paths
}

// localSpec is the spec of a list whose files are in dir.
func localSpec(kind, dir string, files []string) string {
	if kind == watchlist.KindOFAC || len(files) == 0 {
		return kind + ":" + dir
	}
	return kind + ":" + filepath.Join(dir, files[0])
}

// snapshot copies the files of spec's source into dir, under the names
// the loaders expect (OFAC's as sdn.csv, alt.csv and add.csv, gzipped or
// not: the loader tells by their first bytes), and returns the list's kind
// and the files' names.
func (k *Keeper) snapshot(ctx context.Context, spec, dir string) (string, []string, error) {
	kind, loc, _ := strings.Cut(strings.TrimSpace(spec), ":")
	var files []string
	var err error
	switch {
	case kind == watchlist.KindOFAC && isURL(loc):
		files, err = k.download(ctx, dir, loc, ofacFiles()...)
	case kind == watchlist.KindOFAC:
		files, err = copyOFAC(loc, dir)
	case isURL(loc):
		files, err = k.download(ctx, dir, loc, "")
	default:
		files, err = []string{filepath.Base(loc)}, copyFile(loc, filepath.Join(dir, filepath.Base(loc)))
	}
	if err != nil {
		return "", nil, fmt.Errorf("copying the source of %s: %w", spec, err)
	}
	return kind, files, nil
}

// copyOFAC copies DIR/NAME, or DIR/NAME.gz, of each OFAC file to dst/NAME.
func copyOFAC(src, dst string) ([]string, error) {
	for _, name := range ofacFiles() {
		err := copyFile(filepath.Join(src, name), filepath.Join(dst, name))
		if errors.Is(err, fs.ErrNotExist) {
			err = copyFile(filepath.Join(src, name+".gz"), filepath.Join(dst, name))
		}
		if err != nil {
			return nil, err
		}
	}
	return ofacFiles(), nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFile(dst, in)
}

func writeFile(path string, r io.Reader) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// download fetches each of names under the URL loc (or loc itself for the
// name "") into dir, within the refresh options' FetchTimeout and MaxBytes.
func (k *Keeper) download(ctx context.Context, dir, loc string, names ...string) ([]string, error) {
	o := k.cfg.Refresh
	ctx, cancel := context.WithTimeout(ctx, orDefault(o.FetchTimeout, refresh.DefaultFetchTimeout))
	defer cancel()
	client := o.Client
	if client == nil {
		client = http.DefaultClient
	}
	var files []string
	for _, name := range names {
		u, file, err := remote(loc, name)
		if err != nil {
			return nil, err
		}
		if err := fetch(ctx, client, u, filepath.Join(dir, file), orDefault(o.MaxBytes, refresh.DefaultMaxBytes)); err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

// remote is the URL of name under loc, and the file name to save it as:
// for "" loc itself, named after its last path element.
func remote(loc, name string) (string, string, error) {
	u, err := url.Parse(loc)
	if err != nil {
		return "", "", err
	}
	if name != "" {
		return u.JoinPath(name).String(), name, nil
	}
	file := path.Base(u.Path)
	if file == "/" || file == "." || file == "" {
		file = "list"
	}
	return loc, file, nil
}

func fetch(ctx context.Context, client *http.Client, u, dst string, limit int64) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return writeFile(dst, io.LimitReader(resp.Body, limit))
}
