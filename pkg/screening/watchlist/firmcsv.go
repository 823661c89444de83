package watchlist

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
)

// firmHeader is the header of a firm's own list. The columns may come in
// any order; id, name and schema are required, aliases and programs not.
// Aliases and programs hold several values joined by ';'.
const firmHeader = "id,name,schema,aliases,programs"

const schemaHelp = "Person, Organization, Vessel, Aircraft"

// loadCSV reads a firm's own list. The list is named after the file:
// /x/pep.csv is "pep".
func loadCSV(ctx context.Context, spec, path string) (*List, error) {
	p := place{spec, path}
	name := csvListName(path)
	if name == "" {
		return nil, p.errorf(0, "cannot name the list after the file: want a name such as mylist.csv")
	}
	return loadStream(p, func(s *stream) (*List, error) { return readFirmCSV(ctx, p, name, s) })
}

// csvListName is a file's base name without .gz and its extension.
func csvListName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), ".gz")
	return strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))
}

// firmReader reads a firm's list row by row.
type firmReader struct {
	at     place
	list   *List
	col    map[string]int // column name -> index
	lineOf map[string]int // entity id -> the line it is on
}

func readFirmCSV(ctx context.Context, p place, name string, s *stream) (*List, error) {
	r := &firmReader{at: p, list: newList(name), lineOf: map[string]int{}}
	err := eachCSV(ctx, p, s, func(rec []string, line int) error {
		if r.col == nil {
			return r.header(rec, line)
		}
		return r.row(rec, line)
	})
	if err != nil {
		return nil, err
	}
	if r.col == nil {
		return nil, p.errorf(0, "empty file: want a header row %s", firmHeader)
	}
	return r.list.finish(s.version()), nil
}

func (r *firmReader) header(rec []string, line int) error {
	known := strings.Split(firmHeader, ",")
	col, err := columns(r.at, rec, line, known)
	if err != nil {
		return err
	}
	for _, c := range known[:3] {
		if _, ok := col[c]; !ok {
			return r.at.errorf(line, "header has no %q column: want %s", c, firmHeader)
		}
	}
	r.col = col
	return nil
}

func (r *firmReader) row(rec []string, line int) error {
	if err := wantFields(r.at, rec, line, len(r.col)); err != nil {
		return err
	}
	e := Entity{List: r.list.Name, ID: strings.TrimSpace(rec[r.col["id"]]), Name: strings.TrimSpace(rec[r.col["name"]])}
	if e.ID == "" {
		return r.at.errorf(line, "id is empty")
	}
	if prev, dup := r.lineOf[e.ID]; dup {
		return r.at.errorf(line, "id %q is also on line %d", e.ID, prev)
	}
	if e.Name == "" {
		return r.at.errorf(line, "name is empty")
	}
	schema := strings.TrimSpace(rec[r.col["schema"]])
	var ok bool
	if e.Schema, ok = firmSchema(schema); !ok {
		if schema == "" {
			return r.at.errorf(line, "schema is empty: want one of %s", schemaHelp)
		}
		return r.at.errorf(line, "schema %q is not one of %s", schema, schemaHelp)
	}
	for _, a := range r.values(rec, "aliases") {
		addAlias(&e, a, Strong)
	}
	for _, p := range r.values(rec, "programs") {
		e.Programs = addUnique(e.Programs, p)
	}
	r.lineOf[e.ID] = line
	r.list.Entities = append(r.list.Entities, e)
	return nil
}

// values splits an optional ';'-joined column.
func (r *firmReader) values(rec []string, column string) []string {
	i, ok := r.col[column]
	if !ok {
		return nil
	}
	return strings.Split(rec[i], ";")
}

// firmSchema reads a schema, ignoring case and accepting common synonyms.
func firmSchema(s string) (Schema, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "individual":
		return Person, true
	case "organization", "organisation", "company", "entity":
		return Organization, true
	case "vessel", "ship":
		return Vessel, true
	case "aircraft", "airplane":
		return Aircraft, true
	}
	return "", false
}

// columns maps a header row's column names (trimmed, lower case) to
// their index. Duplicate names are refused, and so are names not in
// known unless known is nil.
func columns(p place, rec []string, line int, known []string) (map[string]int, error) {
	col := make(map[string]int, len(rec))
	for i, c := range rec {
		c = strings.ToLower(strings.TrimSpace(c))
		if _, dup := col[c]; dup {
			return nil, p.errorf(line, "header names column %q twice", c)
		}
		if known != nil && !slices.Contains(known, c) {
			return nil, p.errorf(line, "header names unknown column %q: want %s", c, strings.Join(known, ","))
		}
		col[c] = i
	}
	return col, nil
}
