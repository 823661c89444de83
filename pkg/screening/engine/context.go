package engine

import (
	"strings"
	"unicode"

	"github.com/watchwire/watchwire/pkg/screening/watchlist"
)

// programTopics maps a sanctions program (by prefix) to words that an
// article about one of its targets is likely to use. A match whose name is
// common needs one of them; an off-topic article without them is most
// likely about a namesake.
var programTopics = []struct {
	prefix string
	words  string
}{
	{"RUSSIA", "russia russian russians kremlin moscow putin ukraine ukrainian sanctions sanctioned war invasion oligarch mercenary mercenaries"},
	{"UKRAINE", "russia russian kremlin moscow ukraine ukrainian crimea separatist donetsk luhansk sanctions"},
	{"CAATSA", "russia russian kremlin moscow sanctions"},
	{"MAGNIT", "russia russian kremlin moscow chechnya chechen human rights sanctions"},
	{"BELARUS", "belarus belarusian minsk lukashenko sanctions"},
	{"IRAN", "iran iranian tehran irgc revolutionary guard islamic republic sanctions nuclear"},
	{"IRGC", "iran iranian tehran irgc revolutionary guard quds"},
	{"IFSR", "iran iranian tehran"},
	{"SDGT", "terror terrorist terrorists terrorism militant militants militia attack attacks jihad jihadist islamist hamas hezbollah gaza israel israeli lebanon lebanese syria iraq yemen houthi somalia afghanistan taliban qaeda isis extremist killed strike"},
	{"FTO", "terror terrorist terrorists terrorism militant militants militia attack attacks jihad jihadist islamist guerrilla guerrillas insurgent insurgents"},
	{"SDNT", "cartel cartels drug drugs trafficking trafficker traffickers narco narcotics fentanyl cocaine heroin methamphetamine mexico mexican sinaloa colombia colombian dea kingpin farc chapitos"},
	{"ILLICIT-DRUGS", "cartel cartels drug drugs trafficking trafficker narco fentanyl cocaine mexico mexican sinaloa dea"},
	{"TCO", "cartel gang crime criminal organized transnational trafficking"},
	{"VENEZUELA", "venezuela venezuelan caracas maduro chavez chavismo opposition election"},
	{"DPRK", "north korea korean pyongyang kim missile nuclear"},
	{"NKSPEA", "north korea korean pyongyang"},
	{"SYRIA", "syria syrian damascus assad regime"},
	{"CUBA", "cuba cuban havana castro"},
	{"LIBYA", "libya libyan tripoli gaddafi qadhafi benghazi"},
	{"GLOMAG", "corruption corrupt human rights abuse sanctions"},
	{"CYBER", "hacker hackers hacking cyber ransomware malware"},
	{"ELECTION", "election elections interference meddling disinformation propaganda troll trolls"},
	{"NPWMD", "nuclear missile weapons proliferation"},
	{"SOMALIA", "somalia somali mogadishu shabaab"},
	{"YEMEN", "yemen yemeni houthi houthis"},
	{"IRAQ", "iraq iraqi baghdad"},
	{"LEBANON", "lebanon lebanese hezbollah beirut"},
	{"SUDAN", "sudan sudanese khartoum darfur rsf paramilitary janjaweed"},
	{"BALKANS", "balkans serbia bosnia kosovo"},
	{"BURMA", "burma myanmar junta"},
	{"NICARAGUA", "nicaragua nicaraguan ortega managua"},
	{"HONGKONG", "hong kong china chinese beijing"},
	{"HK-", "hong kong china chinese beijing security"},
	{"CHINA", "china chinese beijing"},
	{"SOUTH SUDAN", "south sudan sudanese juba"},
	{"DARFUR", "sudan sudanese darfur khartoum janjaweed"},
	{"ETHIOPIA", "ethiopia ethiopian eritrea eritrean tigray"},
	{"MALI", "mali malian bamako sahel"},
	{"WEST-BANK", "west bank settler settlers settlement settlements israel israeli palestinian palestinians"},
	{"HOSTAGES", "hostage hostages detained detainee wrongfully"},
	{"IFCA", "iran iranian tehran"},
	{"HRIT-IR", "iran iranian tehran"},
	{"HRIT-SY", "syria syrian damascus"},
	{"PEESA", "nord stream pipeline russia russian"},
	{"BPI-RUSSIA", "russia russian kremlin moscow"},
	{"NS-PLC", "palestinian hamas gaza"},
}

