package watchlist

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// OpenSanctions publishes each dataset as targets.simple.csv (one row per
// sanctioned target, multi-values joined by ';') and as entities.ftm.json
// (FollowTheMoney entities, one JSON object per line). The loader tells
// them apart by their first byte: '{' starts an entity.
const osList = "opensanctions"

func loadOpenSanctions(ctx context.Context, spec, path string) (*List, error) {
	p := place{spec, path}
	return loadStream(p, func(s *stream) (*List, error) { return readOpenSanctions(ctx, p, s) })
}

func readOpenSanctions(ctx context.Context, p place, s *stream) (*List, error) {
	for {
		b, err := s.Peek(1)
		if errors.Is(err, io.EOF) {
			return nil, p.errorf(0, "empty file: want targets.simple.csv or entities.ftm.json")
		}
		if err != nil {
			return nil, p.wrap(0, "cannot read", err)
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			s.Discard(1)
			continue
		case '{':
			return readFtM(ctx, p, s)
		}
		return readSimpleCSV(ctx, p, s)
	}
}

// ftmSchema maps the FollowTheMoney schemas that name a screenable entry;
// other schemas (Address, Sanction, Ownership, ...) are not names.
func ftmSchema(s string) (Schema, bool) {
	switch s {
	case "Person":
		return Person, true
	case "Organization", "Company", "LegalEntity", "PublicBody":
		return Organization, true
	case "Vessel":
		return Vessel, true
	case "Airplane":
		return Aircraft, true
	}
	return "", false
}

// simpleReader reads targets.simple.csv row by row. Columns are found by
// name in the header, since OpenSanctions adds columns over time
// (program_ids, last_change). The aliases column mixes all of an
// entity's other names, weak or former ones too: they all count as
// strong, as the file cannot tell them apart.
type simpleReader struct {
	at     place
	list   *List
	col    map[string]int
	lineOf map[string]int // entity id -> the line it is on
}

func readSimpleCSV(ctx context.Context, p place, s *stream) (*List, error) {
	r := &simpleReader{at: p, list: newList(osList), lineOf: map[string]int{}}
	err := eachCSV(ctx, p, s, func(rec []string, line int) error {
		if r.col == nil {
			return r.header(rec, line)
		}
		return r.row(rec, line)
	})
	if err != nil {
		return nil, err
	}
	return r.list.finish(s.version()), nil
}

func (r *simpleReader) header(rec []string, line int) error {
	col, err := columns(r.at, rec, line, nil)
	if err != nil {
		return err
	}
	for _, c := range [...]string{"id", "schema", "name"} {
		if _, ok := col[c]; !ok {
			return r.at.errorf(line, "header has no %q column: not a targets.simple.csv (nor a FollowTheMoney JSON file)", c)
		}
	}
	r.col = col
	return nil
}

func (r *simpleReader) row(rec []string, line int) error {
	if err := wantFields(r.at, rec, line, len(r.col)); err != nil {
		return err
	}
	id, name, schema := r.field(rec, "id"), r.field(rec, "name"), r.field(rec, "schema")
	e, err := osEntity(r.at, line, id, schema, name, r.lineOf)
	if err != nil {
		return err
	}
	if e == nil {
		r.list.skip(schemaSkip(schema))
		return nil
	}
	vals := func(col string) ([]string, error) { return r.values(rec, line, col) }
	aliases, err := vals("aliases")
	if err != nil {
		return err
	}
	for _, a := range aliases {
		addAlias(e, a, Strong)
	}
	countries, err := vals("countries")
	if err != nil {
		return err
	}
	for _, c := range countries {
		e.Countries = addUnique(e.Countries, c)
	}
	if e.Schema == Person {
		births, err := vals("birth_date")
		if err != nil {
			return err
		}
		addBirthDates(e, births)
	}
	if e.Programs, err = r.programs(rec, line); err != nil {
		return err
	}
	r.list.Entities = append(r.list.Entities, *e)
	return nil
}

// osEntity starts an entity from its id, schema and name, which must be
// there; it returns nil (and no error) for a schema that names no
// screenable entry.
func osEntity(p place, line int, id, schema, name string, lineOf map[string]int) (*Entity, error) {
	if id == "" {
		return nil, p.errorf(line, "id is empty")
	}
	if prev, dup := lineOf[id]; dup {
		return nil, p.errorf(line, "id %q is also on line %d", id, prev)
	}
	lineOf[id] = line
	if schema == "" {
		return nil, p.errorf(line, "schema is empty")
	}
	s, ok := ftmSchema(schema)
	if !ok {
		return nil, nil
	}
	if name == "" {
		return nil, p.errorf(line, "name is empty")
	}
	return &Entity{ID: id, List: osList, Schema: s, Name: name}, nil
}

// programs are the first part of each sanction ("PROGRAM - reason -
// status - dates"), or else the program_ids.
func (r *simpleReader) programs(rec []string, line int) ([]string, error) {
	sanctions, err := r.values(rec, line, "sanctions")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range sanctions {
		program, _, _ := strings.Cut(s, " - ")
		out = addUnique(out, program)
	}
	if len(out) > 0 {
		return out, nil
	}
	ids, err := r.values(rec, line, "program_ids")
	for _, id := range ids {
		out = addUnique(out, id)
	}
	return out, err
}

func (r *simpleReader) field(rec []string, col string) string {
	return strings.TrimSpace(rec[r.col[col]])
}

// values splits an optional multi-value column. OpenSanctions joins values
// with ';' as a CSV row of its own, quoting values that hold ';' or '"'.
func (r *simpleReader) values(rec []string, line int, col string) ([]string, error) {
	i, ok := r.col[col]
	if !ok || strings.TrimSpace(rec[i]) == "" {
		return nil, nil
	}
	v := rec[i]
	if !strings.Contains(v, `"`) {
		return nonEmpty(strings.Split(v, ";")), nil
	}
	cr := csv.NewReader(strings.NewReader(v))
	cr.Comma, cr.FieldsPerRecord = ';', -1
	vs, err := cr.Read()
	if err == nil {
		if _, err = cr.Read(); errors.Is(err, io.EOF) {
			return nonEmpty(vs), nil
		}
		if err == nil {
			err = errors.New("a line break outside quotes")
		}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return nil, r.at.wrap(line, "column "+col+": values are not ';'-joined CSV", err)
}

// nonEmpty trims vs and drops empty values, in place.
func nonEmpty(vs []string) []string {
	out := vs[:0]
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
