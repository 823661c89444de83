package main

import (
	"context"
	"errors"
	"io"
)

// errUsage reports bad flags; the flag package has already said why.
var errUsage = errors.New("usage")

func runScreen(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("not yet implemented")
}
