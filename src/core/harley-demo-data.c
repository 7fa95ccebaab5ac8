/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* The tables the demo generator in harley-demo.c draws from: places,
 * names, alerts and the address book. Nothing here is real. The order of
 * every list is part of the demo: entries are picked by index, so
 * reordering, adding or removing one changes the people a seed makes. */

#include "harley-demo-private.h"

/* Addresses {{{1 */

static const HarleyDemoArea london[] = {
  { "N1", "Islington" }, { "N7", "Holloway" }, { "N16", "Stoke Newington" },
  { "N19", "Archway" }, { "NW1", "Camden" }, { "NW3", "Hampstead" },
  { "NW6", "Kilburn" }, { "NW11", "Golders Green" }, { "SE1", "Southwark" },
  { "SE5", "Camberwell" }, { "SE10", "Greenwich" }, { "SE22", "East Dulwich" },
  { "SW4", "Clapham" }, { "SW6", "Fulham" }, { "SW11", "Battersea" },
  { "SW19", "Wimbledon" }, { "W1G", "Marylebone" }, { "W2", "Bayswater" },
  { "W4", "Chiswick" }, { "W8", "Kensington" }, { "W11", "Notting Hill" },
  { "E1", "Whitechapel" }, { "E8", "Hackney" }, { "E14", "Poplar" },
  { "E17", "Walthamstow" }, { "EC1V", "Clerkenwell" }, { "WC1N", "Bloomsbury" },
};
static const HarleyDemoArea bristol[] = {
  { "BS1", NULL }, { "BS6", "Redland" }, { "BS7", "Horfield" }, { "BS8", "Clifton" },
  { "BS9", "Westbury-on-Trym" }, { "BS16", "Fishponds" },
};
static const HarleyDemoArea leeds[] = {
  { "LS1", NULL }, { "LS6", "Headingley" }, { "LS7", "Chapel Allerton" },
  { "LS8", "Roundhay" }, { "LS17", "Moortown" }, { "LS28", "Pudsey" },
};
static const HarleyDemoArea manchester[] = {
  { "M1", NULL }, { "M14", "Fallowfield" }, { "M16", "Whalley Range" },
  { "M19", "Levenshulme" }, { "M20", "Didsbury" }, { "M21", "Chorlton" },
};
static const HarleyDemoArea cardiff[] = {
  { "CF5", "Llandaff" }, { "CF10", NULL }, { "CF11", "Canton" },
  { "CF14", "Whitchurch" }, { "CF23", "Cyncoed" }, { "CF24", "Roath" },
};
static const HarleyDemoArea glasgow[] = {
  { "G3", "Finnieston" }, { "G11", "Partick" }, { "G12", "Hyndland" },
  { "G20", "Maryhill" }, { "G41", "Pollokshields" }, { "G42", "Govanhill" },
};
static const HarleyDemoArea edinburgh[] = {
  { "EH1", NULL }, { "EH3", "Stockbridge" }, { "EH6", "Leith" },
  { "EH9", "Marchmont" }, { "EH10", "Morningside" }, { "EH12", "Corstorphine" },
};
static const HarleyDemoArea birmingham[] = {
  { "B1", NULL }, { "B11", "Sparkhill" }, { "B13", "Moseley" },
  { "B15", "Edgbaston" }, { "B17", "Harborne" }, { "B29", "Selly Oak" },
};
static const HarleyDemoArea liverpool[] = {
  { "L1", NULL }, { "L8", "Toxteth" }, { "L15", "Wavertree" },
  { "L17", "Aigburth" }, { "L18", "Allerton" },
};
static const HarleyDemoArea sheffield[] = {
  { "S1", NULL }, { "S7", "Nether Edge" }, { "S10", "Crookes" }, { "S11", "Ecclesall" },
};
static const HarleyDemoArea nottingham[] = {
  { "NG1", NULL }, { "NG2", "West Bridgford" }, { "NG5", "Sherwood" }, { "NG7", "Lenton" },
};
static const HarleyDemoArea leicester[] = {
  { "LE1", NULL }, { "LE2", "Clarendon Park" }, { "LE4", "Belgrave" }, { "LE5", "Evington" },
};
static const HarleyDemoArea reading[] = {
  { "RG1", NULL }, { "RG4", "Caversham" }, { "RG6", "Earley" }, { "RG30", "Tilehurst" },
};
static const HarleyDemoArea newcastle[] = {
  { "NE1", NULL }, { "NE2", "Jesmond" }, { "NE3", "Gosforth" }, { "NE6", "Heaton" },
};
static const HarleyDemoArea belfast[] = {
  { "BT1", NULL }, { "BT4", "Belmont" }, { "BT7", "Ormeau" }, { "BT9", "Malone" },
};
static const HarleyDemoArea oxford[] = {
  { "OX1", NULL }, { "OX2", "Summertown" }, { "OX3", "Headington" }, { "OX4", "Cowley" },
};
static const HarleyDemoArea cambridge[] = {
  { "CB1", NULL }, { "CB2", "Newnham" }, { "CB4", "Chesterton" }, { "CB5", NULL },
};
static const HarleyDemoArea brighton[] = {
  { "BN1", NULL }, { "BN2", "Kemptown" },
};
static const HarleyDemoArea st_albans[] = { { "AL1", NULL }, { "AL3", NULL } };
static const HarleyDemoArea watford[] = { { "WD17", NULL }, { "WD18", NULL }, { "WD24", NULL } };
static const HarleyDemoArea harrow[] = { { "HA1", NULL }, { "HA2", "Rayners Lane" }, { "HA3", "Kenton" } };
static const HarleyDemoArea croydon[] = { { "CR0", NULL } };
static const HarleyDemoArea kingston[] = { { "KT1", NULL }, { "KT2", "Norbiton" } };
static const HarleyDemoArea guildford[] = { { "GU1", NULL }, { "GU2", NULL } };
static const HarleyDemoArea swansea[] = { { "SA1", NULL }, { "SA2", "Sketty" } };
static const HarleyDemoArea aberdeen[] = { { "AB10", NULL }, { "AB15", "Cults" } };
static const HarleyDemoArea slough[] = { { "SL1", NULL }, { "SL2", "Farnham Royal" } };
static const HarleyDemoArea bradford[] = { { "BD7", NULL }, { "BD8", "Manningham" }, { "BD9", "Heaton" } };
static const HarleyDemoArea luton[] = { { "LU1", NULL }, { "LU2", NULL } };
static const HarleyDemoArea sevenoaks[] = { { "TN13", NULL }, { "TN14", "Otford" } };

