package engine

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"sync"
)

//go:embed dict/english.txt.gz
var englishGz []byte

//go:embed dict/proper.txt.gz
var properGz []byte

// wordLists are the embedded word lists as the builder reads them: the
// English words' keys and spellings, and the proper names'.
type wordLists struct {
	dict, spelled, proper dictionary
}

// embeddedWords reads the embedded word lists once a process: they are
// the same for every engine and never change (the engines share them, read
// only), and reading them takes about 40 ms, which a refresh or a test
// building many engines would otherwise pay each time.
var embeddedWords = sync.OnceValues(readWordLists)

// readWordLists reads the embedded word lists.
func readWordLists() (wordLists, error) {
	dict, spelled, err := loadWords(englishGz, true)
	if err != nil {
		return wordLists{}, err
	}
	proper, err := loadDictionary(properGz)
	if err != nil {
		return wordLists{}, err
	}
	return wordLists{dict: dict, spelled: spelled, proper: proper}, nil
}

// dictionary is a set of canonical keys of words, with a filter in front
// of it (128 KiB, in a core's cache): most words asked about are not in
// it, and the filter says so without the map's miss of the cache.
type dictionary struct {
	m map[uint64]struct{}
	f bitset
}

func newDictionary(n int) dictionary {
	return dictionary{m: make(map[uint64]struct{}, n), f: newBitset(1 << 20)}
}

func (d dictionary) add(h uint64) {
	d.m[h] = struct{}{}
	d.f.set(h)
}

func (d dictionary) has(h uint64) bool {
	if d.m == nil || !d.f.has(h) {
		return false
	}
	_, ok := d.m[h]
	return ok
}

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
		return dictionary{}, dictionary{}, fmt.Errorf("engine: reading an embedded word list: %w", err)
	}
	keys = newDictionary(90000)
	if spellings {
		spelled = newDictionary(90000)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w := sc.Bytes() // the lists are in lower case
		if spellings {
			spelled.add(hashKey(w))
		}
		keys.add(hashKey(w[:canon(w)]))
	}
	if err := sc.Err(); err != nil {
		return dictionary{}, dictionary{}, fmt.Errorf("engine: reading an embedded word list: %w", err)
	}
	return keys, spelled, nil
}
