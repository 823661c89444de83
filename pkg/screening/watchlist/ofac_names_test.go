package watchlist

import (
	"reflect"
	"testing"
)

func TestOFACNameParts(t *testing.T) {
	tests := []struct {
		name string
		want *NameParts
	}{
		{"DERIPASKA, Oleg Vladimirovich", &NameParts{Family: "DERIPASKA", Given: "Oleg", Patronymic: "Vladimirovich"}},
		{"PATRUSHEV, Nikolai Platonovich", &NameParts{Family: "PATRUSHEV", Given: "Nikolai", Patronymic: "Platonovich"}},
		{"MATVIYENKO, Valentina Ivanovna", &NameParts{Family: "MATVIYENKO", Given: "Valentina", Patronymic: "Ivanovna"}},
		{"MAKSIMENKO, Vladimir Ilich", &NameParts{Family: "MAKSIMENKO", Given: "Vladimir", Patronymic: "Ilich"}},
		{"BOHATYRIOVA, Raisa Vasylivna", &NameParts{Family: "BOHATYRIOVA", Given: "Raisa", Patronymic: "Vasylivna"}},
		{"LUKASHENKA, Viktar Aliaksandravich", &NameParts{Family: "LUKASHENKA", Given: "Viktar", Patronymic: "Aliaksandravich"}},
		{"ZAMBADA GARCIA, Ismael", &NameParts{Family: "ZAMBADA GARCIA", Given: "Ismael"}},
		{"KIM, Jong Un", &NameParts{Family: "KIM", Given: "Jong", Middle: "Un"}},
		{"SMITH, John Heinrich", &NameParts{Family: "SMITH", Given: "John", Middle: "Heinrich"}},
		{"AL-IBRAHIMI, Jamal Ja'far Muhammad Ali", &NameParts{Family: "AL-IBRAHIMI", Given: "Jamal", Middle: "Ja'far Muhammad Ali"}},
		{"DELOS REYES, Feliciano Semborio, Jr.", &NameParts{Family: "DELOS REYES", Given: "Feliciano", Middle: "Semborio"}},
		{"MADURO MOROS, ", &NameParts{Family: "MADURO MOROS"}},
		{"HIZBALLAH", nil},
		{", Ivan", nil},
	}
	for _, tt := range tests {
		if got := ofacNameParts(tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ofacNameParts(%q) = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestRemarkAliases(t *testing.T) {
	type alias struct {
		name string
		s    Strength
	}
	tests := []struct {
		remarks      string
		want         []alias
		unterminated int
	}{
		{"a.k.a. 'BNC'.", []alias{{"BNC", Weak}}, 0},
		{"DOB 1948; a.k.a. 'El Mayo'; a.k.a. 'Mayo'.", []alias{{"El Mayo", Weak}, {"Mayo", Weak}}, 0},
		{"for HAMAS; a.k.a. 'ABU-'UMAR'.", []alias{{"ABU-'UMAR", Weak}}, 0},
		{"a.k.a. ''FOOPIE''; a.k.a. ''ABD AL-MUHSI'", []alias{{"FOOPIE", Weak}, {"'ABD AL-MUHSI", Weak}}, 0},
		{"a.k.a. 'AL-WARD, 'Abd', an alias", []alias{{"AL-WARD, 'Abd", Weak}}, 0},
		{"f.k.a. 'ANA I'; f.k.a. 'SAND SWAN'.", []alias{{"ANA I", Formerly}, {"SAND SWAN", Formerly}}, 0},
		{"(Russia); n.k.a. 'LGOK'; Linked To: X.", []alias{{"LGOK", Weak}}, 0},
		{"St. Petersburg (F.K.A. Leningrad), Russia", nil, 0},
		{"Website x; a.k.a. 'DOCTOR M.R.O.'.", []alias{{"DOCTOR M.R.O.", Weak}}, 0},
		{"a.k.a. 'ONE'; a.k.a. 'WHOIS HACKIN", []alias{{"ONE", Weak}}, 1},
		{"x.k.a. 'NOT'; .k.a. 'NOR'; a.k.a. ''", []alias{{"", Weak}}, 0},
		{"", nil, 0},
	}
	for _, tt := range tests {
		var got []alias
		n := remarkAliases(tt.remarks, func(name string, s Strength) { got = append(got, alias{name, s}) })
		if !reflect.DeepEqual(got, tt.want) || n != tt.unterminated {
			t.Errorf("remarkAliases(%q) = %v, %d unterminated; want %v, %d", tt.remarks, got, n, tt.want, tt.unterminated)
		}
	}
}

// Every date of birth in Remarks gives its year: alternatives, circa,
// month only, ranges (both ends); other clauses and odd dates none.
func TestRemarkBirthYears(t *testing.T) {
	tests := []struct {
		remarks string
		want    []int
	}{
		{"DOB 04 Dec 2001; POB Damascus, Syria; nationality Syria; Gender Male.", []int{2001}},
		{"DOB 1962; alt. DOB 1963; alt. DOB 1962.", []int{1962, 1963}},
		{"DOB circa 1958; POB Kabul.", []int{1958}},
		{"DOB Mar 1960.", []int{1960}},
		{"DOB 1970 to 1973; Gender Male.", []int{1970, 1973}},
		{"DOB 01 Jan 1984 to 31 Dec 1986.", []int{1984, 1986}},
		{"Organization Established Date 2017; POB 1960 Street.", nil},
		{"DOB unknown; DOB 0001; DOB 12 Mar 3020", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := remarkBirthYears(tt.remarks); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("remarkBirthYears(%q) = %v, want %v", tt.remarks, got, tt.want)
		}
	}
}

// A person's nationalities and citizenships in Remarks are countries the
// list ties them to.
func TestRemarkNationalities(t *testing.T) {
	tests := []struct {
		remarks string
		want    []string
	}{
		{"DOB 28 Apr 1978; POB Mambasa, DRC; nationality Congo, Democratic Republic of the.", []string{"Congo, Democratic Republic of the"}},
		{"nationality Russia; alt. nationality Ukraine; citizen Cyprus; Gender Male.", []string{"Russia", "Ukraine", "Cyprus"}},
		{"Nationality of Registration Panama; POB Russia", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := remarkNationalities(tt.remarks); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("remarkNationalities(%q) = %q, want %q", tt.remarks, got, tt.want)
		}
	}
}

func TestOFACPrograms(t *testing.T) {
	tests := []struct {
		column string
		want   []string
	}{
		{"SDGT] [SYRIA", []string{"SDGT", "SYRIA"}},
		{"FTO] [SDGT] [SYRIA", []string{"FTO", "SDGT", "SYRIA"}},
		{"RUSSIA-EO14024", []string{"RUSSIA-EO14024"}},
		{"[IRAN] [IRAN]", []string{"IRAN"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := ofacPrograms(tt.column); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ofacPrograms(%q) = %q, want %q", tt.column, got, tt.want)
		}
	}
}
