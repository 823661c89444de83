package refresh

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Options tune how a Refresher polls its sources. The zero value of each
// field means its default.
type Options struct {
	// FilePoll is how often a file source's files are checked for a
	// change of size or modification time. Default 1 s.
	FilePoll time.Duration
	// URLPoll is how often a URL source is asked, with a conditional
	// GET, whether it changed. Default 1 h.
	URLPoll time.Duration
	// RetryMin is the wait before retrying a URL source after a failed
	// refresh; it doubles with each failure in a row, up to URLPoll.
	// Default 10 s.
	RetryMin time.Duration
	// FetchTimeout bounds one refresh of a URL source: all its files.
	// Default 5 min.
	FetchTimeout time.Duration
	// MaxBytes bounds each downloaded file, as sent. Default 512 MiB.
	MaxBytes int64
	// MaxShrink is the largest fraction of its entries a new version may
	// lose: one that loses more is refused and the current version kept.
	// A new version with no entries is always refused. Default 0.2.
	MaxShrink float64
	// Client makes the HTTP requests. Default: a client with the default
	// transport (FetchTimeout bounds the requests).
	Client *http.Client
	// TempDir is where downloads are unpacked while they are loaded; a
	// URL source's last download stays there until the next one or Close.
	// Default: os.TempDir().
	TempDir string
}

// Defaults.
const (
	DefaultFilePoll     = time.Second
	DefaultURLPoll      = time.Hour
	DefaultRetryMin     = 10 * time.Second
	DefaultFetchTimeout = 5 * time.Minute
	DefaultMaxBytes     = 512 << 20
	DefaultMaxShrink    = 0.2
)

// withDefaults fills the fields left zero and checks the others.
func (o Options) withDefaults() (Options, error) {
	if err := o.validate(); err != nil {
		return o, err
	}
	o.FilePoll = or(o.FilePoll, DefaultFilePoll)
	o.URLPoll = or(o.URLPoll, DefaultURLPoll)
	o.RetryMin = min(or(o.RetryMin, DefaultRetryMin), o.URLPoll)
	o.FetchTimeout = or(o.FetchTimeout, DefaultFetchTimeout)
	o.MaxBytes = or(o.MaxBytes, DefaultMaxBytes)
	o.MaxShrink = or(o.MaxShrink, DefaultMaxShrink)
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	return o, nil
}

func (o Options) validate() error {
	var errs []error
	durations := []struct {
		name string
		d    time.Duration
	}{{"FilePoll", o.FilePoll}, {"URLPoll", o.URLPoll}, {"RetryMin", o.RetryMin}, {"FetchTimeout", o.FetchTimeout}}
	for _, f := range durations {
		if f.d < 0 {
			errs = append(errs, fmt.Errorf("%s %v is negative", f.name, f.d))
		}
	}
	if o.MaxBytes < 0 {
		errs = append(errs, fmt.Errorf("MaxBytes %d is negative", o.MaxBytes))
	}
	if !(o.MaxShrink >= 0 && o.MaxShrink <= 1) {
		errs = append(errs, fmt.Errorf("MaxShrink %v is not a fraction in [0, 1]", o.MaxShrink))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("refresh: options: %w", err)
	}
	return nil
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
