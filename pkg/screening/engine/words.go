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
	d, _, err := loadWords(gz, false)
	return d, err
}

// loadWords reads an embedded gzipped word list: the canonical keys of its
// words and, if spellings is set, the hashes of the words as written (in
// lower case), which tell "millennium" from "Milenyum", one key.
func loadWords(gz []byte, spellings bool) (keys, spelled dictionary, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, nil, fmt.Errorf("engine: reading an embedded word list: %w", err)
	}
	keys = make(dictionary, 90000)
	if spellings {
		spelled = make(dictionary, 90000)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Bytes() // the lists are in lower case
		if spellings {
			spelled[hashKey(w)] = struct{}{}
		}
		keys[hashKey(w[:canon(w)])] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("engine: reading an embedded word list: %w", err)
	}
	return keys, spelled, nil
}

func (d dictionary) has(h uint64) bool {
	_, ok := d[h]
	return ok
}
