package refresh

import (
	"context"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// Load loads the list that spec names once, as watchlist.Load does, and
// also from a URL (KIND:https://..., see the package doc), downloading
// within o's FetchTimeout and MaxBytes.
func Load(ctx context.Context, spec string, o Options) (*watchlist.List, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	src, err := newSource(spec, o)
	if err != nil {
		return nil, err
	}
	// A source loads in full the first time it is asked.
	_, l, err := src.load(ctx)
	release(src) // nothing here takes a snapshot of it
	return l, err
}

// LoadAll loads each spec once, as Load does, in turn, and stops at the
// first error; two lists with the same name are refused (see
// watchlist.LoadAll).
func LoadAll(ctx context.Context, specs []string, o Options) ([]*watchlist.List, error) {
	return watchlist.LoadEach(ctx, specs, func(ctx context.Context, spec string) (*watchlist.List, error) {
		return Load(ctx, spec, o)
	})
}
