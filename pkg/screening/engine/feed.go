package engine

// feed inserts paths into a trie on a goroutine of its own, in the order
// they were added, so that on a machine with more than one core the
// builder works out the next names' variants while the tries do their
// table work (a cache miss or two a word on a large list). The trie is the
// same as if the builder had inserted each path itself: one goroutine
// inserts, in order. Once finished, a feed inserts each path at once, on
// the caller's goroutine.
type feed struct {
	t    *trie
	cur  *pathBatch
	work chan *pathBatch
	free chan *pathBatch
	done chan struct{}
}

// pathBatch is a run of paths for a trie: path i is keys[ends[i-1]:ends[i]]
// (words the same) and ends in variant ids[i].
type pathBatch struct {
	keys, words []uint64
	ends        []uint32
	ids         []int32
}

// feedBatch is how many paths go to the trie at a time: enough that
// handing a batch over costs nothing beside inserting it.
const feedBatch = 4096

func newFeed(t *trie) *feed {
	f := &feed{
		t:    t,
		cur:  new(pathBatch),
		work: make(chan *pathBatch, 4),
		free: make(chan *pathBatch, 4),
		done: make(chan struct{}),
	}
	go func() {
		defer close(f.done)
		for b := range f.work {
			from := uint32(0)
			for i, end := range b.ends {
				t.insert(b.keys[from:end], b.words[from:end], b.ids[i])
				from = end
			}
			b.keys, b.words, b.ends, b.ids = b.keys[:0], b.words[:0], b.ends[:0], b.ids[:0]
			select {
			case f.free <- b:
			default:
			}
		}
	}()
	return f
}

// insert queues the path of keys, ending in variant id; words[i] is the
// key hashed in keys[i] (see trie.insert).
func (f *feed) insert(keys, words []uint64, id int32) {
	if f.work == nil {
		f.t.insert(keys, words, id) // finished
		return
	}
	b := f.cur
	b.keys = append(b.keys, keys...)
	b.words = append(b.words, words...)
	b.ends = append(b.ends, uint32(len(b.keys)))
	b.ids = append(b.ids, id)
	if len(b.ids) < feedBatch {
		return
	}
	f.work <- b
	select {
	case f.cur = <-f.free:
	default:
		f.cur = new(pathBatch)
	}
}

// finish inserts what is queued and returns when the trie holds every
// path: only then may it be read or frozen. Paths inserted afterwards go
// into the trie at once.
func (f *feed) finish() {
	if f.work == nil {
		return
	}
	if len(f.cur.ids) > 0 {
		f.work <- f.cur
	}
	f.cur = nil
	close(f.work)
	<-f.done
	f.work = nil
}
