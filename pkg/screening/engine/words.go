package engine

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
)

//go:embed dict/english.txt.gz
var englishGz []byte

//go:embed dict/proper.txt.gz
var properGz []byte

// dictionary is a set of canonical keys of words.
type dictionary map[uint64]struct{}

// loadDictionary reads an embedded gzipped word list, one word a line.
func loadDictionary(gz []byte) (dictionary, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("engine: reading an embedded word list: %w", err)
	}
	d := make(dictionary, 90000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Bytes()
		d[hashKey(w[:canon(w)])] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("engine: reading an embedded word list: %w", err)
	}
	return d, nil
}

func (d dictionary) has(h uint64) bool {
	_, ok := d[h]
	return ok
}
