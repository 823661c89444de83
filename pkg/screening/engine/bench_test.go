//go:build unix

package engine

// Benchmarks behind BENCHMARKS.md: building the engine over the bundled
// OFAC list and over a generated list of a million names, and scanning
// news with each. Run them on one core:
//
//	cd pkg/screening && GOMAXPROCS=1 go test -run '^$' -bench . -benchmem -benchtime 3x ./engine/
//
// The news is ../shared's real corpus when it is there, and otherwise a
// text generated from paragraphs written for this file, so that the
// benchmarks also run on a fresh clone.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/internal/benchclock"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

const (
	benchOFACDir  = "../../../data/ofac"                          // the bundled OFAC SDN copy
	benchNewsPath = "../../../../shared/data/news/articles.jsonl" // real news, absent on a fresh clone
	benchSynthN   = 1_000_000                                     // names in the generated list
)

// benchFixtures holds what the benchmarks share, built once per test
// binary: the loaded lists, the engines and the news.
type benchFixtures struct {
	ofacList sync.Once
	ofac     *watchlist.List
	ofacErr  error

	ofacEngine sync.Once
	ofacEng    *Engine
	ofacEngErr error
	synthList  sync.Once
	synth      *watchlist.List
	synthMiB   float64
	big        sync.Mutex // guards bigEng
	bigEng     *Engine
	news       sync.Once
	docs       []Document
	newsBytes  int64
	newsFrom   string
}

var benchShared benchFixtures // built lazily: plain `go test` never builds the 1M list

func benchOFACList(b *testing.B) *watchlist.List {
	f := &benchShared
	f.ofacList.Do(func() {
		f.ofac, f.ofacErr = watchlist.Load(context.Background(), "ofac:"+benchOFACDir)
	})
	if f.ofacErr != nil {
		b.Fatalf("loading the bundled OFAC list: %v", f.ofacErr)
	}
	return f.ofac
}

// benchOFACEngine returns the engine over the bundled OFAC list, built
// once: a benchmark's runs (one op, then b.N) share it, so that the
// difference between -benchtime 1x and 3x is three scans and nothing else.
func benchOFACEngine(b *testing.B) *Engine {
	f := &benchShared
	f.ofacEngine.Do(func() {
		f.ofacEng, f.ofacEngErr = New(benchOFACList(b))
	})
	if f.ofacEngErr != nil {
		b.Fatalf("building the engine over OFAC: %v", f.ofacEngErr)
	}
	return f.ofacEng
}

// benchSynth returns the generated list, and the heap it takes in MiB.
func benchSynth(b *testing.B) (*watchlist.List, float64) {
	f := &benchShared
	f.synthList.Do(func() {
		before, start := liveHeap(), time.Now()
		f.synth = synthList(benchSynthN, 1)
		f.synthMiB = mib(liveHeap() - before)
		b.Logf("generated %d names in %s", benchSynthN, time.Since(start).Round(time.Millisecond))
	})
	return f.synth, f.synthMiB
}

// benchBigEngine returns the engine over the OFAC list and the generated
// million names that BenchmarkBuild1M left, or builds one.
func benchBigEngine(b *testing.B) *Engine {
	f := &benchShared
	f.big.Lock()
	defer f.big.Unlock()
	if f.bigEng == nil {
		f.bigEng = build1M(b)
	}
	return f.bigEng
}

// keepBigEngine keeps e (nil to drop the kept one) for BenchmarkScanNews1M.
func keepBigEngine(e *Engine) {
	f := &benchShared
	f.big.Lock()
	f.bigEng = e
	f.big.Unlock()
}

func build1M(b *testing.B) *Engine {
	synth, _ := benchSynth(b)
	e, err := New(benchOFACList(b), synth)
	if err != nil {
		b.Fatalf("building the engine over 1M names: %v", err)
	}
	return e
}

// benchNews returns the documents to scan: the real news if present,
// otherwise generated text.
func benchNews(b *testing.B) ([]Document, int64, string) {
	f := &benchShared
	f.news.Do(func() {
		docs, err := readNews(benchNewsPath)
		f.newsFrom = "../shared news"
		if os.IsNotExist(err) {
			docs, f.newsFrom = synthNews(400), "generated text (../shared is absent)"
		} else if err != nil {
			b.Fatalf("reading the news: %v", err)
		}
		f.docs = docs
		for _, d := range docs {
			for _, fl := range d.Fields {
				f.newsBytes += int64(len(fl.Text))
			}
		}
	})
	return f.docs, f.newsBytes, f.newsFrom
}

