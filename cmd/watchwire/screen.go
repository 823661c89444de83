package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/engine"
	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/screen"
)

// errUsage reports bad flags; the flag package has already said why.
var errUsage = errors.New("usage")

// specs is a repeatable flag.
type specs []string

func (s *specs) String() string     { return fmt.Sprint(*s) }
func (s *specs) Set(v string) error { *s = append(*s, v); return nil }

func runScreen(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("watchwire screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var lists specs
	fs.Var(&lists, "watchlist", "watchlist `SPEC`: ofac:DIR, opensanctions:FILE or csv:FILE, or KIND:https://... (repeatable; default: the bundled OFAC list)")
	in := fs.String("in", "-", "input `FILE` of JSON lines {\"id\",\"title\",\"body\"}, or - for standard input")
	out := fs.String("out", "-", "output `FILE`, or - for standard output")
	minScore := fs.Float64("min-score", engine.DefaultMinScore, "report matches scoring at least `S` (0-1)")
	format := fs.String("format", "json", "output format: json (one object per article) or text (each hit in context, for people)")
	text := fs.Bool("text", false, "read the input as plain text: one article, id = the file name")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "screen with `N` goroutines (output keeps the input order)")
	stats := fs.Bool("stats", false, "print throughput and counts to standard error every 5 s and at the end")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: watchwire screen [--watchlist SPEC]... [--in FILE] [--out FILE] [--min-score S] [--format json|text] [--text] [--stats]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "watchwire screen: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *minScore < 0 || *minScore > 1 {
		return fmt.Errorf("--min-score %v is outside [0, 1]", *minScore)
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("--format %q: want json or text", *format)
	}
	if len(lists) == 0 {
		spec, err := bundledOFAC()
		if err != nil {
			return err
		}
		lists = append(lists, spec)
	}
	start := time.Now()
	ls, err := refresh.LoadAll(ctx, lists, refresh.Options{})
	if err != nil {
		return err
	}
	eng, err := engine.New(ls...)
	if err != nil {
		return err
	}
	if *stats {
		for _, l := range ls {
			fmt.Fprintf(stderr, "watchlist %s: %d entities, %d aliases, version %s\n", l.Source, l.Counts.Entities, l.Counts.Aliases, l.Version)
		}
		fmt.Fprintf(stderr, "engine built in %s\n", time.Since(start).Round(time.Millisecond))
	}
	r, closeIn, err := openIn(*in, stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	w, closeOut, err := openOut(*out, stdout)
	if err != nil {
		return err
	}
	opts := screen.Options{MinScore: *minScore, Workers: *workers, Human: *format == "text", Errors: stderr}
	if *text {
		opts.PlainText = filepath.Base(*in)
	}
	if *stats {
		opts.Progress = stderr
	}
	sum, runErr := screen.Run(ctx, eng, r, w, opts)
	if err := closeOut(); err != nil && runErr == nil {
		runErr = err
	}
	if *stats {
		fmt.Fprintln(stderr, sum)
	}
	if runErr != nil {
		return runErr
	}
	if sum.Bad > 0 {
		return fmt.Errorf("%d of %d input lines were malformed (reported above) and skipped", sum.Bad, sum.Lines)
	}
	return nil
}

func openIn(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" || name == "" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the input: %w", err)
	}
	return f, func() { f.Close() }, nil
}

func openOut(name string, stdout io.Writer) (io.Writer, func() error, error) {
	if name == "-" || name == "" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		return bw, bw.Flush, nil
	}
	f, err := os.Create(name)
	if err != nil {
		return nil, nil, fmt.Errorf("creating the output: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	return bw, func() error {
		if err := bw.Flush(); err != nil {
			f.Close()
			return fmt.Errorf("writing %s: %w", name, err)
		}
		return f.Close()
	}, nil
}

// bundledOFAC finds the OFAC list that ships with the repository
// (data/ofac), looking in the working directory and its parents.
func bundledOFAC() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the bundled OFAC list: %w", err)
	}
	for {
		p := filepath.Join(dir, "data", "ofac")
		if _, err := os.Stat(filepath.Join(p, "sdn.csv.gz")); err == nil {
			return "ofac:" + p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no --watchlist given and the bundled OFAC list (data/ofac) is not in this directory or above it")
		}
		dir = parent
	}
}
