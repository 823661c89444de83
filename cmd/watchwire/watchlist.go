package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/watchwire/watchwire/pkg/screening/refresh"
	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

const watchlistUsage = `usage: watchwire watchlist diff [--json] OLD NEW
       watchwire watchlist stats [--json] [--top N] SPEC

OLD, NEW and SPEC are watchlist specs: ofac:DIR, opensanctions:FILE, csv:FILE,
or the same kinds at a URL (ofac:https://host/dir/, csv:https://host/list.csv).

  diff   what NEW adds, removes and changes compared with OLD (entries by id,
         their names, aliases and programs), then a summary
  stats  counts by schema and program, aliases by strength, skipped rows
`

func runWatchlist(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return dispatch(ctx, "watchlist", watchlistUsage, map[string]subcommand{
		"diff":  runWatchlistDiff,
		"stats": runWatchlistStats,
	}, args, stdout, stderr)
}

// parseAnywhere parses fs's flags wherever they are among args, so that
// `diff OLD NEW --json` works, and returns the other arguments.
func parseAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// watchlistFlags is a subcommand's flag set, printing usage to stderr.
func watchlistFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("watchwire watchlist "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, watchlistUsage)
		fs.PrintDefaults()
	}
	return fs
}

// wantArgs checks the number of positional arguments.
func wantArgs(stderr io.Writer, cmd string, args []string, names ...string) error {
	if len(args) == len(names) {
		return nil
	}
	fmt.Fprintf(stderr, "watchwire watchlist %s: want %s, got %d argument(s)\n", cmd, strings.Join(names, " and "), len(args))
	return errUsage
}

// listSummary names one side of a diff.
type listSummary struct {
	Name     string `json:"name"`
	Source   string `json:"source"`
	Version  string `json:"version"`
	Entities int    `json:"entities"`
}

func summarise(l *watchlist.List) listSummary {
	return listSummary{Name: l.Name, Source: l.Source, Version: l.Version, Entities: len(l.Entities)}
}

func runWatchlistDiff(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := watchlistFlags("diff", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object: old, new and changes")
	rest, err := parseAnywhere(fs, args)
	if err != nil {
		return errUsage
	}
	if err := wantArgs(stderr, "diff", rest, "OLD", "NEW"); err != nil {
		return err
	}
	old, err := refresh.Load(ctx, rest[0], refresh.Options{})
	if err != nil {
		return fmt.Errorf("loading OLD: %w", err)
	}
	next, err := refresh.Load(ctx, rest[1], refresh.Options{})
	if err != nil {
		return fmt.Errorf("loading NEW: %w", err)
	}
	c := watchlist.Diff(old, next)
	if *asJSON {
		return writeJSON(stdout, struct {
			Old     listSummary       `json:"old"`
			New     listSummary       `json:"new"`
			Changes watchlist.Changes `json:"changes"`
		}{summarise(old), summarise(next), c})
	}
	return printDiff(stdout, old, next, c)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printDiff writes the changes for people: each entry on a line, what
// changed in it indented below.
func printDiff(w io.Writer, old, next *watchlist.List, c watchlist.Changes) error {
	p := &printer{w: w}
	p.f("old: %s (%s, %d entries)\n", old.Source, old.Version, len(old.Entities))
	p.f("new: %s (%s, %d entries)\n", next.Source, next.Version, len(next.Entities))
	p.section("added", len(c.Added))
	for _, e := range c.Added {
		p.entity("+", e)
		p.aliases("aka", e.Aliases)
	}
	p.section("removed", len(c.Removed))
	for _, e := range c.Removed {
		p.entity("-", e)
	}
	p.section("changed", len(c.Changed))
	for _, ch := range c.Changed {
		p.change(ch)
	}
	n := c.Counts
	p.f("\nsummary: %d added, %d removed, %d changed; %d names added, %d names removed\n",
		n.Added, n.Removed, n.Changed, n.NamesAdded, n.NamesRemoved)
	return p.err
}

// printer writes text, keeping the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func (p *printer) section(name string, n int) {
	if n > 0 {
		p.f("\n%s (%d):\n", name, n)
	}
}

func (p *printer) entity(mark string, e watchlist.Entity) {
	p.f("  %s %s  %s  %s%s\n", mark, e.ID, e.Schema, e.Name, programs(e.Programs))
}

func (p *printer) aliases(label string, as []watchlist.Alias) {
	if len(as) == 0 {
		return
	}
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = fmt.Sprintf("%s (%s)", a.Name, a.Strength)
	}
	p.f("      %s %s\n", label, strings.Join(names, "; "))
}