func readNews(path string) ([]Document, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var docs []Document
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		var a struct{ ID, Title, Body string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		docs = append(docs, Document{ID: a.ID, Fields: []Field{{Name: "title", Text: a.Title}, {Name: "body", Text: a.Body}}})
	}
	return docs, sc.Err()
}

// BenchmarkBuildOFAC loads the bundled OFAC list and builds the engine.
func BenchmarkBuildOFAC(b *testing.B) {
	clk := benchclock.Stopped(b)
	var heap, listHeap uint64
	for i := 0; i < b.N; i++ {
		base := liveHeap()
		clk.Start()
		l, err := watchlist.Load(context.Background(), "ofac:"+benchOFACDir)
		clk.Stop()
		if err != nil {
			b.Fatalf("loading the bundled OFAC list: %v", err)
		}
		listHeap = liveHeap() - base
		clk.Start()
		e, err := New(l)
		clk.Stop()
		if err != nil {
			b.Fatalf("building the engine: %v", err)
		}
		heap = liveHeap() - base + wordListsHeap(b)
		runtime.KeepAlive(e)
	}
	clk.ReportBuild()
	b.ReportMetric(mib(listHeap), "list-MiB")
	b.ReportMetric(mib(heap-listHeap), "engine-MiB")
	b.ReportMetric(mib(heap), "heap-MiB")
}

// BenchmarkBuild1M builds the engine over the OFAC list and a generated
// list of a million names. The lists are in memory already: the time is
// the engine's. heap-MiB is what lists and engine hold after the build;
// peak-MiB the most heap (garbage included) seen during it. The last
// engine built is kept for BenchmarkScanNews1M.
func BenchmarkBuild1M(b *testing.B) {
	benchOFACList(b)
	_, synthMiB := benchSynth(b)
	clk := benchclock.Stopped(b)
	var engHeap, peak uint64
	for i := 0; i < b.N; i++ {
		keepBigEngine(nil)
		base := liveHeap()
		stopSampling := samplePeak()
		clk.Start()
		e := build1M(b)
		clk.Stop()
		peak = stopSampling() - base
		engHeap = liveHeap() - base + wordListsHeap(b)
		keepBigEngine(e)
	}
	clk.ReportBuild()
	b.ReportMetric(synthMiB, "list-MiB")
	b.ReportMetric(mib(engHeap), "engine-MiB")
	b.ReportMetric(synthMiB+mib(engHeap), "heap-MiB")
	b.ReportMetric(synthMiB+mib(peak), "peak-MiB")
}

// BenchmarkScanNewsOFAC screens every news article (title and body) with
// the OFAC engine: tokenising, normalising and offsets included.
func BenchmarkScanNewsOFAC(b *testing.B) {
	docs, n, from := benchNews(b)
	b.Logf("news: %d articles, %d bytes of text from %s", len(docs), n, from)
	benchScan(b, benchOFACEngine(b), docs, n)
}

// BenchmarkScanNews1M screens the same news with the engine over the OFAC
// list and a million generated names.
func BenchmarkScanNews1M(b *testing.B) {
	docs, n, _ := benchNews(b)
	benchScan(b, benchBigEngine(b), docs, n)
}

// BenchmarkScanSizeRatio measures the speed bar's "scanning cost
// independent of list size" directly: each op screens the news with the
// OFAC engine and then with the 1M one, ten times in turn, and reports the
// 1M pass's time over the OFAC pass's, the median and the largest of the
// ten pairs. Passes side by side share the host's load, which two
// benchmarks run a minute apart do not (see BENCHMARKS.md).
func BenchmarkScanSizeRatio(b *testing.B) {
	docs, _, _ := benchNews(b)
	small, big := benchOFACEngine(b), benchBigEngine(b)
	pass := func(e *Engine) time.Duration {
		start := time.Now()
		for _, d := range docs {
			e.Screen(d, DefaultMinScore)
		}
		return time.Since(start)
	}
	const pairs = 10
	var ratios []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for range pairs {
			t := pass(small)
			ratios = append(ratios, pass(big).Seconds()/t.Seconds())
		}
	}
	slices.Sort(ratios)
	b.ReportMetric(ratios[len(ratios)/2], "median-1M/OFAC")
	b.ReportMetric(ratios[len(ratios)-1], "max-1M/OFAC")
}

func benchScan(b *testing.B, e *Engine, docs []Document, n int64) {
	b.SetBytes(n)
	b.ReportAllocs()
	clk := benchclock.Stopped(b)
	clk.Start()
	matched := 0
	for i := 0; i < b.N; i++ {
		matched = 0
		for _, d := range docs {
			if len(e.Screen(d, DefaultMinScore)) > 0 {
				matched++
			}
		}
	}
	clk.Stop()
	clk.ReportThroughput(n)
	b.ReportMetric(float64(matched), "matched-articles")
}