#define TOWN(name, phone, weight, areas) { name, phone, weight, HARLEY_DEMO_ENGLAND, areas, G_N_ELEMENTS (areas) }
#define TOWN_IN(nation, name, phone, weight, areas) { name, phone, weight, nation, areas, G_N_ELEMENTS (areas) }

const HarleyDemoTown harley_demo_towns[] = {
  TOWN ("London", "02079460", 30, london),
  TOWN ("Bristol", "01174960", 5, bristol),
  TOWN ("Leeds", "01134960", 4, leeds),
  TOWN ("Manchester", "01614960", 5, manchester),
  TOWN_IN (HARLEY_DEMO_WALES, "Cardiff", "02920180", 3, cardiff),
  TOWN_IN (HARLEY_DEMO_SCOTLAND, "Glasgow", "01414960", 3, glasgow),
  TOWN_IN (HARLEY_DEMO_SCOTLAND, "Edinburgh", "01314960", 3, edinburgh),
  TOWN ("Birmingham", "01214960", 4, birmingham),
  TOWN ("Liverpool", "01514960", 3, liverpool),
  TOWN ("Sheffield", "01144960", 2, sheffield),
  TOWN ("Nottingham", "01154960", 2, nottingham),
  TOWN ("Leicester", "01164960", 2, leicester),
  TOWN ("Reading", "01184960", 2, reading),
  TOWN ("Newcastle upon Tyne", "01914980", 2, newcastle),
  TOWN_IN (HARLEY_DEMO_NORTHERN_IRELAND, "Belfast", "02890180", 1, belfast),
  TOWN ("Oxford", HARLEY_DEMO_PHONE_NO_AREA, 2, oxford),
  TOWN ("Cambridge", HARLEY_DEMO_PHONE_NO_AREA, 2, cambridge),
  TOWN ("Brighton", HARLEY_DEMO_PHONE_NO_AREA, 2, brighton),
  TOWN ("St Albans", HARLEY_DEMO_PHONE_NO_AREA, 2, st_albans),
  TOWN ("Watford", HARLEY_DEMO_PHONE_NO_AREA, 1, watford),
  TOWN ("Harrow", HARLEY_DEMO_PHONE_NO_AREA, 2, harrow),
  TOWN ("Croydon", HARLEY_DEMO_PHONE_NO_AREA, 2, croydon),
  TOWN ("Kingston upon Thames", HARLEY_DEMO_PHONE_NO_AREA, 1, kingston),
  TOWN ("Guildford", HARLEY_DEMO_PHONE_NO_AREA, 1, guildford),
  TOWN_IN (HARLEY_DEMO_WALES, "Swansea", HARLEY_DEMO_PHONE_NO_AREA, 1, swansea),
  TOWN_IN (HARLEY_DEMO_SCOTLAND, "Aberdeen", HARLEY_DEMO_PHONE_NO_AREA, 1, aberdeen),
  TOWN ("Slough", HARLEY_DEMO_PHONE_NO_AREA, 1, slough),
  TOWN ("Bradford", HARLEY_DEMO_PHONE_NO_AREA, 1, bradford),
  TOWN ("Luton", HARLEY_DEMO_PHONE_NO_AREA, 1, luton),
  TOWN ("Sevenoaks", HARLEY_DEMO_PHONE_NO_AREA, 1, sevenoaks),
};

