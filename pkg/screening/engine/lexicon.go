package engine

import "strings"

// Word lists the engine's rules consult. They are small, fixed and written
// for this purpose; the English dictionary is in words.go.

// legalForms are tokens that mark a company's legal form. An
// organisation's name is also indexed without them, so "Sovcomflot" finds
// the listed "PAO SOVCOMFLOT" and "OAO X" finds "X JSC".
var legalForms = wordSet(`pao oao zao ooo ao pjsc ojsc cjsc jsc llc ltd limited co corp corporation inc
	incorporated gmbh ag sa sarl srl spa bv nv plc fze fzco fzc llp lp pte pvt sdn bhd kft ab oy
	doo tov ltda cia sas eood ood company companies joint stock public closed open group holding holdings
	the of and`)

// trailingForms are legal forms (and their joins) seen only at the end of
// a name, where words like "de" and "as" are no words of the name: "SA DE
// CV" (Mexico), "SAL" (Lebanon), "CA" (Venezuela), "SIRKETI" and "AS"
// (Turkey), "OU" (Estonia), "UAB" (Lithuania), "SIA" (Latvia), "DMCC" and
// "WLL" (the Gulf), "KOMPANIYA" (Russia).
var trailingForms = wordSet(`cv de sapi sal ca kg kompaniya sirketi ticaret as ou uab sia sro ad ead sl slu sac lda tbk
	dmcc wll psc bsc ksc saog saoc sae zrt fz dwc liability partnership`)

// leadingForms are words of a legal form that stand only before the name
// ("STATE CORPORATION ROSTEC", "FEDERAL STATE UNITARY ENTERPRISE X").
var leadingForms = wordSet(`state unitary enterprise autonomous nonprofit non commercial organization
	scientific research production association private liability municipal budgetary institution concern
	limited obshchestvo ogranichennoi ogranichennoy otvetstvennostyu aktsionernoe publichnoe nepublichnoe
	zakrytoe otkrytoe`)

// particles are name particles that news often drops or writes lower case
// ("Baghdadi" for "AL-BAGHDADI", "bin Laden").
var particles = wordSet(particleWords)

// functionWords may be written in lower case inside a capitalised name.
var functionWords = wordSet(`of the and for in on at de del la le al el bin ibn bint abu van von da das dos du di ul und y e et wa wal`)

// titleWords precede a surname without being another person's given name
// ("President Putin", "Gen. Soleimani").
var titleWords = wordSet(`president presidents prime minister mr mrs ms miss dr gen general sen senator rep representative
	gov governor king queen prince princess sheikh sheik shaykh ayatollah imam cleric commander leader chairman chief director
	secretary ambassador judge justice colonel col lt capt captain admiral marshal sgt sergeant officer deputy vice
	premier chancellor mayor pope saint st lord lady sir dame emir crown supreme speaker spokesman spokesperson
	tycoon oligarch billionaire businessman magnate founder boss head ceo envoy lawmaker former late dictator strongman
	russian iranian syrian venezuelan cuban chinese korean libyan lebanese palestinian israeli afghan somali yemeni iraqi
	mexican colombian belarusian ukrainian chechen turkish saudi emirati qatari egyptian sudanese american british`)

// placeWords after a name make it the name of a place, building or prize
// ("Akhmat Kadyrov Mosque", "Putin Avenue"), not of the listed person: in
// capitals, these and the buildingWords.
var placeWords = unionWords(wordSet(`street st avenue ave road rd boulevard square bridge arena
	school college academy foundation prize award cup trophy center centre park tower hall
	library institute palace station district province region county city village mountain lake river`), buildingWords)

// patronymParticles before a name make it a father's name ("Mohammed bin
// Salman"), not a surname on its own.
var patronymParticles = wordSet(`bin ibn bint ben`)

// buildingWords after an organisation's name, even in lower case, make it
// the name of a building or structure ("taken to Al Aqsa hospital", "the Al-Aqsa
// mosque", "the Nord Stream 2 pipeline"), not of the listed organisation.
var buildingWords = wordSet(`hospital hospitals mosque church cathedral airport stadium university museum hotel pipeline pipelines`)

// productWords after a company's name make it the name of its make: "Tupolev
// bombers", "Kalashnikov rifles", "Kamaz trucks".
var productWords = wordSet(`bomber bombers jet jets airliner airliners plane planes aircraft helicopter helicopters rifle rifles
	truck trucks car cars phone phones smartphone smartphones tractor tractors`)