// BenchmarkScanUnmatched screens a text of 10 KB that names no listed
// entry, a hundred times an op: the target is no allocation at all.
func BenchmarkScanUnmatched(b *testing.B) {
	e := benchOFACEngine(b)
	doc := Document{ID: "u", Fields: []Field{{Name: "title", Text: unmatchedTitle}, {Name: "body", Text: unmatchedText(10 << 10)}}}
	if ms := e.Screen(doc, 0); len(ms) > 0 {
		b.Fatalf("the unmatched text names %s (%q)", ms[0].EntityID, ms[0].Mentions[0].Text)
	}
	const reps = 100
	n := int64(len(doc.Fields[0].Text)+len(doc.Fields[1].Text)) * reps
	b.SetBytes(n)
	b.ReportAllocs()
	clk := benchclock.Stopped(b)
	clk.Start()
	for i := 0; i < b.N; i++ {
		for range reps {
			e.Screen(doc, DefaultMinScore)
		}
	}
	clk.Stop()
	clk.ReportThroughput(n)
}

// TestScanUnmatchedAllocs checks that a text naming no listed entry costs
// no allocation per word: screening 10 KB allocates no more than 1 KB.
func TestScanUnmatchedAllocs(t *testing.T) {
	e, err := New(mustBenchList(t))
	if err != nil {
		t.Fatalf("building the engine: %v", err)
	}
	allocs := map[int]float64{}
	for _, size := range []int{1 << 10, 10 << 10} {
		doc := Document{ID: "u", Fields: []Field{{Name: "title", Text: unmatchedTitle}, {Name: "body", Text: unmatchedText(size)}}}
		if ms := e.Screen(doc, 0); len(ms) > 0 {
			t.Fatalf("the unmatched text names %s (%q)", ms[0].EntityID, ms[0].Mentions[0].Text)
		}
		allocs[size] = testing.AllocsPerRun(20, func() { e.Screen(doc, DefaultMinScore) })
	}
	t.Logf("allocations per Screen of unmatched text: 1 KB %.1f, 10 KB %.1f", allocs[1<<10], allocs[10<<10])
	if small, big := allocs[1<<10], allocs[10<<10]; big > small || big > 4 {
		t.Errorf("screening unmatched text allocates %.1f times for 1 KB and %.1f for 10 KB: want a few at most, the same for both", small, big)
	}
}

func mustBenchList(t *testing.T) *watchlist.List {
	l, err := watchlist.Load(context.Background(), "ofac:"+benchOFACDir)
	if err != nil {
		t.Fatalf("loading the bundled OFAC list: %v", err)
	}
	return l
}

// wordListsHeap returns the heap that the embedded word lists take. A
// process reads them once, for its first engine, and its engines share
// them: a build after the first in a process no longer allocates them, so
// the build benchmarks add them to what an engine holds.
func wordListsHeap(b *testing.B) uint64 {
	base := liveHeap()
	w, err := readWordLists()
	if err != nil {
		b.Fatalf("reading the word lists: %v", err)
	}
	heap := liveHeap() - base
	runtime.KeepAlive(w)
	return heap
}

// liveHeap returns the bytes of live heap objects, after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// samplePeak samples the heap every few milliseconds until the returned
// function is called, which returns the largest heap seen.
func samplePeak() func() uint64 {
	done := make(chan struct{})
	res := make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				res <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-res }
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// Generated watchlist. Names are made of syllables and picked with a
// Zipf law, so that, as in real lists, a few surnames, given names and
// company words are very common and most are rare; the mix of schemas,
// aliases and legal forms follows OFAC's.

