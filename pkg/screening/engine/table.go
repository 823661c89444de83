package engine

// table is an open-addressing hash table from word-hash keys to trie nodes.
// Keys are already well-mixed hashes, so the table indexes by their bits
// directly and probes linearly; a lookup touches one or two cache lines,
// several times faster than a general map on this path, where every word
// of every article costs a lookup.
type table struct {
	slots []slot
	mask  uint64
	n     int
}

type slot struct {
	key uint64 // 0 marks an empty slot; key 0 is stored as 1
	val uint32
}

func newTable(size int) *table {
	n := 1024
	for n < size*2 {
		n <<= 1
	}
	return &table{slots: make([]slot, n), mask: uint64(n - 1)}
}

func fixKey(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

// get returns the value stored under k.
func (t *table) get(k uint64) (uint32, bool) {
	k = fixKey(k)
	for i := (k ^ k>>31) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == k {
			return s.val, true
		}
		if s.key == 0 {
			return 0, false
		}
	}
}

// put stores v under k, growing the table to keep it at most half full.
func (t *table) put(k uint64, v uint32) {
	if (t.n+1)*2 > len(t.slots) {
		t.grow()
	}
	t.set(k, v)
}

// set stores v under k, in a table with room for it.
func (t *table) set(k uint64, v uint32) {
	k = fixKey(k)
	for i := (k ^ k>>31) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == k {
			s.val = v
			return
		}
		if s.key == 0 {
			s.key, s.val = k, v
			t.n++
			return
		}
	}
}

func (t *table) grow() {
	old := t.slots
	t.slots = make([]slot, len(old)*2)
	t.mask = uint64(len(t.slots) - 1)
	t.n = 0
	for _, s := range old {
		if s.key != 0 {
			t.put(s.key, s.val)
		}
	}
}

// compact shrinks the table to the smallest size (of at least least slots)
// that keeps it at most half full: a table sized for a guess at build time
// may be much emptier, and a lookup then misses the cache more often.
func (t *table) compact(least int) { t.compactTo(least, 2, 1) }

// compactTo is compact for a table at most num/den full. A fuller table
// is smaller but probes further for a key it lacks: for tables most
// lookups find a key in (behind a filter), up to 3/4 full pays.
func (t *table) compactTo(least, num, den int) {
	n := least
	for n*den < t.n*num {
		n <<= 1
	}
	if n >= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]slot, n)
	t.mask = uint64(n - 1)
	t.n = 0
	for _, s := range old {
		if s.key != 0 {
			t.set(s.key, s.val) // not put: it would grow the table back
		}
	}
}