// vesselWords near a vessel's name say that a ship is meant ("the tanker
// Hawk"), not the ordinary word.
var vesselWords = wordSet(`vessel vessels tanker tankers ship ships shipping cargo freighter ferry yacht boat imo flagged
	crew port sailed sailing carrier tug hull docked maritime seized mv mt bulker container lng lpg oil barrels
	shipment navy coast guard strait flag captain voyage superyacht superyachts yachts aboard shipyard
	supertanker supertankers`)

// shoreWords are the shipping words that, right after a one-word name,
// make it a place's: "the Devon coast", "Dover port", not the tankers
// DEVON and DOVER.
var shoreWords = wordSet(`coast port strait harbour harbor shipyard`)

// aircraftWords near an aircraft's registration say that a plane is meant.
var aircraftWords = wordSet(`aircraft plane planes jet jets airliner airline airlines flight flights cargo boeing airbus
	ilyushin antonov tupolev registration registered tail airport landed flew helicopter`)

// offTopicWords are what articles about a namesake tend to be about: sport
// and entertainment. They count against an uncommon-context match.
var offTopicWords = wordSet(offTopicText)

const offTopicText = `football soccer striker midfielder defender goalkeeper goal goals league club clubs coach
	tournament match season team player players olympic olympics medal basketball baseball nba nfl
	tennis golf cricket rugby boxing fighter ufc singer actor actress album song songs film movie
	series netflix concert band rapper artist fashion chef restaurant novel author`

