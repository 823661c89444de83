package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/watchwire/watchwire/pkg/events"
	"github.com/watchwire/watchwire/pkg/platform"
	"github.com/watchwire/watchwire/services/alerter/suppress"
)

const suppressUsage = `usage: watchwire suppress add --entity ID (--article ID | --source NAME | --phrase TEXT) --who NAME --why TEXT [--expires DURATION]
       watchwire suppress list [--json]
       watchwire suppress remove KEY

Reviewed false positives: the alerter raises no alert for the entity in one
article (--article), in every article of a source (--source), or where every
mention of it is a phrase, in any case (--phrase: the vessel STAR for the word
"star"). Adding the same suppression again updates it. They are kept in the
JetStream key-value bucket ` + suppress.Bucket + ` on --nats-url, and apply
at once to every alerter.

flags (each also from WATCHWIRE_<FLAG>):
`

func runSuppress(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return dispatch(ctx, "suppress", suppressUsage, map[string]subcommand{
		"add":    runSuppressAdd,
		"list":   runSuppressList,
		"remove": runSuppressRemove,
	}, args, stdout, stderr)
}

func runSuppressAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newSuppressCmd("add", stderr)
	var s suppress.Suppression
	var expires time.Duration
	c.fs.StringVar(&s.EntityID, "entity", "", "`ID` of the watchlist entity")
	c.fs.StringVar(&s.ArticleID, "article", "", "suppress it in the article of this `ID`")
	c.fs.StringVar(&s.Source, "source", "", "suppress it in every article of this `SOURCE`")
	c.fs.StringVar(&s.Phrase, "phrase", "", "suppress it where every mention is this `TEXT` (any case)")
	c.fs.StringVar(&s.Who, "who", "", "`NAME` of who reviewed it (required)")
	c.fs.StringVar(&s.Why, "why", "", "`TEXT`: why it is a false positive (required)")
	c.fs.DurationVar(&expires, "expires", 0, "end the suppression after `DURATION` (e.g. 720h); default: never")
	if err := c.parse(args, 0); err != nil {
		return err
	}
	if expires < 0 {
		return errors.New("--expires: must be positive")
	}
	if expires > 0 {
		s.ExpiresAt = time.Now().Add(expires)
	}
	return c.withStore(ctx, func(st *suppress.Store) error {
		added, err := st.Add(ctx, s)
		if err != nil {
			return flagError(err)
		}
		fmt.Fprintf(stdout, "added %s: entity %s, %s %q\n", added.Key, added.EntityID, added.Kind, added.Target())
		return nil
	})
}

func runSuppressList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newSuppressCmd("list", stderr)
	asJSON := c.fs.Bool("json", false, `print {"suppressions": [...]} as the HTTP API does`)
	if err := c.parse(args, 0); err != nil {
		return err
	}
	return c.withStore(ctx, func(st *suppress.Store) error {
		all, err := st.List(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(stdout, suppress.List{Suppressions: all})
		}
		printSuppressions(stdout, all, time.Now())
		return nil
	})
}

func runSuppressRemove(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newSuppressCmd("remove", stderr)
	if err := c.parse(args, 1); err != nil {
		return err
	}
	key := c.args[0]
	return c.withStore(ctx, func(st *suppress.Store) error {
		if err := st.Remove(ctx, key); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed %s\n", key)
		return nil
	})
}

// printSuppressions prints a table, oldest first.
func printSuppressions(w io.Writer, all []suppress.Suppression, now time.Time) {
	if len(all) == 0 {
		fmt.Fprintln(w, "no suppressions")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tKIND\tENTITY\tTARGET\tWHO\tCREATED\tEXPIRES\tWHY")
	for _, s := range all {
		expires := "never"
		if !s.ExpiresAt.IsZero() {
			expires = s.ExpiresAt.Format(time.RFC3339)
			if s.Expired(now) {
				expires += " (expired)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%q\t%s\t%s\t%s\t%s\n", s.Key, s.Kind, s.EntityID, s.Target(), s.Who, s.CreatedAt.Format(time.RFC3339), expires, oneLine(s.Why))
	}
	tw.Flush()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// suppressCmd is one suppress subcommand: its flags, the NATS flags
// among them, and its positional arguments once parsed.
type suppressCmd struct {
	name string
	fs   *flag.FlagSet
	nats platform.NATSConfig
	wait time.Duration
	args []string
}

func newSuppressCmd(name string, stderr io.Writer) *suppressCmd {
	c := &suppressCmd{name: name, nats: platform.NATSConfig{Name: "watchwire-suppress"}}
	c.fs = flag.NewFlagSet("watchwire suppress "+name, flag.ContinueOnError)
	c.fs.SetOutput(stderr)
	c.fs.Usage = func() {
		fmt.Fprint(stderr, suppressUsage)
		c.fs.PrintDefaults()
	}
	c.nats.RegisterFlags(c.fs)
	c.fs.DurationVar(&c.wait, "connect-timeout", 10*time.Second, "how long to wait for NATS")
	return c
}

// parse parses flags anywhere among args, then WATCHWIRE_* variables for
// the flags not given, and checks the number of positional arguments.
func (c *suppressCmd) parse(args []string, want int) error {
	rest, err := parseAnywhere(c.fs, args)
	if err != nil {
		return errUsage
	}
	if err := platform.ApplyEnv(c.fs, os.LookupEnv); err != nil {
		return err
	}
	if len(rest) != want {
		fmt.Fprintf(c.fs.Output(), "watchwire suppress %s: want %d argument(s), got %d\n", c.name, want, len(rest))
		return errUsage
	}
	c.args = rest
	return nil
}

// withStore connects to NATS, opens the suppressions bucket, runs do and
// closes the connection.
func (c *suppressCmd) withStore(ctx context.Context, do func(*suppress.Store) error) error {
	cctx, cancel := context.WithTimeout(ctx, c.wait)
	defer cancel()
	nc, err := platform.Connect(cctx, c.nats, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	st, err := suppress.Open(cctx, js)
	if err != nil {
		return err
	}
	return do(st)
}

// flagError names the flag of a field error of Store.Add.
func flagError(err error) error {
	var fe *events.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	flags := map[string]string{
		"entity_id": "--entity", "article_id": "--article", "source": "--source", "phrase": "--phrase",
		"who": "--who", "why": "--why", "expires_at": "--expires", "target": "--article, --source or --phrase",
	}
	name, ok := flags[fe.Field]
	if !ok {
		return err
	}
	return fmt.Errorf("%s: %s", name, strings.NewReplacer("article_id", "--article", "source", "--source", "phrase", "--phrase").Replace(fe.Reason))
}