const gsize harley_demo_n_towns = G_N_ELEMENTS (harley_demo_towns);

const char * const harley_demo_streets[] = {
  "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue",
  "Mill Lane", "Queen's Road", "Kingsway", "The Crescent", "Albert Street",
  "Manor Drive", "Orchard Close", "Meadow Way", "Windsor Gardens", "Elm Grove",
  "Beech Avenue", "St Mary's Road", "London Road", "Green Lane", "Grange Road",
  "Richmond Terrace", "Cromwell Road", "Alexandra Road", "Belmont Road",
  "Chestnut Walk", "Wellington Street", "Princes Street", "Holly Bank",
  "Springfield Road", "Willow Close", "Denmark Hill", "Lordship Lane",
  "Marlborough Road", "Abbey Road", "Northumberland Avenue", "Clarendon Road",
  "Sandringham Drive", "Primrose Hill", "Rectory Lane", "Brook Street",
  "Hawthorn Rise", "Lime Tree Avenue", "Moorland View", "Castle Street",
  "Fountain Square", "Jubilee Close",
};

/* Some streets only one nation has. */
const char * const harley_demo_local_streets[][4] = {
  [HARLEY_DEMO_ENGLAND] = { "Coronation Street", "Acacia Avenue", "Vicarage Road", "Market Place" },
  [HARLEY_DEMO_WALES] = { "Heol y Coed", "Ffordd Las", "Heol Eglwys", "Stryd Fawr" },
  [HARLEY_DEMO_SCOTLAND] = { "Buccleuch Place", "Byres Road", "Kirk Wynd", "Braid Crescent" },
  [HARLEY_DEMO_NORTHERN_IRELAND] = { "Lisburn Road", "Malone Avenue", "Ormeau Park", "Cregagh Road" },
};

