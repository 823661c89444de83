package watchlist

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// LoadError says why a watchlist could not be loaded: which source, which
// file and line, and what is wrong there. Callers (the CLI, the HTTP API)
// can show it as is or use its fields.
type LoadError struct {
	Source string // the spec, e.g. "csv:/x/list.csv"
	File   string // the file at fault, when the source has several (ofac:DIR)
	Line   int    // 1-based line in the decompressed file; 0 when no line applies
	Reason string // what is wrong, e.g. `schema "Persn" is not one of ...`
	Err    error  // the underlying error, if any, for errors.Is and errors.As
}

// Error formats the error as
// "watchlist SOURCE[: FILE][: line N]: REASON".
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString("watchlist ")
	b.WriteString(e.Source)
	if e.File != "" && !strings.HasSuffix(e.Source, ":"+e.File) {
		b.WriteString(": ")
		b.WriteString(e.File)
	}
	if e.Line > 0 {
		b.WriteString(": line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *LoadError) Unwrap() error { return e.Err }

// place is where a loader is reading, so that it can report errors there.
type place struct {
	source string // the spec
	file   string // the file being read
}

// errorf returns a LoadError at line (0 for none) of the file.
func (p place) errorf(line int, format string, args ...any) error {
	return &LoadError{Source: p.source, File: p.file, Line: line, Reason: fmt.Sprintf(format, args...)}
}

// wrap returns a LoadError at line whose reason is what, then err. A
// path error's path is left out: the LoadError names the file.
func (p place) wrap(line int, what string, err error) error {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	return &LoadError{Source: p.source, File: p.file, Line: line, Reason: what + ": " + cause.Error(), Err: err}
}