// commonNames are surnames and given names so widely shared that a
// surname-only mention never identifies a listed person, and a full name
// made only of them needs context to do so: the most frequent of American
// news (English, Spanish, Chinese, Vietnamese, Korean, and the North's
// romanisation of Korean: Choe, Ri, Pak), of the Arab world,
// South Asia, Russia and Western Europe. Not the names famous listed
// people go by, though common elsewhere: Marquez ("Ivan Marquez", a FARC
// commander), al-Hashimi al-Qurashi (the kunyas of the Islamic State's
// leaders).
var commonNames = wordSet(`smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
	wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis
	robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera
	campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart
	morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim
	cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo
	sanders patel myers long ross foster jimenez park choi jung kang cho yoon jang lim han oh seo shin kwon
	choe ri pak rim ryu hwang paek kwak chae pae
	wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang song xie
	tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen
	yao zhong khan ali ahmed ahmad hassan hasan hussein husain husayn mohamed mohammed muhammad mohammad ibrahim
	abdullah abdallah omar umar yusuf youssef salem saleh salih mahmoud mahmud said saeed hamid hamed rahman karim
	khalil khalid khaled nasser nasir aziz abbas jafar ismail mustafa mostafa osman othman suleiman sulaiman
	abdul abdel abd abdelaziz salim sheikh shaikh sayed sayyid seyed haji hajji
	costa silva santos souza oliveira pereira ferreira alves rocha gomes martins ribeiro carvalho
	mueller muller schmidt schneider fischer weber meyer meier becker schulz hoffmann koch richter klein neumann
	schwarz zimmermann hartmann krause lehmann bernard dubois durand moreau lefebvre laurent rossi russo esposito
	bianchi romano colombo ricci marino fernandez
	singh kumar shah sharma gupta das ivanov petrov smirnov kuznetsov popov sokolov volkov novikov morozov
	lebedev kozlov pavlov semenov egorov jose juan carlos luis miguel antonio jorge pedro maria ana rosa
	john james robert michael david william richard joseph charles daniel paul mark george peter alex
	sergei sergey vladimir alexander aleksandr andrei andrey dmitry dmitri igor ivan nikolai oleg viktor yuri
	moreno romero herrera medina aguilar garza castro vargas munoz mendez salazar soto delgado pena rios alvarado
	sandoval contreras valdez guerrero estrada nunez maldonado vega vasquez vazquez santiago dominguez espinoza
	padilla cortez rojas acosta figueroa luna juarez navarro campos molina avila ayala mejia carrillo
	duran caballero cabrera fuentes ochoa ibarra lara velasquez villa cardenas serrano rubio leon calderon zamora
	orozco gallegos valencia rivas escobar miranda pacheco solis benitez bravo suarez arias
	francisco javier manuel rafael fernando ricardo roberto eduardo mario raul sergio alejandro hector ramon
	enrique alberto arturo jesus victor oscar armando ruben pablo jaime diego andres julio cesar gerardo
	guadalupe adriana patricia carmen laura sofia isabel elena teresa gabriela veronica alejandra claudia daniela
	eric chris christopher matthew anthony steven stephen andrew joshua kenneth kevin brian timothy ronald edward
	jason jeffrey ryan jacob gary nicholas jonathan larry justin brandon benjamin samuel gregory frank raymond
	patrick jack dennis jerry tyler aaron adam henry nathan douglas zachary kyle walter ethan jeremy harold keith
	christian roger sean arthur lawrence jesse bryan joe jordan bruce albert alan wayne roy ralph eugene vincent
	russell louis bobby philip johnny eddie tony mike steve dave bill jim tom mary jennifer linda elizabeth barbara
	susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol
	amanda melissa deborah stephanie rebecca sharon cynthia kathleen amy angela helen anna brenda pamela nicole emma
	samantha katherine christine rachel catherine janet ruth heather diane virginia julie joyce olivia christina
	lauren joan evelyn megan andrea hannah martha jacqueline julia grace diana natalie sophia alice sara griffin
	pearson lambert hayes ford hamilton graham sullivan wallace woods cole west owens reynolds fisher ellis harrison
	gibson mcdonald marshall murray freeman wells webb simpson stevens tucker porter hunter hicks crawford boyd mason
	kennedy warren dixon burns gordon shaw holmes rice robertson hunt black daniels palmer mills nichols grant knight
	ferguson stone hawkins dunn perkins hudson spencer gardner stephens payne pierce berry matthews arnold willis ray
	watkins olson carroll duncan snyder hart cunningham bradley lane andrews harper fox riley armstrong carpenter
	weaver greene elliott chapman sims peters kelley franklin lawson fields carr wheeler oliver montgomery richards
	williamson johnston banks bishop mccoy howell morrison hansen harvey little burton stanley jacobs reid fuller
	lynch dean gilbert garrett welch larson frazier burke hanson bowman fowler brewer carlson holland fleming jensen
	byrd davidson hopkins terry wade walters curtis neal caldwell lowe jennings barnett graves horton shelton barrett
	sutton mckinney lucas miles craig chambers holt fletcher watts bates hale rhodes beck newman haynes mcdaniel bush
	vaughn parks dawson norris hardy steele curry powers schultz barker page ball keller chandler leonard walsh lyons
	ramsey wolfe mullins benson sharp bowen barber cummings hines baldwin griffith hubbard reeves warner stevenson
	burgess tate cross garner mann moss thornton mcgee farmer glover manning cohen harmon rodgers robbins newton todd
	blair higgins ingram reese cannon strickland townsend potter goodwin walton rowe hampton patton swanson francis
	goodman yates erickson hodges webster norman malone hammond cobb moody quinn blake maxwell pope floyd osborne
	mccarthy lindsey gibbs gross fitzgerald stokes doyle sherman saunders wise gill greer ballard schwartz mcbride
	christensen pratt briggs parsons mclaughlin french buchanan moran copeland brady mccormick holloway brock poole
	logan owen marsh drake morton abbott sparks norton huff clayton massey lloyd carson bowers barton lamb harrington
	casey boone clarke mathis cain underwood hogan mckenzie collier phelps mcguire allison bridges nash summers
	atkins chan wong lam cheung leung lau ho ng tse yip chow lai kwok fung tsang lo tam kwan tran le pham vu
	shammari dulaimi juburi jubouri tamimi qahtani otaibi utaybi harbi anazi anizi mutairi dosari dawsari ghamdi
	sally jane anne ann kate lucy
	zahrani shahri shehri maliki obaidi ubaydi azzawi janabi khazraji saadi
	rubaie zubaidi`)

// inNameLower holds the lower-case words a name may hold inside it (see
// capitalised): function words and particles, and the words that follow an
// organisation's name ("the Haqqani network").
var inNameLower = unionWords(functionWords, particles, orgWords)

// unionWords returns a list of the words of every list.
func unionWords(ls ...wordList) wordList {
	w := wordList{t: newTable(64)}
	for _, l := range ls {
		for _, sl := range l.t.slots {
			if sl.key != 0 {
				w.t.put(sl.key, 1)
			}
		}
	}
	w.t.compact(16)
	return w
}

// wordList is a fixed set of canonical word keys, looked up by hash:
// scanning tests each word against several lists, and a hash probe into a
// small table is cheaper than hashing the word again as a string.
type wordList struct{ t *table }

// has reports whether the word with key hash h is in the list.
func (w wordList) has(h uint64) bool {
	_, ok := w.t.get(h)
	return ok
}