const char * const harley_demo_house_names[] = {
  "Rose Cottage", "The Old Rectory", "Ivy House", "Orchard View", "Hillcrest",
  "The Willows", "Tŷ Gwyn", "Meadowbank", "The Coach House", "Fernlea",
  "Bryn Awel", "Glenview",
};

const char * const harley_demo_buildings[] = {
  "Albion Court", "Victoria House", "Riverside Apartments", "Kings Court",
  "Chartwell House", "Marlborough Mansions", "The Maltings", "Cedar Lodge",
};

const gsize harley_demo_n_streets = G_N_ELEMENTS (harley_demo_streets);
const gsize harley_demo_n_house_names = G_N_ELEMENTS (harley_demo_house_names);
const gsize harley_demo_n_buildings = G_N_ELEMENTS (harley_demo_buildings);

/* People {{{1 */

/* Given names by sex and family names, by where a family's names come
 * from. A share of names carry accents, apostrophes and hyphens, which
 * search and letters must handle. */

static const char * const english_female[] = {
  "Olivia", "Amelia", "Isla", "Emily", "Sophie", "Grace", "Charlotte", "Jessica",
  "Lucy", "Hannah", "Ellie", "Poppy", "Margaret", "Elizabeth", "Susan", "Patricia",
  "Jennifer", "Sarah", "Helen", "Karen", "Joanne", "Claire", "Rachel", "Victoria",
  "Katherine", "Rebecca", "Alice", "Harriet", "Rosemary", "Pauline", "Janet",
  "Gillian", "Jacqueline", "Dorothy", "Joan", "Zoë", "Chloë", "Renée",
};
static const char * const english_male[] = {
  "Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "William", "James",
  "Henry", "Edward", "Samuel", "Joseph", "Daniel", "Matthew", "Christopher",
  "Andrew", "David", "Richard", "Robert", "Peter", "Michael", "Stephen", "Paul",
  "Mark", "Simon", "Nicholas", "Jonathan", "Benjamin", "Alfie", "Arthur",
  "Frederick", "Albert", "Leonard", "Kenneth", "Graham", "Trevor", "Noël",
};
static const char * const english_family[] = {
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
  "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
  "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Edwards", "Turner", "Hill",
  "Harris", "Cooper", "Ward", "Morris", "King", "Baker", "Harrison", "Lewis",
  "Allen", "Carter", "Mitchell", "Parker", "Bennett", "Fisher", "Marsh",
  "Fletcher", "Ashworth", "Pemberton", "Blackwood", "Whitfield", "Thornton",
  "Hargreaves", "Ellison", "Fairbrother", "Campbell", "Francis", "Grant",
  "Barrett", "Okoro-Smith", "Featherstonehaugh",
};

static const char * const irish_female[] = {
  "Siobhán", "Aoife", "Niamh", "Saoirse", "Caoimhe", "Róisín", "Orla", "Máire",
  "Sinéad", "Clodagh", "Bríd", "Eimear",
};
static const char * const irish_male[] = {
  "Seán", "Cian", "Oisín", "Pádraig", "Ciarán", "Eoin", "Darragh", "Liam",
  "Conor", "Declan", "Cathal", "Dónal",
};
static const char * const irish_family[] = {
  "Murphy", "O'Brien", "O'Sullivan", "Kelly", "Byrne", "Ryan", "O'Connor",
  "Walsh", "McCarthy", "Doyle", "Gallagher", "O'Neill", "Fitzgerald",
  "Ó Ceallaigh", "Mac Giolla", "Ní Bhriain",
};

