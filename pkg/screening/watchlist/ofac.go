package watchlist

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// OFAC's legacy SDN CSV files (layout in OFAC's dat_spec.txt). None has
// a header; null is "-0- "; lines end in CRLF and the file in a 0x1A byte.
const (
	ofacSDN     = "sdn.csv" // ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
	ofacAlt     = "alt.csv" // ent_num, alt_num, alt_type, alt_name, alt_remarks
	ofacAdd     = "add.csv" // ent_num, add_num, address, city/state/postal, country, add_remarks
	ofacNull    = "-0-"
	ofacEOF     = 0x1a
	ofacList    = "ofac"
	ofacOrphans = " entry not in " + ofacSDN
)

// ofacFile is one of the three files, read whole and decompressed.
type ofacFile struct {
	name string // sdn.csv, alt.csv or add.csv
	path string // where it was read from: DIR/NAME or DIR/NAME.gz
	data []byte
}

// loadOFAC reads DIR/{sdn,alt,add}.csv, each possibly gzipped as NAME.gz.
func loadOFAC(ctx context.Context, spec, dir string) (*List, error) {
	files, err := readOFACFiles(spec, dir)
	if err != nil {
		return nil, err
	}
	return parseOFAC(ctx, spec, files)
}

// readOFACFiles reads the three files from DIR, in order (see readOFACFile).
func readOFACFiles(spec, dir string) ([3]ofacFile, error) {
	var files [3]ofacFile
	for i, name := range [3]string{ofacSDN, ofacAlt, ofacAdd} {
		f, err := readOFACFile(spec, dir, name)
		if err != nil {
			return files, err
		}
		files[i] = f
	}
	return files, nil
}

// readOFACFile reads DIR/NAME, or DIR/NAME.gz when DIR/NAME does not exist.
func readOFACFile(spec, dir, name string) (ofacFile, error) {
	f := ofacFile{name: name, path: filepath.Join(dir, name)}
	data, err := readWhole(place{spec, f.path})
	if errors.Is(err, fs.ErrNotExist) {
		gz := ofacFile{name: name, path: f.path + ".gz"}
		if data, err = readWhole(place{spec, gz.path}); errors.Is(err, fs.ErrNotExist) {
			return f, &LoadError{Source: spec, File: f.path, Reason: fmt.Sprintf("missing: neither %s nor %s.gz exists", name, name), Err: err}
		}
		f = gz
	}
	f.data = data
	return f, err
}

// ofacParser builds the list from the three files, in order.
type ofacParser struct {
	at      place
	file    string // the file being read: sdn.csv, alt.csv or add.csv
	list    *List
	byNum   map[int]int // ent_num -> index in list.Entities
	remarks []string    // each entity's Remarks, mined for aliases once alt.csv is in
}

// parseOFAC builds the list from sdn.csv, alt.csv and add.csv, in that order.
func parseOFAC(ctx context.Context, spec string, files [3]ofacFile) (*List, error) {
	p := &ofacParser{list: newList(ofacList), byNum: map[int]int{}}
	rows := [3]func([]string, int) error{p.sdnRow, p.altRow, p.addRow}
	widths := [3]int{12, 5, 6}
	for i, f := range files {
		p.at, p.file = place{spec, f.path}, f.name
		data := bytes.TrimSuffix(f.data, []byte{ofacEOF})
		err := eachCSV(ctx, p.at, bytes.NewReader(data), func(rec []string, line int) error {
			if err := wantFields(p.at, rec, line, widths[i]); err != nil {
				return err
			}
			return rows[i](rec, line)
		})
		if err != nil {
			return nil, err
		}
	}
	if len(p.list.Entities) == 0 { // an empty or cut download, not an empty list
		return nil, place{spec, files[0].path}.errorf(0, "no entries")
	}
	p.remarkAliases()
	return p.list.finish(ofacVersion(files)), nil
}

// ofacVersion digests the three files' decompressed bytes, each preceded
// by its name and length, so that bundled .gz files and plain copies of
// the same list have the same version.
func ofacVersion(files [3]ofacFile) string {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s %d\n", f.name, len(f.data))
		h.Write(f.data)
	}
	return digest(h)
}

