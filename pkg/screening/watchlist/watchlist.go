// Package watchlist holds sanctions watchlists in memory: the entries a
// list names (people, organisations, vessels, aircraft) with their aliases,
// and the loaders that read them from OFAC, OpenSanctions and a firm's own
// CSV files.
//
// A List is immutable once loaded; it is safe to share between goroutines.
package watchlist

import "time"

// Schema is the kind of a listed entry, in FollowTheMoney's vocabulary.
type Schema string

// The schemas a list entry may have.
const (
	Person       Schema = "Person"
	Organization Schema = "Organization"
	Vessel       Schema = "Vessel"
	Aircraft     Schema = "Aircraft"
)

// Strength says how reliable an alias is for screening.
type Strength string

// Alias strengths. OFAC's legacy CSV carries strong a.k.a.s in alt.csv and
// weak a.k.a.s as "a.k.a. 'X'" clauses in the Remarks column of sdn.csv.
const (
	Strong   Strength = "strong" // a.k.a., n.k.a.: the entry is known by this name
	Weak     Strength = "weak"   // weak a.k.a.: a nickname or short form, often ambiguous
	Formerly Strength = "fka"    // formerly known as
)

// Alias is another name of an entry.
type Alias struct {
	Name     string   `json:"name"`
	Strength Strength `json:"strength"`
}

// NameParts are a person's name split into parts, where the source gives
// them. OFAC's "FAMILY, Given Middle" form yields Family and Given.
type NameParts struct {
	Given      string `json:"given,omitempty"`
	Middle     string `json:"middle,omitempty"`
	Patronymic string `json:"patronymic,omitempty"`
	Family     string `json:"family,omitempty"`
}

// Entity is one entry of a watchlist.
type Entity struct {
	ID       string     `json:"id"`   // stable across list versions: ofac-<ent_num>, the OpenSanctions id, ...
	List     string     `json:"list"` // the list's name, e.g. "ofac"
	Schema   Schema     `json:"schema"`
	Name     string     `json:"name"` // the primary name as listed
	Aliases  []Alias    `json:"aliases,omitempty"`
	Programs []string   `json:"programs,omitempty"`
	Parts    *NameParts `json:"parts,omitempty"` // persons only, where the source gives them
	// Countries the source links the entry to (addresses, nationality,
	// flag), as the source spells them: OFAC gives names ("Russia"),
	// OpenSanctions ISO codes ("ru"). Context for a match, not a name.
	Countries []string `json:"countries,omitempty"`
	// Title is the position the source gives a person ("President of
	// the Russian Federation"), if any.
	Title string `json:"title,omitempty"`
	// LinkedTo names the entries the source links this one to (OFAC's
	// "Linked To:" remarks), as the source writes their names.
	LinkedTo []string `json:"linked_to,omitempty"`
	// BirthYears are the years the source gives for a person's birth,
	// every alternative (a range gives its two ends): what tells the
	// listed person from a namesake of another generation.
	BirthYears []int `json:"birth_years,omitempty"`
}

// Counts summarises a loaded list.
type Counts struct {
	Entities int            `json:"entities"`
	Aliases  int            `json:"aliases"`
	BySchema map[Schema]int `json:"by_schema"`
	// Skipped counts source rows that were ignored, by reason: for
	// example OFAC alt.csv rows whose entry is not in sdn.csv.
	Skipped map[string]int `json:"skipped,omitempty"`
}

// List is a loaded watchlist.
type List struct {
	Name     string    `json:"name"`    // short name used in matches and metrics: "ofac", "opensanctions", or the csv file's base name
	Source   string    `json:"source"`  // the spec it was loaded from
	Version  string    `json:"version"` // content digest of the source files: "sha256:<hex>"
	LoadedAt time.Time `json:"loaded_at"`
	Entities []Entity  `json:"-"`
	Counts   Counts    `json:"counts"`
}