static const char * const welsh_female[] = {
  "Cerys", "Seren", "Ffion", "Eleri", "Angharad", "Rhiannon", "Sioned", "Nia",
  "Bethan", "Gwenllian", "Catrin", "Mererid",
};
static const char * const welsh_male[] = {
  "Dafydd", "Rhys", "Gethin", "Owain", "Iwan", "Llŷr", "Emyr", "Gareth", "Huw",
  "Ioan", "Aled", "Tomos",
};
static const char * const welsh_family[] = {
  "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis",
  "Morgan", "Griffiths", "Pritchard", "Llewellyn", "Rees", "Price", "Powell",
  "Vaughan", "Prys", "Bowen", "Pugh",
};

static const char * const scottish_female[] = {
  "Isla", "Eilidh", "Morag", "Kirsty", "Fiona", "Catriona", "Mhairi", "Ailsa",
  "Shona", "Iona", "Agnes", "Elspeth",
};
static const char * const scottish_male[] = {
  "Alasdair", "Hamish", "Callum", "Angus", "Euan", "Fraser", "Ruaridh", "Iain",
  "Lachlan", "Murdo", "Douglas", "Struan",
};
static const char * const scottish_family[] = {
  "MacDonald", "Campbell", "Stewart", "MacLeod", "Robertson", "Murray", "Fraser",
  "Mackenzie", "Ross", "Sinclair", "Buchanan", "McGregor", "Cameron", "Drummond",
  "Urquhart", "MacKinnon",
};

static const char * const south_asian_female[] = {
  "Priya", "Aisha", "Ananya", "Fatima", "Zara", "Sunita", "Harpreet", "Nusrat",
  "Kavita", "Simran", "Shabnam", "Deepika", "Meera", "Rukhsana",
};
static const char * const south_asian_male[] = {
  "Arjun", "Rahul", "Imran", "Mohammed", "Sanjay", "Vikram", "Harjit", "Aarav",
  "Rohan", "Ravi", "Zubair", "Amandeep", "Tariq", "Nikhil",
};
static const char * const south_asian_family[] = {
  "Patel", "Shah", "Khan", "Singh", "Ahmed", "Hussain", "Sharma", "Gupta",
  "Chaudhry", "Mistry", "Rahman", "Iqbal", "Malik", "Bhatt", "Sandhu", "Chopra",
  "Raman", "Begum",
};

static const char * const polish_female[] = {
  "Zofia", "Agnieszka", "Małgorzata", "Katarzyna", "Joanna", "Magdalena", "Anna",
  "Ewa", "Żaneta", "Natalia", "Aleksandra", "Weronika",
};
static const char * const polish_male[] = {
  "Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Jakub",
  "Wojciech", "Marek", "Grzegorz", "Bartłomiej", "Szymon",
};
static const char * const polish_family[] = {
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
  "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski",
  "Mazur", "Jankowski",
};

static const char * const chinese_female[] = {
  "Mei", "Xiu Ying", "Jing", "Yan", "Hui", "Lan", "Wen", "Ling", "Yue", "Fang",
};
static const char * const chinese_male[] = {
  "Wei", "Jun", "Hao", "Jian", "Ming", "Lei", "Tao", "Bo", "Zhi Hao", "Kai",
};
static const char * const chinese_family[] = {
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
  "Chan", "Wong", "Cheung", "Lam", "Ng", "Ho",
};

static const char * const west_african_female[] = {
  "Adaeze", "Chiamaka", "Ngozi", "Folasade", "Abena", "Ama", "Oluwaseun",
  "Funmilayo", "Efua", "Yewande", "Chidinma", "Adwoa",
};
static const char * const west_african_male[] = {
  "Chukwuemeka", "Oluwadamilare", "Kwame", "Kofi", "Babatunde", "Emeka", "Tunde",
  "Kwabena", "Obinna", "Femi", "Yaw", "Olumide",
};
static const char * const west_african_family[] = {
  "Okafor", "Adeyemi", "Mensah", "Boateng", "Okonkwo", "Adebayo", "Owusu",
  "Asante", "Eze", "Nwosu", "Oyelaran", "Ogunleye", "Appiah", "Bello", "Danso",
};