var (
	synthOnsets   = strings.Fields("b d g k l m n p r s t v z sh kh ch zh y f h j w br dr gr kr tr st")
	synthVowels   = strings.Fields("a e i o u a e i o ia ou ai ei")
	synthCodas    = strings.Fields("_ _ _ _ n r l m s k v d t sh ng")
	synthEnds     = strings.Fields("ov ova ev eva in ina enko ski sky ez es an ani ian yan oglu zadeh i ullah ali er son sen berg stein o a u")
	synthOrgWords = strings.Fields(`trading industrial energy shipping global investment bank group development technologies
		petroleum construction logistics commercial international import export steel chemical engineering
		general national united services resources systems finance capital maritime transport aviation
		mining metals oil gas electronics machinery agro foods textile pharma medical security defense
		consulting holding partners ventures star ocean golden new east west north south asia euro trans`)
	synthForms   = strings.Fields("LLC LTD JSC OOO AO PJSC GmbH FZE FZCO S.A. S.R.L. INC CORP CO.,_LTD. LLP PTE_LTD SDN_BHD")
	synthVessels = strings.Fields("OCEAN STAR SEA GLORY PRIDE LUCKY GRACE ROYAL PACIFIC ATLANTIC SPIRIT QUEEN KING DIAMOND PEARL")
	synthProgs   = strings.Fields("RUSSIA-EO14024 UKRAINE-EO13662 IRAN SDGT SDNT VENEZUELA-EO13850 DPRK3 SYRIA CYBER2 GLOMAG BELARUS-EO14038 IRGC NPWMD TCO")
	synthCtrys   = strings.Fields("Russia Iran China Venezuela Syria Turkey Lebanon Mexico Colombia Belarus Cyprus Panama Malta Greece India Nigeria")
)

// synthGen draws names. Each pool holds distinct syllable words; zipf
// indexes into it.
type synthGen struct {
	r        *rand.Rand
	surnames []string
	given    []string
	coined   []string
	zs, zg   *rand.Zipf
	zc, zw   *rand.Zipf
}

func newSynthGen(seed uint64) *synthGen {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	g := &synthGen{r: r}
	g.surnames = g.pool(300_000, 2, true)
	g.given = g.pool(20_000, 1, false)
	g.coined = g.pool(100_000, 2, false)
	g.zs = rand.NewZipf(r, 1.07, 4, uint64(len(g.surnames)-1))
	g.zg = rand.NewZipf(r, 1.2, 2, uint64(len(g.given)-1))
	g.zc = rand.NewZipf(r, 1.05, 8, uint64(len(g.coined)-1))
	g.zw = rand.NewZipf(r, 1.3, 2, uint64(len(synthOrgWords)-1))
	return g
}

