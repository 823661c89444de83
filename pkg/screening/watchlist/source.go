package watchlist

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"unicode/utf8"
)

const (
	// maxFileBytes bounds a file read whole (OFAC's): a larger one,
	// after decompression, is refused rather than exhausting memory.
	maxFileBytes = 1 << 30
	gzipMagic    = "\x1f\x8b"
	utf8BOM      = "\ufeff"
	// ctxEvery is how many records a loader reads between checks of its context.
	ctxEvery = 4096
)

// decompress returns r's content, gunzipped when it starts with gzip's
// magic bytes, whatever the file is called.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(len(gzipMagic))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if string(head) != gzipMagic {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, gzipError(err)
	}
	return gunzipReader{zr}, nil
}

// gunzipReader says in its errors that the gzip data is at fault.
type gunzipReader struct{ zr *gzip.Reader }

func (g gunzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = gzipError(err)
	}
	return n, err
}

func gzipError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("gzip data is truncated: %w", err)
	}
	return fmt.Errorf("gzip data is corrupt: %w", err)
}

// readWhole reads p.file whole, decompressed.
func readWhole(p place) ([]byte, error) {
	f, err := os.Open(p.file)
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	defer f.Close()
	return decodeWhole(p, f)
}

// decodeWhole reads r whole, decompressed, refusing more than maxFileBytes.
func decodeWhole(p place, r io.Reader) ([]byte, error) {
	dr, err := decompress(r)
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	data, err := io.ReadAll(io.LimitReader(dr, maxFileBytes+1))
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	if len(data) > maxFileBytes {
		return nil, p.errorf(0, "larger than %d MiB (decompressed)", maxFileBytes>>20)
	}
	return data, nil
}

// stream is a source file being read once, front to back: decompressed,
// without a leading byte order mark, and hashed as it goes so that its
// version is known when the loader reaches its end.
type stream struct {
	*bufio.Reader
	hash hash.Hash
}

func newStream(r io.Reader) (*stream, error) {
	dr, err := decompress(r)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(dr, h), 64<<10)
	if head, _ := br.Peek(len(utf8BOM)); string(head) == utf8BOM {
		br.Discard(len(utf8BOM))
	}
	return &stream{Reader: br, hash: h}, nil
}

// version is the digest of the bytes read so far: all of them once the
// loader has reached the end.
func (s *stream) version() string { return digest(s.hash) }

func digest(h hash.Hash) string { return "sha256:" + hex.EncodeToString(h.Sum(nil)) }

// loadStream opens p.file and hands it, as a stream, to read.
func loadStream(p place, read func(*stream) (*List, error)) (*List, error) {
	f, err := os.Open(p.file)
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	defer f.Close()
	s, err := newStream(f)
	if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	return read(s)
}

// eachCSV calls fn with every record of the CSV in r and the line it
// starts on, stopping at the first error. Records may differ in length:
// callers check, to say what they expected.
func eachCSV(ctx context.Context, p place, r io.Reader, fn func(rec []string, line int) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	for n := 0; ; n++ {
		if n%ctxEvery == 0 && ctx.Err() != nil {
			return p.wrap(0, "stopped", ctx.Err())
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvError(p, err)
		}
		line, _ := cr.FieldPos(0)
		if err := checkUTF8(p, rec, line); err != nil {
			return err
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}

func csvError(p place, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return p.wrap(0, "cannot read", err)
	}
	reason := fmt.Sprintf("column %d: %v", pe.Column, pe.Err)
	if pe.StartLine != pe.Line {
		reason += fmt.Sprintf(" (in the record starting on line %d)", pe.StartLine)
	}
	return &LoadError{Source: p.source, File: p.file, Line: pe.Line, Reason: reason, Err: err}
}

func checkUTF8(p place, rec []string, line int) error {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return p.errorf(line, "field %d is not valid UTF-8 (save the file as UTF-8)", i+1)
		}
	}
	return nil
}

// wantFields checks that a record has exactly n fields.
func wantFields(p place, rec []string, line, n int) error {
	if len(rec) != n {
		return p.errorf(line, "has %d fields, want %d", len(rec), n)
	}
	return nil
}