// contextOf returns the hashes of the words that support a match of e:
// the topics of its programs and the words of its title.
func (b *builder) contextOf(e *watchlist.Entity) []uint64 {
	key := strings.Join(e.Programs, "|") + "#" + strings.Join(e.Countries, "|")
	if ctx, ok := b.contexts[key]; ok {
		return ctx // entries share a few thousand program and country sets: share their context
	}
	ctx := programContext(e)
	b.contexts[key] = ctx
	return ctx
}

// programContext gathers the words of an entry's programs' topics and of
// the countries the list ties it to (an address, a nationality, a flag).
func programContext(e *watchlist.Entity) []uint64 {
	var ws []string
	for _, p := range e.Programs {
		up := strings.ToUpper(p)
		for _, t := range programTopics {
			if strings.HasPrefix(up, t.prefix) {
				ws = append(ws, strings.Fields(t.words)...)
			}
		}
	}
	for _, c := range e.Countries {
		lc := strings.ToLower(c)
		ws = append(ws, countryWords(lc)...)
		if d, ok := demonyms[lc]; ok {
			ws = append(ws, d)
		}
	}
	out := make([]uint64, 0, len(ws))
	seen := make(map[uint64]bool, len(ws))
	for _, w := range ws {
		if functionWords.hasWord(canonString(w)) {
			continue // "of" in "Republic of Korea"
		}
		h := hashKey([]byte(canonString(w)))
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// countryWords splits a country's name, in lower case, into its words:
// "congo, democratic republic of the" into congo, democratic, republic, of,
// the.
func countryWords(lc string) []string {
	return strings.FieldsFunc(lc, func(r rune) bool { return !unicode.IsLetter(r) })
}

// countriesOf returns the hashes by which a document names one of the
// countries the entry's listing ties it to: the words of their names but
// the function words, and their peoples' adjectives (see countryNamed).
func (b *builder) countriesOf(e *watchlist.Entity) []uint64 {
	if len(e.Countries) == 0 {
		return nil
	}
	key := strings.Join(e.Countries, "|")
	if hs, ok := b.countries[key]; ok {
		return hs
	}
	var hs []uint64
	for _, c := range e.Countries {
		for _, w := range countryWords(strings.ToLower(c)) {
			if !functionWords.hasWord(canonString(w)) {
				hs = append(hs, hashKey([]byte(canonString(w))))
			}
			if d, ok := demonyms[w]; ok {
				hs = append(hs, hashKey([]byte(canonString(d))))
			}
		}
	}
	b.countries[key] = hs
	return hs
}

// demonyms of the countries most listed entries are tied to: news says
// "Chinese" as often as "China".
var demonyms = map[string]string{
	"china": "chinese", "russia": "russian", "iran": "iranian", "syria": "syrian", "iraq": "iraqi",
	"lebanon": "lebanese", "yemen": "yemeni", "afghanistan": "afghan", "pakistan": "pakistani",
	"venezuela": "venezuelan", "cuba": "cuban", "mexico": "mexican", "colombia": "colombian",
	"north korea": "korean", "korea, north": "korean", "belarus": "belarusian", "ukraine": "ukrainian",
	"turkey": "turkish", "united arab emirates": "emirati", "somalia": "somali", "sudan": "sudanese",
	"libya": "libyan", "burma": "burmese", "nicaragua": "nicaraguan", "israel": "israeli",
}