// pool makes n distinct words of syllables+1 or syllables+2 syllables,
// with a name ending when ends is set.
func (g *synthGen) pool(n, syllables int, ends bool) []string {
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for len(out) < n {
		var sb strings.Builder
		for k := syllables + g.r.IntN(2); k >= 0; k-- {
			sb.WriteString(pick(g.r, synthOnsets))
			sb.WriteString(pick(g.r, synthVowels))
			if c := pick(g.r, synthCodas); c != "_" {
				sb.WriteString(c)
			}
		}
		if ends {
			sb.WriteString(pick(g.r, synthEnds))
		}
		w := sb.String()
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func pick(r *rand.Rand, ws []string) string { return ws[r.IntN(len(ws))] }

func title(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// person returns a name in OFAC's "FAMILY, Given Middle" form.
func (g *synthGen) person() (string, *watchlist.NameParts) {
	p := &watchlist.NameParts{Family: strings.ToUpper(g.surnames[g.zs.Uint64()]), Given: title(g.given[g.zg.Uint64()])}
	if g.r.IntN(10) == 0 { // a second surname
		p.Family += " " + strings.ToUpper(g.surnames[g.zs.Uint64()])
	}
	name := p.Family + ", " + p.Given
	if g.r.IntN(2) == 0 {
		p.Middle = title(g.given[g.zg.Uint64()])
		name += " " + p.Middle
	}
	return name, p
}

// org returns a company's name: coined or ordinary words and a legal form.
func (g *synthGen) org() string {
	var ws []string
	for k := 1 + g.r.IntN(3); k > 0; k-- {
		if g.r.IntN(3) == 0 {
			ws = append(ws, synthOrgWords[g.zw.Uint64()])
		} else {
			ws = append(ws, g.coined[g.zc.Uint64()])
		}
	}
	if g.r.IntN(5) > 0 {
		ws = append(ws, strings.ReplaceAll(pick(g.r, synthForms), "_", " "))
	}
	return strings.ToUpper(strings.Join(ws, " "))
}

func (g *synthGen) vessel() string {
	if g.r.IntN(2) == 0 {
		return pick(g.r, synthVessels) + " " + strings.ToUpper(g.coined[g.zc.Uint64()])
	}
	return strings.ToUpper(g.coined[g.zc.Uint64()])
}

// synthList generates a list of n entries: 60% people, 35% organisations,
// 5% vessels; a third with an alias, a few with a title or a link.
func synthList(n int, seed uint64) *watchlist.List {
	g := newSynthGen(seed)
	l := &watchlist.List{Name: "synth", Source: "generated", Version: "seed-" + strconv.FormatUint(seed, 10),
		Entities: make([]watchlist.Entity, n)}
	for i := range l.Entities {
		e := &l.Entities[i]
		e.ID, e.List = "synth-"+strconv.Itoa(i), "synth"
		e.Programs = []string{pick(g.r, synthProgs)}
		e.Countries = []string{pick(g.r, synthCtrys)}
		switch k := g.r.IntN(100); {
		case k < 60:
			e.Schema = watchlist.Person
			e.Name, e.Parts = g.person()
			if g.r.IntN(3) == 0 {
				alt, _ := g.person()
				e.Aliases = append(e.Aliases, watchlist.Alias{Name: alt, Strength: watchlist.Strong})
			}
			if g.r.IntN(10) == 0 {
				e.Aliases = append(e.Aliases, watchlist.Alias{Name: strings.ToUpper(g.given[g.zg.Uint64()]), Strength: watchlist.Weak})
			}
			if g.r.IntN(100) == 0 {
				e.Title = "Minister of " + title(synthOrgWords[g.zw.Uint64()])
			}
		case k < 95:
			e.Schema = watchlist.Organization
			e.Name = g.org()
			if g.r.IntN(3) == 0 {
				e.Aliases = append(e.Aliases, watchlist.Alias{Name: g.org(), Strength: watchlist.Strong})
			}
		default:
			e.Schema = watchlist.Vessel
			e.Name = g.vessel()
			if g.r.IntN(4) == 0 {
				e.Aliases = append(e.Aliases, watchlist.Alias{Name: g.vessel(), Strength: watchlist.Formerly})
			}
		}
		if i > 0 && g.r.IntN(50) == 0 {
			e.LinkedTo = []string{l.Entities[g.r.IntN(i)].Name}
		}
	}
	l.Counts.Entities = n
	return l
}

// Generated text, for the unmatched benchmark and for the news when
// ../shared is absent. Written for this file; it names nobody listed
// except in synthNames.

const unmatchedTitle = "City council approves a new budget for parks and schools"

var unmatchedParas = []string{
	"The city council voted on Tuesday evening to approve a budget that sets aside more money for parks, libraries and the repair of school buildings. Members argued for most of the afternoon about the cost of the plan, which the mayor's office said would be paid for by savings elsewhere and a small rise in parking fees.",
	"Residents who spoke at the meeting were mostly in favour. One teacher said the roof of her classroom had leaked every winter for six years, and a retired engineer asked the council to publish the contracts so that voters could see who was being paid and for what. The finance committee agreed to put the documents online by the end of the month.",
	"Opponents warned that the estimates were too optimistic. Interest rates remain high, they said, and the price of steel and concrete has not come down since the spring. If the savings do not appear, the council will have to borrow or cut other services, and the burden would fall on families who can least afford it.",
	"The new library branch near the river is expected to open next autumn. Builders have finished the foundations and are waiting for the windows, which were delayed at the port for several weeks. Officials said the opening date could still slip if the weather turns early, but they were confident the branch would be ready before the school year.",
	"Weather forecasters expect a dry and warm week, with light winds from the south and temperatures well above the seasonal average. Farmers in the valley said they would welcome rain, since the reservoirs are lower than usual and some wells have already run dry. The water board has asked households to avoid watering lawns during the day.",
}

// synthNames are listed names used in the generated news, so that it has
// matches to explain.
var synthNames = []string{
	"President Vladimir Putin", "the tanker company Sovcomflot", "the militant group Hezbollah",
	"Nicolas Maduro", "Ramzan Kadyrov", "the Islamic Revolutionary Guard Corps",
}

// unmatchedText returns about size bytes of prose that names nobody.
func unmatchedText(size int) string {
	var sb strings.Builder
	for i := 0; sb.Len() < size; i++ {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(unmatchedParas[i%len(unmatchedParas)])
	}
	return sb.String()[:size]
}

// synthNews returns n generated articles of a few KB, one in three
// naming a listed entry.
func synthNews(n int) []Document {
	docs := make([]Document, n)
	for i := range docs {
		var sb strings.Builder
		for k := 0; k < 4+i%5; k++ {
			if k > 0 {
				sb.WriteString("\n\n")
			}
			sb.WriteString(unmatchedParas[(i+k)%len(unmatchedParas)])
			if i%3 == 0 && k == 1 {
				fmt.Fprintf(&sb, " Sanctions on %s were raised again in the debate over the %d plan.", synthNames[i%len(synthNames)], 2000+i%25)
			}
		}
		docs[i] = Document{ID: "gen-" + strconv.Itoa(i), Fields: []Field{{Name: "title", Text: unmatchedTitle}, {Name: "body", Text: sb.String()}}}
	}
	return docs
}
