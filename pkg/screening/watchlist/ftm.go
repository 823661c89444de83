package watchlist

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// maxJSONLine bounds one entity of entities.ftm.json.
const maxJSONLine = 64 << 20

// ftmLine is one FollowTheMoney entity as OpenSanctions exports it. Only
// the properties the loader reads are decoded, so that an unexpected
// value elsewhere does not refuse the file.
type ftmLine struct {
	ID         string                     `json:"id"`
	Schema     string                     `json:"schema"`
	Caption    string                     `json:"caption"`
	Target     *bool                      `json:"target"`
	Properties map[string]json.RawMessage `json:"properties"`
}

// ftmReader reads entities.ftm.json line by line.
type ftmReader struct {
	at       place
	list     *List
	lineOf   map[string]int      // entity id -> the line it is on
	programs map[string][]string // entity id -> programs of the Sanction entities naming it
}

func readFtM(ctx context.Context, p place, s *stream) (*List, error) {
	r := &ftmReader{at: p, list: newList(osList), lineOf: map[string]int{}, programs: map[string][]string{}}
	sc := bufio.NewScanner(s)
	sc.Buffer(make([]byte, 0, 64<<10), maxJSONLine)
	line := 0
	for sc.Scan() {
		if line++; line%ctxEvery == 1 && ctx.Err() != nil {
			return nil, p.wrap(0, "stopped", ctx.Err())
		}
		if err := r.entity(sc.Bytes(), line); err != nil {
			if rerr := sc.Err(); rerr != nil {
				err = p.wrap(0, "cannot read", rerr) // the line is cut short by the read error
			}
			return nil, err
		}
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return nil, p.errorf(line+1, "longer than %d MiB", maxJSONLine>>20)
	} else if err != nil {
		return nil, p.wrap(0, "cannot read", err)
	}
	r.linkSanctions()
	return r.list.finish(s.version()), nil
}

func (r *ftmReader) entity(b []byte, line int) error {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	var l ftmLine
	if err := json.Unmarshal(b, &l); err != nil {
		return r.at.errorf(line, "not a FollowTheMoney entity: %s", jsonReason(err))
	}
	if l.Schema == "Sanction" {
		return r.sanction(&l, line)
	}
	name, err := r.prop(&l, line, "name")
	if err != nil {
		return err
	}
	e, err := osEntity(r.at, line, strings.TrimSpace(l.ID), l.Schema, firstOr(name, l.Caption), r.lineOf)
	if err != nil {
		return err
	}
	if e == nil {
		r.list.skip(schemaSkip(l.Schema))
		return nil
	}
	if l.Target != nil && !*l.Target {
		r.list.skip("not a target")
		return nil
	}
	if err := r.fill(e, &l, line, name); err != nil {
		return err
	}
	r.list.Entities = append(r.list.Entities, *e)
	return nil
}

// fill adds the entity's other names, name parts, programs and countries.
func (r *ftmReader) fill(e *Entity, l *ftmLine, line int, names []string) error {
	props := map[string][]string{}
	for _, k := range [...]string{"alias", "weakAlias", "previousName", "firstName", "middleName", "fatherName", "lastName",
		"program", "programId", "country", "nationality", "citizenship", "jurisdiction", "flag", "mainCountry", "birthDate"} {
		vs, err := r.prop(l, line, k)
		if err != nil {
			return err
		}
		props[k] = vs
	}
	for _, a := range append(names, props["alias"]...) {
		addAlias(e, a, Strong)
	}
	for _, a := range props["previousName"] {
		addAlias(e, a, Formerly)
	}
	for _, a := range props["weakAlias"] {
		addAlias(e, a, Weak)
	}
	if e.Schema == Person {
		e.Parts = ftmParts(props)
		addBirthDates(e, props["birthDate"])
	}
	for _, k := range [...]string{"program", "programId"} {
		for _, v := range props[k] {
			e.Programs = addUnique(e.Programs, v)
		}
	}
	for _, k := range [...]string{"country", "nationality", "citizenship", "jurisdiction", "flag", "mainCountry"} {
		for _, v := range props[k] {
			e.Countries = addUnique(e.Countries, v)
		}
	}
	return nil
}

// ftmParts are a person's name parts, if the entity gives any.
func ftmParts(props map[string][]string) *NameParts {
	p := NameParts{
		Given:      firstOr(props["firstName"], ""),
		Middle:     firstOr(props["middleName"], ""),
		Patronymic: firstOr(props["fatherName"], ""),
		Family:     firstOr(props["lastName"], ""),
	}
	if p == (NameParts{}) {
		return nil
	}
	return &p
}

// sanction remembers a Sanction's programs for the entities it names.
func (r *ftmReader) sanction(l *ftmLine, line int) error {
	r.list.skip(schemaSkip(l.Schema))
	ids, err := r.prop(l, line, "entity")
	if err != nil {
		return err
	}
	programs, err := r.prop(l, line, "program")
	if err != nil {
		return err
	}
	for _, id := range ids {
		for _, p := range programs {
			r.programs[id] = addUnique(r.programs[id], p)
		}
	}
	return nil
}

// linkSanctions adds to each entity the programs of the Sanction entities
// naming it, which may come before or after it in the file.
func (r *ftmReader) linkSanctions() {
	for i := range r.list.Entities {
		e := &r.list.Entities[i]
		for _, p := range r.programs[e.ID] {
			e.Programs = addUnique(e.Programs, p)
		}
	}
}

// prop decodes a property's values: FollowTheMoney gives every property
// as a list of strings.
func (r *ftmReader) prop(l *ftmLine, line int, name string) ([]string, error) {
	raw, ok := l.Properties[name]
	if !ok {
		return nil, nil
	}
	var vs []string
	if err := json.Unmarshal(raw, &vs); err != nil {
		return nil, r.at.errorf(line, "property %q is not a list of strings", name)
	}
	return nonEmpty(vs), nil
}

// firstOr is vs[0], or def when vs is empty.
func firstOr(vs []string, def string) string {
	if len(vs) == 0 {
		return strings.TrimSpace(def)
	}
	return vs[0]
}

// schemaSkip is the Counts.Skipped reason for an unscreenable schema,
// kept to a bounded set of values: odd schema names are not echoed.
func schemaSkip(schema string) string {
	if len(schema) == 0 || len(schema) > 40 || strings.TrimLeft(schema, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != "" {
		return "schema (other)"
	}
	return "schema " + schema
}

// jsonReason says briefly what is wrong with a JSON line.
func jsonReason(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		return "want a JSON object, not " + te.Value
	}
	if errors.As(err, &te) {
		return fmt.Sprintf("%q is a JSON %s, want %s", te.Field, te.Value, te.Type)
	}
	return err.Error()
}
