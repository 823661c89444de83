// Package screen runs the engine over a stream of articles in JSON lines
// and writes one result per article, in input order: the batch form of
// screening behind `watchwire screen`.
package screen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/engine"
)

// Options says how Run screens and writes.
type Options struct {
	MinScore  float64   // report matches scoring at least this
	Workers   int       // goroutines screening at once; output keeps the input order
	Human     bool      // write each hit in context for people instead of JSON
	PlainText string    // if set, the input is plain text: one article with this id
	Errors    io.Writer // malformed lines are reported here, with their line number
	Progress  io.Writer // if set, a throughput line is written here every 5 s
}

// Article is an input line: the fields screening reads. Other fields are
// ignored.
type Article struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Body  string `json:"body"`
}

// Result is an output line.
type Result struct {
	ArticleID string         `json:"article_id"`
	Matches   []engine.Match `json:"matches"`
}

// Summary counts what a run did.
type Summary struct {
	Lines, Articles, Bad, Matched, Matches int
	Bytes                                  int64
	Elapsed                                time.Duration
}

func (s Summary) String() string {
	mbps := float64(s.Bytes) / 1e6 / max(s.Elapsed.Seconds(), 1e-9)
	return fmt.Sprintf("screened %d articles (%d lines, %d malformed) in %s, %.1f MB/s; %d articles matched, %d matches",
		s.Articles, s.Lines, s.Bad, s.Elapsed.Round(time.Millisecond), mbps, s.Matched, s.Matches)
}

// job is one input line on its way through the workers.
type job struct {
	seq  int
	line int
	data []byte
	out  []byte
	err  error
	n    int // matches
}

// Run screens every article read from r and writes the results to w.
// A malformed line is reported to opts.Errors and skipped; Run returns an
// error only when reading or writing fails.
func Run(ctx context.Context, eng *engine.Engine, r io.Reader, w io.Writer, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	if opts.Errors == nil {
		opts.Errors = io.Discard
	}
	if opts.PlainText != "" {
		return runText(eng, r, w, opts, start)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *job, opts.Workers*4)
	done := make(chan *job, opts.Workers*4)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				screenLine(eng, j, opts)
				done <- j
			}
		}()
	}
	var readErr error
	go func() {
		readErr = feed(ctx, r, jobs)
		close(jobs)
		wg.Wait()
		close(done)
	}()
	sum, writeErr := collect(done, w, opts, start)
	cancel()
	for range done { // drain after a write error so the workers can finish
	}
	sum.Elapsed = time.Since(start)
	return sum, errors.Join(readErr, writeErr)
}

// feed reads lines into jobs, numbering them.
func feed(ctx context.Context, r io.Reader, jobs chan<- *job) error {
	br := bufio.NewReaderSize(r, 1<<20)
	seq := 0
	for line := 1; ; line++ {
		data, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(data)) > 0 {
			select {
			case jobs <- &job{seq: seq, line: line, data: data}:
				seq++
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading the input at line %d: %w", line, err)
		}
	}
}

// collect writes the results in input order.
func collect(done <-chan *job, w io.Writer, opts Options, start time.Time) (Summary, error) {
	var sum Summary
	pending := make(map[int]*job)
	next := 0
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		select {
		case j, ok := <-done:
			if !ok {
				return sum, nil
			}
			pending[j.seq] = j
			for p := pending[next]; p != nil; p = pending[next] {
				delete(pending, next)
				next++
				if err := write(p, w, opts, &sum); err != nil {
					return sum, err
				}
			}
		case <-tick.C:
			if opts.Progress != nil {
				sum.Elapsed = time.Since(start)
				fmt.Fprintln(opts.Progress, sum)
			}
		}
	}
}

func write(j *job, w io.Writer, opts Options, sum *Summary) error {
	sum.Lines++
	sum.Bytes += int64(len(j.data))
	if j.err != nil {
		sum.Bad++
		fmt.Fprintf(opts.Errors, "line %d: %v\n", j.line, j.err)
		return nil
	}
	sum.Articles++
	sum.Matches += j.n
	if j.n > 0 {
		sum.Matched++
	}
	if _, err := w.Write(j.out); err != nil {
		return fmt.Errorf("writing the result of line %d: %w", j.line, err)
	}
	return nil
}

// screenLine decodes, screens and encodes one line.
func screenLine(eng *engine.Engine, j *job, opts Options) {
	var a Article
	if err := json.Unmarshal(j.data, &a); err != nil {
		j.err = fmt.Errorf("not a JSON article: %v", err)
		return
	}
	if strings.TrimSpace(a.ID) == "" {
		j.err = errors.New(`the article has no "id"`)
		return
	}
	ms := eng.Screen(engine.Document{ID: a.ID, Fields: []engine.Field{{Name: "title", Text: a.Title}, {Name: "body", Text: a.Body}}}, opts.MinScore)
	j.n = len(ms)
	j.out = encode(a, ms, opts.Human)
}

func encode(a Article, ms []engine.Match, human bool) []byte {
	if human {
		return []byte(Explain(a, ms))
	}
	if len(ms) == 0 { // most articles: skip the reflection over Result
		id, _ := json.Marshal(a.ID)
		b := make([]byte, 0, len(id)+32)
		b = append(append(append(b, `{"article_id":`...), id...), `,"matches":[]}`+"\n"...)
		return b
	}
	b, _ := json.Marshal(Result{ArticleID: a.ID, Matches: ms}) // plain strings and numbers: cannot fail
	return append(b, '\n')
}

// runText screens the whole input as one plain-text article.
func runText(eng *engine.Engine, r io.Reader, w io.Writer, opts Options, start time.Time) (Summary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Summary{}, fmt.Errorf("reading the input: %w", err)
	}
	a := Article{ID: opts.PlainText, Body: string(data)}
	ms := eng.Screen(engine.Document{ID: a.ID, Fields: []engine.Field{{Name: "body", Text: a.Body}}}, opts.MinScore)
	sum := Summary{Lines: 1, Articles: 1, Matches: len(ms), Bytes: int64(len(data))}
	if len(ms) > 0 {
		sum.Matched = 1
	}
	_, err = w.Write(encode(a, ms, opts.Human))
	sum.Elapsed = time.Since(start)
	if err != nil {
		return sum, fmt.Errorf("writing the result: %w", err)
	}
	return sum, nil
}