func (p *printer) change(ch watchlist.EntityChange) {
	was := ""
	if ch.OldName != "" {
		was = fmt.Sprintf(" (was %s)", ch.OldName)
	}
	p.f("  ~ %s  %s  %s%s\n", ch.ID, ch.Entity.Schema, ch.Entity.Name, was)
	p.aliases("+ names", ch.NamesAdded)
	p.aliases("- names", ch.NamesRemoved)
	for _, s := range ch.Restrength {
		p.f("      ~ alias %s: %s -> %s\n", s.Name, s.Old, s.New)
	}
	p.values("+ programs", ch.ProgramsAdded)
	p.values("- programs", ch.ProgramsRemoved)
	p.values("~ also", ch.Fields)
}

func (p *printer) values(label string, vs []string) {
	if len(vs) > 0 {
		p.f("      %s %s\n", label, strings.Join(vs, ", "))
	}
}

func programs(ps []string) string {
	if len(ps) == 0 {
		return ""
	}
	return "  [" + strings.Join(ps, ", ") + "]"
}

func runWatchlistStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := watchlistFlags("stats", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	top := fs.Int("top", 10, "list the `N` programs with most entries (0: all)")
	rest, err := parseAnywhere(fs, args)
	if err != nil {
		return errUsage
	}
	if err := wantArgs(stderr, "stats", rest, "SPEC"); err != nil {
		return err
	}
	if *top < 0 {
		return fmt.Errorf("--top %d is negative", *top)
	}
	start := time.Now()
	l, err := refresh.Load(ctx, rest[0], refresh.Options{})
	if err != nil {
		return err
	}
	took := time.Since(start)
	s := l.Stats()
	if *asJSON {
		return writeJSON(stdout, struct {
			watchlist.Stats
			LoadSeconds float64 `json:"load_seconds"`
		}{s, took.Seconds()})
	}
	return printStats(stdout, s, took, *top)
}

// printStats writes a list's stats for people, in aligned columns.
func printStats(w io.Writer, s watchlist.Stats, took time.Duration, top int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	p := &printer{w: tw}
	p.f("list\t%s\n", s.List)
	p.f("source\t%s\n", s.Source)
	p.f("version\t%s\n", s.Version)
	p.f("loaded\t%s (in %s)\n", s.LoadedAt.Format(time.RFC3339), took.Round(time.Millisecond))
	p.f("entities\t%d\n", s.Entities)
	for _, schema := range []watchlist.Schema{watchlist.Person, watchlist.Organization, watchlist.Vessel, watchlist.Aircraft} {
		p.f("  %s\t%d\n", schema, s.BySchema[schema])
	}
	p.f("aliases\t%d\n", s.Aliases)
	for _, st := range []watchlist.Strength{watchlist.Strong, watchlist.Weak, watchlist.Formerly} {
		p.f("  %s\t%d\n", st, s.AliasesBy[st])
	}
	shown := s.Programs
	if top > 0 && len(shown) > top {
		shown = shown[:top]
	}
	p.f("programs\t%d (%d shown)\n", len(s.Programs), len(shown))
	for _, pc := range shown {
		p.f("  %s\t%d\n", pc.Program, pc.Entities)
	}
	p.f("  (none)\t%d\n", s.NoProgram)
	p.f("skipped rows\t%d\n", s.SkippedRows)
	for _, reason := range slices.Sorted(maps.Keys(s.Skipped)) {
		p.f("  %s\t%d\n", reason, s.Skipped[reason])
	}
	if p.err != nil {
		return p.err
	}
	return tw.Flush()
}