func (p *ofacParser) sdnRow(rec []string, line int) error {
	num, err := p.number(rec[0], line)
	if err != nil {
		return err
	}
	if prev, dup := p.byNum[num]; dup {
		return p.at.errorf(line, "ent_num %d is listed twice (also as %q)", num, p.list.Entities[prev].Name)
	}
	e := Entity{ID: "ofac-" + strconv.Itoa(num), List: ofacList, Name: ofacField(rec[1]), Programs: ofacPrograms(ofacField(rec[3])), Title: ofacField(rec[4])}
	if e.Name == "" {
		return p.at.errorf(line, "SDN_Name is empty")
	}
	if e.Schema, err = ofacSchema(ofacField(rec[2])); err != nil {
		return p.at.errorf(line, "%v", err)
	}
	if e.Schema == Person {
		e.Parts = ofacNameParts(e.Name)
	}
	p.byNum[num] = len(p.list.Entities)
	p.list.Entities = append(p.list.Entities, e)
	p.remarks = append(p.remarks, ofacField(rec[11]))
	return nil
}

func (p *ofacParser) altRow(rec []string, line int) error {
	e, err := p.entity(rec, line)
	if e == nil || err != nil {
		return err
	}
	var s Strength
	switch t := ofacField(rec[2]); strings.ToLower(t) {
	case "aka", "nka":
		s = Strong
	case "fka":
		s = Formerly
	default:
		return p.at.errorf(line, "alt_type %q is not one of aka, fka, nka", t)
	}
	name := ofacField(rec[3])
	if name == "" {
		return p.at.errorf(line, "alt_name is empty")
	}
	addAlias(e, name, s)
	return nil
}

func (p *ofacParser) addRow(rec []string, line int) error {
	e, err := p.entity(rec, line)
	if e == nil || err != nil {
		return err
	}
	e.Countries = addUnique(e.Countries, ofacField(rec[4]))
	return nil
}

// entity checks an alt.csv or add.csv row's numbers and returns the entry
// it belongs to, or nil (counting the row as skipped) when sdn.csv has no
// such entry.
func (p *ofacParser) entity(rec []string, line int) (*Entity, error) {
	num, err := p.number(rec[0], line)
	if err != nil {
		return nil, err
	}
	if _, err := p.number(rec[1], line); err != nil {
		return nil, err
	}
	i, ok := p.byNum[num]
	if !ok {
		p.list.skip(strings.TrimSuffix(p.file, ".csv") + ":" + ofacOrphans)
		return nil, nil
	}
	return &p.list.Entities[i], nil
}

// number parses an ent_num, alt_num or add_num: up to 9 decimal digits.
func (p *ofacParser) number(s string, line int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 9 || strings.Trim(s, "0123456789") != "" {
		return 0, p.at.errorf(line, "%q is not an entry number", s)
	}
	n, _ := strconv.Atoi(s)
	return n, nil
}

// remarkAliases adds the weak aliases that sdn.csv's Remarks carry, after
// alt.csv's strong ones so that a name listed in both stays strong.
func (p *ofacParser) remarkAliases() {
	for i, r := range p.remarks {
		e := &p.list.Entities[i]
		if n := remarkAliases(r, func(name string, s Strength) { addAlias(e, name, s) }); n > 0 {
			p.list.skip("sdn: unterminated alias in Remarks")
		}
		e.LinkedTo = remarkLinks(r)
		if e.Schema == Person {
			e.BirthYears = remarkBirthYears(r)
			for _, c := range remarkNationalities(r) {
				e.Countries = addUnique(e.Countries, c)
			}
		}
	}
}

// ofacField trims a field and turns OFAC's null into "".
func ofacField(s string) string {
	s = strings.TrimSpace(s)
	if s == ofacNull {
		return ""
	}
	return s
}

func ofacSchema(sdnType string) (Schema, error) {
	switch strings.ToLower(sdnType) {
	case "":
		return Organization, nil
	case "individual":
		return Person, nil
	case "vessel":
		return Vessel, nil
	case "aircraft":
		return Aircraft, nil
	}
	return "", fmt.Errorf("SDN_Type %q is not one of individual, vessel, aircraft or %s", sdnType, ofacNull)
}