static const char * const arabic_female[] = {
  "Fatima", "Mariam", "Layla", "Noor", "Yasmin", "Aaliyah", "Amira", "Huda",
  "Salma", "Rania", "Hana", "Zainab",
};
static const char * const arabic_male[] = {
  "Omar", "Ahmed", "Youssef", "Khalid", "Hassan", "Ali", "Karim", "Tariq",
  "Samir", "Bilal", "Hamza", "Faisal",
};
static const char * const arabic_family[] = {
  "Al-Sayed", "Haddad", "Hassan", "Mansour", "Khalil", "Nasser", "Abdullah",
  "Farouk", "Al-Masri", "El-Amin", "Saleh", "Darwish", "Aziz", "Hamdan",
};

static const char * const european_female[] = {
  "Giulia", "Sofia", "Maria", "Eleni", "Inês", "Zeynep", "Léa", "Chloé",
  "Françoise", "Ingrid", "Björk", "Ana",
};
static const char * const european_male[] = {
  "Giovanni", "Luca", "Ioannis", "João", "Tiago", "Mehmet", "Emre", "Stéphane",
  "Jürgen", "Lars", "José", "Andreas",
};
static const char * const european_family[] = {
  "Rossi", "Russo", "Papadopoulos", "Georgiou", "Ferreira", "Silva", "Yılmaz",
  "Demir", "Müller", "Dubois", "Lefèvre", "García", "Fernández", "Kristiansen",
};

