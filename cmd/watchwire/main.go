// Command watchwire screens news against sanctions watchlists: one-off
// (screen), or as the live pipeline on embedded or real brokers (up).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: it parses its own flags from args.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

// commands lists the subcommands. Each lives in its own file.
func commands() map[string]command {
	return map[string]command{
		"screen":    {"screen articles (JSON lines or text) against watchlists", runScreen},
		"ingest":    {"replay JSON lines (FILE or -) into the NEWS stream", runIngest},
		"up":        {"run the whole pipeline (embedded NATS and Kafka) and print alerts", runUp},
		"watchlist": {"compare two versions of a watchlist (diff), count what one holds (stats)", runWatchlist},
		"suppress":  {"add, list and remove reviewed false positives (alerts not to raise)", runSuppress},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "watchwire: unknown command %q\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cmd.run(ctx, args[1:], stdin, stdout, stderr); err != nil {
		if err != errUsage {
			fmt.Fprintf(stderr, "watchwire %s: %v\n", args[0], err)
		}
		return 1
	}
	return 0
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: watchwire <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
}

// subcommand is one verb of a command with verbs (watchwire watchlist diff).
type subcommand func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// dispatch runs the verb args[0] of command name, or prints its usage.
func dispatch(ctx context.Context, name, usage string, verbs map[string]subcommand, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	if run, ok := verbs[args[0]]; ok {
		return run(ctx, args[1:], stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "watchwire %s: unknown command %q\n%s", name, args[0], usage)
	return errUsage
}
