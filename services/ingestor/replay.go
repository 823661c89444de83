package ingestor

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/watchwire/watchwire/pkg/events"
)

// ReplayOptions tunes Replay.
type ReplayOptions struct {
	// BatchSize is how many articles are published together (default 500).
	BatchSize int
	// SkipInvalid skips bad lines, reporting each to OnSkip, instead of
	// stopping at the first.
	SkipInvalid bool
	OnSkip      func(*LineError)
}

// ReplayResult counts what Replay did.
type ReplayResult struct {
	Lines, Accepted, Duplicates, Skipped int
}

// maxLineBytes bounds one JSON line.
const maxLineBytes = 4 << 20

// Replay reads JSON lines (one article each) from r and publishes them in
// batches. It stops at the first bad line with a *LineError, after
// publishing every article before it, unless opts.SkipInvalid is set.
// Replaying the same lines again is safe: repeats are duplicates.
func Replay(ctx context.Context, r io.Reader, d Decoder, pub ArticlePublisher, opts ReplayOptions) (ReplayResult, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 500
	}
	var res ReplayResult
	batch := make([]events.Article, 0, opts.BatchSize)
	flush := func() error {
		out, err := pub.Publish(ctx, batch)
		res.Accepted += out.Accepted
		res.Duplicates += out.Duplicates
		batch = batch[:0]
		return err
	}
	br := bufio.NewReader(r)
	for {
		line, readErr := readLine(br)
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			return res, errors.Join(&LineError{Line: res.Lines + 1, Err: readErr}, flush())
		}
		eof := readErr != nil
		if !eof || len(line) > 0 {
			res.Lines++
			a, err := decodeLine(d, line, res.Lines)
			switch {
			case err != nil && !opts.SkipInvalid:
				return res, errors.Join(err, flush())
			case err != nil:
				res.Skipped++
				if opts.OnSkip != nil {
					opts.OnSkip(err)
				}
			case a != nil:
				batch = append(batch, *a)
			}
		}
		if len(batch) == opts.BatchSize || (eof && len(batch) > 0) {
			if err := flush(); err != nil {
				return res, err
			}
		}
		if eof {
			return res, nil
		}
	}
}

// decodeLine decodes one line; a blank line gives no article and no error.
func decodeLine(d Decoder, line []byte, n int) (*events.Article, *LineError) {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, nil
	}
	a, err := d.Decode(line)
	if err != nil {
		return nil, &LineError{Line: n, Err: err}
	}
	return &a, nil
}

// readLine returns the next line without its line break; io.EOF with the
// last (possibly empty) line.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLineBytes {
			return nil, fmt.Errorf("longer than %d bytes", maxLineBytes)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			line = line[:len(line)-1]
		}
		return line, err
	}
}