#define GROUP(p, language, weight, flags) \
  { p##_female, G_N_ELEMENTS (p##_female), p##_male, G_N_ELEMENTS (p##_male), \
    p##_family, G_N_ELEMENTS (p##_family), language, weight, flags }

const HarleyDemoNameGroup harley_demo_groups[] = {
  GROUP (english, NULL, 46, 0),
  GROUP (irish, NULL, 7, 0),
  GROUP (welsh, NULL, 6, 0),
  GROUP (scottish, NULL, 7, 0),
  GROUP (south_asian, "Punjabi", 11, 0),
  GROUP (polish, "Polish", 5, HARLEY_DEMO_FEMININE_KI),
  GROUP (chinese, "Mandarin", 4, HARLEY_DEMO_ENGLISH_KNOWN_AS),
  GROUP (west_african, NULL, 5, 0),
  GROUP (arabic, "Arabic", 4, 0),
  GROUP (european, "Portuguese", 5, 0),
};

const gsize harley_demo_n_groups = G_N_ELEMENTS (harley_demo_groups);

/* Names people go by; the record keeps both. */
const char * const harley_demo_known_as[][2] = {
  { "William", "Bill" }, { "Robert", "Bob" }, { "Elizabeth", "Liz" },
  { "Margaret", "Peggy" }, { "Katherine", "Kate" }, { "Christopher", "Chris" },
  { "Michael", "Mike" }, { "Jonathan", "Jon" }, { "Benjamin", "Ben" },
  { "Rebecca", "Becky" }, { "Victoria", "Vicky" }, { "Jacqueline", "Jackie" },
  { "Patricia", "Trish" }, { "Susan", "Sue" }, { "Frederick", "Fred" },
  { "Kenneth", "Ken" }, { "Jennifer", "Jenny" }, { "Nicholas", "Nick" },
  { "Samuel", "Sam" }, { "Thomas", "Tom" }, { "Edward", "Ted" },
  { "Matthew", "Matt" }, { "Andrew", "Andy" }, { "Stephen", "Steve" },
  { "Dorothy", "Dot" }, { "Gillian", "Jill" }, { "Alasdair", "Ali" },
  { "Catriona", "Cat" }, { "Gwenllian", "Gwen" }, { "Pádraig", "Paddy" },
  { "Małgorzata", "Gosia" }, { "Katarzyna", "Kasia" }, { "Aleksandra", "Ola" },
  { "Wojciech", "Wojtek" }, { "Bartłomiej", "Bartek" }, { "Chukwuemeka", "Emeka" },
  { "Oluwaseun", "Seun" }, { "Babatunde", "Tunde" }, { "Oluwadamilare", "Dami" },
  { "Funmilayo", "Funmi" }, { "Folasade", "Sade" }, { "Mohammed", "Mo" },
  { "Giovanni", "Gianni" }, { "Ioannis", "Yannis" },
};

const char * const harley_demo_english_as_female[] = { "Grace", "Amy", "Vivian", "Jenny", "Helen" };
const char * const harley_demo_english_as_male[] = { "David", "Kevin", "Eric", "Jason", "Tony" };

const gsize harley_demo_n_known_as = G_N_ELEMENTS (harley_demo_known_as);
const gsize harley_demo_n_english_as_female = G_N_ELEMENTS (harley_demo_english_as_female);
const gsize harley_demo_n_english_as_male = G_N_ELEMENTS (harley_demo_english_as_male);

/* A dermatologist's list: mostly adults, some children. */
const HarleyDemoAgeBand harley_demo_age_bands[] = {
  { 0, 4, 3 }, { 5, 15, 7 }, { 16, 24, 9 }, { 25, 34, 14 }, { 35, 44, 15 },
  { 45, 54, 15 }, { 55, 64, 14 }, { 65, 74, 12 }, { 75, 84, 8 }, { 85, 95, 3 },
};

const char * const harley_demo_alerts[] = {
  "Hard of hearing: phone daughter", "Wheelchair user", "Latex allergy",
  "Allergic to penicillin", "Needle phobic: allow extra time",
  "Registered blind: send letters in large print", "Pacemaker fitted",
  "Takes warfarin", "Prefers a female chaperone", "Lives alone: confirm appointments by phone",
  "Hearing loop needed", "Anxious patient: first appointment of the day",
};

const char * const harley_demo_notes[] = {
  "Prefers morning appointments.", "Prefers to be contacted by email.",
  "Works shifts: call after 4 pm.", "Sister also a patient.",
  "Pays by bank transfer.", "Parking badge holder.",
};

const gsize harley_demo_n_age_bands = G_N_ELEMENTS (harley_demo_age_bands);
const gsize harley_demo_n_alerts = G_N_ELEMENTS (harley_demo_alerts);
const gsize harley_demo_n_notes = G_N_ELEMENTS (harley_demo_notes);

/* The address book {{{1 */

const HarleyDemoInsurer harley_demo_insurers[] = {
  { "Bupa", "########", "PA#######", "Claims Department\nSalisbury Road", "London", "SE1 9QE", "40031872", 32 },
  { "AXA Health", "AX#######@", "AUTH-######", "Provider Services\nCalverley Park", "Tunbridge Wells", "TN1 2RL", "AXP118204", 24 },
  { "Aviva", "AV######/##", "AVA######", "Health Claims\nSt Stephen's Street", "Norwich", "NR1 3SG", "AV-554210", 16 },
  { "Vitality", "VH#########", "VA########", "Member Services\nTrinity Road", "Bournemouth", "BH1 2TD", "VIT77120", 14 },
  { "WPA", "W#######", "W-AUTH#####", "Rivergate House\nBlackbrook Park", "Taunton", "TA1 2PE", "WPA90311", 8 },
  { "Simplyhealth", "SH########", "SHA######", "Anton House\nChantry Street", "Andover", "SP10 1DE", "SH-30448", 6 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (harley_demo_insurers) == HARLEY_DEMO_N_INSURERS);

const HarleyDemoHospital harley_demo_hospitals[] = {
  { "The Harley Clinic", "112 Harley Street\nMarylebone", "London", "W1G 7JQ", "02079460", "HC", 6 },
  { "St Anne's Private Hospital", "Ashdown Road\nHampstead", "London", "NW3 2QG", "02079460", "SA", 7 },
  { "Kingsmead Private Hospital", "Elmbridge Lane", "Guildford", "GU2 7XH", HARLEY_DEMO_PHONE_NO_AREA, "KM-", 6 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (harley_demo_hospitals) == HARLEY_DEMO_N_HOSPITALS);

/* Turnarounds as laboratories quote them, in working days. */
const HarleyDemoLaboratory harley_demo_laboratories[] = {
  { "Meridian Pathology Laboratories", "ACC-20417", "Unit 4, Wimpole Mews", "London", "W1G 8PD",
    "02079460410", "results@meridian-pathology.example", "Blood sciences: haematology, biochemistry, immunology",
    2, TRUE, "blood", "MPL" },
  { "Northgate Dermatopathology", "NDP-0931", "The Lister Building\nGower Place", "London", "WC1N 3BG",
    "02079460420", "reports@northgate-dp.example", "Histopathology of skin biopsies and excisions",
    10, TRUE, "histology other", "NDP" },
  { "St Anne's Microbiology Department", "SAH-MIC", "St Anne's Private Hospital\nAshdown Road\nHampstead",
    "London", "NW3 2QG", "02079460430", "microbiology@st-annes-hospital.example",
    "Microbiology and mycology: swabs, skin scrapings and nail clippings", 5, TRUE, "swab scrapings", "SAM" },
};

const gsize harley_demo_n_laboratories = G_N_ELEMENTS (harley_demo_laboratories);

const char * const harley_demo_practice_words[] = {
  "The Elms", "The Limes", "The Willows", "The Laurels", "The Cedars", "The Beeches",
  "Riverside", "Parkside", "Abbey", "Priory", "Castle", "Bridge", "Meadowbrook",
  "Orchard", "Grove", "Church Street", "Station Road", "Victoria", "Albion",
  "Kingfisher", "Heron", "Brookside", "Hillside", "Woodlands", "Fairfield",
  "Millbrook", "Ashfield", "Oakwood", "Greenway", "Lakeside", "Northgate",
  "Southview", "Westway", "Eastfield", "Highfield", "Beacon", "Chestnut",
  "Rowan", "Hawthorn", "Sycamore", "Linden", "Mulberry",
};

const char * const harley_demo_practice_kinds[] = {
  "Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice",
};

const gsize harley_demo_n_practice_words = G_N_ELEMENTS (harley_demo_practice_words);
const gsize harley_demo_n_practice_kinds = G_N_ELEMENTS (harley_demo_practice_kinds);

/* Surgeons are Mr, Mrs, Ms or Miss in Britain, physicians Dr. */
const HarleyDemoReferrerKind harley_demo_referrer_kinds[] = {
  { "Dr", "Consultant rheumatologist", TRUE },
  { NULL, "Consultant plastic surgeon", TRUE },
  { "Dr", "Consultant allergist", TRUE },
  { NULL, "Consultant ENT surgeon", TRUE },
  { "Dr", "Consultant paediatrician", TRUE },
  { "Dr", "Consultant oncologist", TRUE },
  { "Dr", "Private GP", FALSE },
  { "Dr", "Private GP", FALSE },
  { "Dr", "Private GP", FALSE },
  { "Dr", "Occupational health physician", FALSE },
};

const gsize harley_demo_n_referrer_kinds = G_N_ELEMENTS (harley_demo_referrer_kinds);

/* The practice {{{1 */

const char * const harley_demo_practice_details[][2] = {
  { "name", "Dr Eleanor Hartley — Consultant Dermatologist" },
  { "address", "Consulting Rooms\n112 Harley Street\nLondon\nW1G 7JQ" },
  { "phone", "020 7946 0321" },
  { "email", "secretary@hartley-dermatology.example" },
  { "consultant", "Dr Eleanor Hartley" },
  { "qualifications", "MA MB BChir FRCP" },
  { "gmc", "1234567" },
};

const gsize harley_demo_n_practice_details = G_N_ELEMENTS (harley_demo_practice_details);
