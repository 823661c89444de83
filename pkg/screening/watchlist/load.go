package watchlist

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Spec kinds: a spec is KIND:PATH.
const (
	KindOFAC          = "ofac"          // ofac:DIR, OFAC's legacy SDN CSV files sdn.csv, alt.csv, add.csv (each may be .csv.gz)
	KindOpenSanctions = "opensanctions" // opensanctions:FILE, targets.simple.csv or entities.ftm.json (may be .gz)
	KindCSV           = "csv"           // csv:FILE, a firm's own list: id,name,schema,aliases,programs (may be .gz)
)

const specHelp = "want ofac:DIR, opensanctions:FILE or csv:FILE"

// Load reads the watchlist that spec names:
//
//	ofac:DIR            OFAC's legacy SDN CSV files DIR/sdn.csv, alt.csv and add.csv
//	opensanctions:FILE  an OpenSanctions targets.simple.csv or entities.ftm.json
//	csv:FILE            a firm's own list, with header id,name,schema,aliases,programs
//
// Any file may be gzipped. A file that cannot be read, or that is not
// what the spec says, is refused with a *LoadError naming the file, the
// line and what is wrong there.
func Load(ctx context.Context, spec string) (*List, error) {
	spec = strings.TrimSpace(spec)
	kind, path, _ := strings.Cut(spec, ":")
	if path == "" {
		return nil, &LoadError{Source: spec, Reason: specHelp}
	}
	var l *List
	var err error
	switch kind {
	case KindOFAC:
		l, err = loadOFAC(ctx, spec, path)
	case KindOpenSanctions:
		l, err = loadOpenSanctions(ctx, spec, path)
	case KindCSV:
		l, err = loadCSV(ctx, spec, path)
	default:
		return nil, &LoadError{Source: spec, Reason: fmt.Sprintf("unknown list kind %q: %s", kind, specHelp)}
	}
	if err != nil {
		return nil, err
	}
	l.Source, l.LoadedAt = spec, time.Now()
	return l, nil
}

// Digest returns the version Load gives the list spec names (the digest
// of its files' decompressed bytes) without parsing them: it tells
// whether a copy of a source holds a version already loaded, at the cost
// of reading it once.
func Digest(ctx context.Context, spec string) (string, error) {
	spec = strings.TrimSpace(spec)
	kind, path, _ := strings.Cut(spec, ":")
	if path == "" {
		return "", &LoadError{Source: spec, Reason: specHelp}
	}
	switch kind {
	case KindOFAC:
		files, err := readOFACFiles(spec, path)
		if err != nil {
			return "", err
		}
		return ofacVersion(files), nil
	case KindOpenSanctions, KindCSV:
		var version string
		_, err := loadStream(place{spec, path}, func(s *stream) (*List, error) {
			if _, err := io.Copy(io.Discard, ctxReader{ctx, s}); err != nil {
				return nil, place{spec, path}.wrap(0, "cannot read", err)
			}
			version = s.version()
			return nil, nil
		})
		return version, err
	}
	return "", &LoadError{Source: spec, Reason: fmt.Sprintf("unknown list kind %q: %s", kind, specHelp)}
}

// ctxReader reads r until ctx ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// LoadAll loads each spec in turn (see Load) and stops at the first
// error. Two lists with the same name are refused: matches and metrics
// tell lists apart by name.
func LoadAll(ctx context.Context, specs []string) ([]*List, error) {
	return LoadEach(ctx, specs, Load)
}

// LoadEach is LoadAll with another loader (one that also reads URLs, say).
func LoadEach(ctx context.Context, specs []string, load func(context.Context, string) (*List, error)) ([]*List, error) {
	if len(specs) == 0 {
		return nil, errors.New("watchlist: no lists to load: " + specHelp)
	}
	lists := make([]*List, 0, len(specs))
	bySpec := map[string]string{} // list name -> spec
	for _, spec := range specs {
		l, err := load(ctx, spec)
		if err != nil {
			return nil, err
		}
		if prev, dup := bySpec[l.Name]; dup {
			return nil, fmt.Errorf("watchlist: %s and %s are both named %q: rename one file", prev, l.Source, l.Name)
		}
		bySpec[l.Name] = l.Source
		lists = append(lists, l)
	}
	return lists, nil
}