// hasWord reports whether canonical key k is in the list.
func (w wordList) hasWord(k string) bool { return w.has(hashKey([]byte(k))) }

func wordSet(s string) wordList {
	w := wordList{t: newTable(64)}
	for _, f := range strings.Fields(s) {
		w.t.put(hashKey([]byte(canonString(f))), 1)
	}
	w.t.compact(16) // small, so that the lists the scan reads stay in cache
	return w
}

// canonString returns the canonical key of one lower-case ASCII word.
func canonString(w string) string {
	b := []byte(w)
	return string(b[:canon(b)])
}

// placeNames are places, peoples, months and days: a one-word name equal to
// one of them ("October", "Arizona", "Qatari") is the word, not the entry.
var placeNames = wordSet(countryNames + ` ` + `january february march april may june july august september october november december monday tuesday wednesday
	thursday friday saturday sunday america american americans arab arabs arabia arabian asia asian british cairo
	czech damascus dubai europe european french gaza german london moscow qatari saudi siberia tehran alabama
	alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa
	kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
	nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
	wyoming beirut baghdad kabul kyiv kiev minsk caracas havana beijing shanghai riyadh doha istanbul ankara
	berlin paris crimea donbas chechnya dagestan sinai kurdistan balkans caucasus africa african latin syrian
	iranian iraqi russian ukrainian israeli lebanese yemeni egyptian libyan afghan pakistani indian chinese
	american mexican venezuelan cuban korean turkish saudi emirati palestinian somali sudanese`)

// countryNames are the countries placeNames holds, by their names in one
// word: a name that holds one ties its entry to that country (see
// namedCountries).
const countryNames = `afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus belgium
	bolivia bosnia brazil britain bulgaria burma canada chile china colombia congo croatia cuba cyprus denmark
	egypt england estonia ethiopia finland france georgia germany greece haiti honduras hungary india indonesia
	iran iraq ireland israel italy japan jordan kazakhstan kenya korea kosovo kuwait kyrgyzstan latvia lebanon
	libya lithuania malaysia mali mexico moldova mongolia montenegro morocco myanmar nepal netherlands nicaragua
	niger nigeria norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania
	russia rwanda scotland serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan
	tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uzbekistan venezuela vietnam wales
	yemen zimbabwe`

// orgWords end an organisation's name and are often written in lower case
// ("the Haqqani network", "the Sinaloa cartel").
var orgWords = wordSet(`network group movement front army cartel brigade brigades organization organisation
	party militia company corporation bank`)

// postWords say what rank a listed person's post is, not which post it is
// (see titleKeys).
var postWords = wordSet(`member employee official former acting first second third federation republic affairs
	assistant adviser advisor staff representative`)

// leaderWords in a listed person's title make them the one news means by a
// shared surname ("President of the Russian Federation").
var leaderWords = wordSet(`president prime minister leader chairman chairwoman secretary supreme king emir
	governor chief founder`)

// honorifics open some listed given names ("YASSIN, Sheik Ahmed",
// "AL ZAWAHIRI, Dr. Ayman", and Burmese names' U and Daw: "OO, U Tin");
// news writes them apart, if at all. They are told as written, not by
// key: "Said", a name, has the key of "Sayyid".
var honorifics = strings.Fields(`sheik sheikh shaikh shaykh dr doctor mr mrs haji hajji hajj mullah mawlawi maulvi imam sayyid sayed u daw`)

// isHonorific reports whether a word as written is an honorific ("Dr.").
func isHonorific(w string) bool {
	w = strings.TrimRight(w, ".")
	for _, h := range honorifics {
		if strings.EqualFold(w, h) {
			return true
		}
	}
	return false
}

// listWords may stand between a shipping word and a vessel's name in a list
// ("the tankers Dan (IMO 9357729), Hawk and Snow").
var listWords = wordSet(`and or imo`)

// stormWords name a storm, not a ship, when they stand before a name
// ("Typhoon Haiyan").
var stormWords = wordSet(`typhoon hurricane storm cyclone tropical`)

// performerWords right before a nickname make it a performer's stage name
// ("the singer El Fantasma"), not the listed trafficker's alias.
var performerWords = wordSet(`singer singers rapper rappers musician musicians band bands performer dj`)

// performedWords before "by" do the same ("sung by", "a concert by"); not
// "produced by" or "written by", which a cartel's drugs and a boss's
// letters are.
var performedWords = wordSet(`performed sung concert concerts gig song songs ballad ballads corrido corridos album track tour performance`)

// byWord is "by", as a key ("bi").
var byWord = wordSet(`by`)
