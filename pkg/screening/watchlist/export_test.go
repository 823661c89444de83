package watchlist

import (
	"bytes"
	"context"
)

// Test hooks: the loaders over bytes instead of files, for the fuzz tests.

func LoadOFACBytes(ctx context.Context, sdn, alt, add []byte) (*List, error) {
	const spec = "ofac:fuzz"
	var files [3]ofacFile
	for i, data := range [3][]byte{sdn, alt, add} {
		name := [3]string{ofacSDN, ofacAlt, ofacAdd}[i]
		d, err := decodeWhole(place{spec, name}, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		files[i] = ofacFile{name: name, path: name, data: d}
	}
	return parseOFAC(ctx, spec, files)
}

func LoadCSVBytes(ctx context.Context, data []byte) (*List, error) {
	p := place{"csv:fuzz.csv", "fuzz.csv"}
	s, err := newStream(bytes.NewReader(data))
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	return readFirmCSV(ctx, p, "fuzz", s)
}

func LoadOpenSanctionsBytes(ctx context.Context, data []byte) (*List, error) {
	p := place{"opensanctions:fuzz", "fuzz"}
	s, err := newStream(bytes.NewReader(data))
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	return readOpenSanctions(ctx, p, s)
}
