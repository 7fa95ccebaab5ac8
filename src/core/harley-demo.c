/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "harley-demo"

/* Demo data: a believable practice to try Harley on, to train with and to
 * measure it against. Everything comes from one GRand seeded by the
 * caller, never from the clock, so a seed always gives the same people.
 * Nothing here is real: NHS numbers are from the 999 test range, phone
 * numbers from Ofcom's drama ranges, email addresses at example.com, and
 * names are drawn at random from lists.
 *
 * All of it is written in one transaction: a failure leaves nothing. */

#include <glib/gi18n-lib.h>
#include <string.h>

#include "harley-contact.h"
#include "harley-demo.h"
#include "harley-register-private.h"
#include "harley-validate.h"

/* Ages are worked out from a fixed day, not today, so that a seed gives
 * the same dates of birth whenever it is run. */
#define REFERENCE_YEAR   2025
#define NHS_BLOCK        1000000u     /* 999 000 000(x) to 999 999 999(x) */
#define NHS_STRIDE       7919u        /* prime to NHS_BLOCK: visits each once */
#define N_GP_PRACTICES   40
#define N_HOSPITALS      3

G_DEFINE_QUARK (harley-demo-error-quark, harley_demo_error)

/* Tables {{{1 */

typedef struct
{
  const char *outward;
  const char *locality;
} Area;

typedef enum
{
  ENGLAND,
  WALES,
  SCOTLAND,
  NORTHERN_IRELAND,
} Nation;

typedef struct
{
  const char  *town;
  const char  *phone;      /* a drama range: eight digits, three more follow */
  guint        weight;
  Nation       nation;
  const Area  *areas;
  guint        n_areas;
} Town;

#define PHONE_MOBILE    "07700900"
#define PHONE_NO_AREA   "01632960"

static const Area london[] = {
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
static const Area bristol[] = {
  { "BS1", NULL }, { "BS6", "Redland" }, { "BS7", "Horfield" }, { "BS8", "Clifton" },
  { "BS9", "Westbury-on-Trym" }, { "BS16", "Fishponds" },
};
static const Area leeds[] = {
  { "LS1", NULL }, { "LS6", "Headingley" }, { "LS7", "Chapel Allerton" },
  { "LS8", "Roundhay" }, { "LS17", "Moortown" }, { "LS28", "Pudsey" },
};
static const Area manchester[] = {
  { "M1", NULL }, { "M14", "Fallowfield" }, { "M16", "Whalley Range" },
  { "M19", "Levenshulme" }, { "M20", "Didsbury" }, { "M21", "Chorlton" },
};
static const Area cardiff[] = {
  { "CF5", "Llandaff" }, { "CF10", NULL }, { "CF11", "Canton" },
  { "CF14", "Whitchurch" }, { "CF23", "Cyncoed" }, { "CF24", "Roath" },
};
static const Area glasgow[] = {
  { "G3", "Finnieston" }, { "G11", "Partick" }, { "G12", "Hyndland" },
  { "G20", "Maryhill" }, { "G41", "Pollokshields" }, { "G42", "Govanhill" },
};
static const Area edinburgh[] = {
  { "EH1", NULL }, { "EH3", "Stockbridge" }, { "EH6", "Leith" },
  { "EH9", "Marchmont" }, { "EH10", "Morningside" }, { "EH12", "Corstorphine" },
};
static const Area birmingham[] = {
  { "B1", NULL }, { "B11", "Sparkhill" }, { "B13", "Moseley" },
  { "B15", "Edgbaston" }, { "B17", "Harborne" }, { "B29", "Selly Oak" },
};
static const Area liverpool[] = {
  { "L1", NULL }, { "L8", "Toxteth" }, { "L15", "Wavertree" },
  { "L17", "Aigburth" }, { "L18", "Allerton" },
};
static const Area sheffield[] = {
  { "S1", NULL }, { "S7", "Nether Edge" }, { "S10", "Crookes" }, { "S11", "Ecclesall" },
};
static const Area nottingham[] = {
  { "NG1", NULL }, { "NG2", "West Bridgford" }, { "NG5", "Sherwood" }, { "NG7", "Lenton" },
};
static const Area leicester[] = {
  { "LE1", NULL }, { "LE2", "Clarendon Park" }, { "LE4", "Belgrave" }, { "LE5", "Evington" },
};
static const Area reading[] = {
  { "RG1", NULL }, { "RG4", "Caversham" }, { "RG6", "Earley" }, { "RG30", "Tilehurst" },
};
static const Area newcastle[] = {
  { "NE1", NULL }, { "NE2", "Jesmond" }, { "NE3", "Gosforth" }, { "NE6", "Heaton" },
};
static const Area belfast[] = {
  { "BT1", NULL }, { "BT4", "Belmont" }, { "BT7", "Ormeau" }, { "BT9", "Malone" },
};
static const Area oxford[] = {
  { "OX1", NULL }, { "OX2", "Summertown" }, { "OX3", "Headington" }, { "OX4", "Cowley" },
};
static const Area cambridge[] = {
  { "CB1", NULL }, { "CB2", "Newnham" }, { "CB4", "Chesterton" }, { "CB5", NULL },
};
static const Area brighton[] = {
  { "BN1", NULL }, { "BN2", "Kemptown" },
};
static const Area st_albans[] = { { "AL1", NULL }, { "AL3", NULL } };
static const Area watford[] = { { "WD17", NULL }, { "WD18", NULL }, { "WD24", NULL } };
static const Area harrow[] = { { "HA1", NULL }, { "HA2", "Rayners Lane" }, { "HA3", "Kenton" } };
static const Area croydon[] = { { "CR0", NULL } };
static const Area kingston[] = { { "KT1", NULL }, { "KT2", "Norbiton" } };
static const Area guildford[] = { { "GU1", NULL }, { "GU2", NULL } };
static const Area swansea[] = { { "SA1", NULL }, { "SA2", "Sketty" } };
static const Area aberdeen[] = { { "AB10", NULL }, { "AB15", "Cults" } };
static const Area slough[] = { { "SL1", NULL }, { "SL2", "Farnham Royal" } };
static const Area bradford[] = { { "BD7", NULL }, { "BD8", "Manningham" }, { "BD9", "Heaton" } };
static const Area luton[] = { { "LU1", NULL }, { "LU2", NULL } };
static const Area sevenoaks[] = { { "TN13", NULL }, { "TN14", "Otford" } };

#define TOWN(name, phone, weight, areas) { name, phone, weight, ENGLAND, areas, G_N_ELEMENTS (areas) }
#define TOWN_IN(nation, name, phone, weight, areas) { name, phone, weight, nation, areas, G_N_ELEMENTS (areas) }

static const Town towns[] = {
  TOWN ("London", "02079460", 30, london),
  TOWN ("Bristol", "01174960", 5, bristol),
  TOWN ("Leeds", "01134960", 4, leeds),
  TOWN ("Manchester", "01614960", 5, manchester),
  TOWN_IN (WALES, "Cardiff", "02920180", 3, cardiff),
  TOWN_IN (SCOTLAND, "Glasgow", "01414960", 3, glasgow),
  TOWN_IN (SCOTLAND, "Edinburgh", "01314960", 3, edinburgh),
  TOWN ("Birmingham", "01214960", 4, birmingham),
  TOWN ("Liverpool", "01514960", 3, liverpool),
  TOWN ("Sheffield", "01144960", 2, sheffield),
  TOWN ("Nottingham", "01154960", 2, nottingham),
  TOWN ("Leicester", "01164960", 2, leicester),
  TOWN ("Reading", "01184960", 2, reading),
  TOWN ("Newcastle upon Tyne", "01914980", 2, newcastle),
  TOWN_IN (NORTHERN_IRELAND, "Belfast", "02890180", 1, belfast),
  TOWN ("Oxford", PHONE_NO_AREA, 2, oxford),
  TOWN ("Cambridge", PHONE_NO_AREA, 2, cambridge),
  TOWN ("Brighton", PHONE_NO_AREA, 2, brighton),
  TOWN ("St Albans", PHONE_NO_AREA, 2, st_albans),
  TOWN ("Watford", PHONE_NO_AREA, 1, watford),
  TOWN ("Harrow", PHONE_NO_AREA, 2, harrow),
  TOWN ("Croydon", PHONE_NO_AREA, 2, croydon),
  TOWN ("Kingston upon Thames", PHONE_NO_AREA, 1, kingston),
  TOWN ("Guildford", PHONE_NO_AREA, 1, guildford),
  TOWN_IN (WALES, "Swansea", PHONE_NO_AREA, 1, swansea),
  TOWN_IN (SCOTLAND, "Aberdeen", PHONE_NO_AREA, 1, aberdeen),
  TOWN ("Slough", PHONE_NO_AREA, 1, slough),
  TOWN ("Bradford", PHONE_NO_AREA, 1, bradford),
  TOWN ("Luton", PHONE_NO_AREA, 1, luton),
  TOWN ("Sevenoaks", PHONE_NO_AREA, 1, sevenoaks),
};

static const char * const streets[] = {
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
static const char * const local_streets[][4] = {
  [ENGLAND] = { "Coronation Street", "Acacia Avenue", "Vicarage Road", "Market Place" },
  [WALES] = { "Heol y Coed", "Ffordd Las", "Heol Eglwys", "Stryd Fawr" },
  [SCOTLAND] = { "Buccleuch Place", "Byres Road", "Kirk Wynd", "Braid Crescent" },
  [NORTHERN_IRELAND] = { "Lisburn Road", "Malone Avenue", "Ormeau Park", "Cregagh Road" },
};

static const char * const house_names[] = {
  "Rose Cottage", "The Old Rectory", "Ivy House", "Orchard View", "Hillcrest",
  "The Willows", "Tŷ Gwyn", "Meadowbank", "The Coach House", "Fernlea",
  "Bryn Awel", "Glenview",
};

static const char * const buildings[] = {
  "Albion Court", "Victoria House", "Riverside Apartments", "Kings Court",
  "Chartwell House", "Marlborough Mansions", "The Maltings", "Cedar Lodge",
};

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

typedef struct
{
  const char * const *female;
  guint               n_female;
  const char * const *male;
  guint               n_male;
  const char * const *family;
  guint               n_family;
  const char         *language;      /* for an interpreter alert */
  guint               weight;
  guint               flags;
} NameGroup;

enum {
  FEMININE_KI      = 1 << 0,   /* Kowalski, Kowalska */
  ENGLISH_KNOWN_AS = 1 << 1,   /* Xiu Ying, known as Grace */
};

#define GROUP(p, language, weight, flags) \
  { p##_female, G_N_ELEMENTS (p##_female), p##_male, G_N_ELEMENTS (p##_male), \
    p##_family, G_N_ELEMENTS (p##_family), language, weight, flags }

static const NameGroup groups[] = {
  GROUP (english, NULL, 46, 0),
  GROUP (irish, NULL, 7, 0),
  GROUP (welsh, NULL, 6, 0),
  GROUP (scottish, NULL, 7, 0),
  GROUP (south_asian, "Punjabi", 11, 0),
  GROUP (polish, "Polish", 5, FEMININE_KI),
  GROUP (chinese, "Mandarin", 4, ENGLISH_KNOWN_AS),
  GROUP (west_african, NULL, 5, 0),
  GROUP (arabic, "Arabic", 4, 0),
  GROUP (european, "Portuguese", 5, 0),
};

/* Names people go by; the record keeps both. */
static const char * const known_as[][2] = {
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

static const char * const english_as_female[] = { "Grace", "Amy", "Vivian", "Jenny", "Helen" };
static const char * const english_as_male[] = { "David", "Kevin", "Eric", "Jason", "Tony" };

typedef struct
{
  guint from;
  guint to;
  guint weight;
} AgeBand;

/* A dermatologist's list: mostly adults, some children. */
static const AgeBand age_bands[] = {
  { 0, 4, 3 }, { 5, 15, 7 }, { 16, 24, 9 }, { 25, 34, 14 }, { 35, 44, 15 },
  { 45, 54, 15 }, { 55, 64, 14 }, { 65, 74, 12 }, { 75, 84, 8 }, { 85, 95, 3 },
};

static const char * const alerts[] = {
  "Hard of hearing: phone daughter", "Wheelchair user", "Latex allergy",
  "Allergic to penicillin", "Needle phobic: allow extra time",
  "Registered blind: send letters in large print", "Pacemaker fitted",
  "Takes warfarin", "Prefers a female chaperone", "Lives alone: confirm appointments by phone",
  "Hearing loop needed", "Anxious patient: first appointment of the day",
};

static const char * const notes[] = {
  "Prefers morning appointments.", "Prefers to be contacted by email.",
  "Works shifts: call after 4 pm.", "Sister also a patient.",
  "Pays by bank transfer.", "Parking badge holder.",
};

/* The address book {{{1 */

typedef struct
{
  const char *name;
  const char *membership;       /* # a digit, @ a capital letter */
  const char *authorisation;
  const char *address;
  const char *town;
  const char *postcode;
  const char *code;             /* the practice's provider number */
  guint       weight;
} Insurer;

static const Insurer insurers[] = {
  { "Bupa", "########", "PA#######", "Claims Department\nSalisbury Road", "London", "SE1 9QE", "40031872", 32 },
  { "AXA Health", "AX#######@", "AUTH-######", "Provider Services\nCalverley Park", "Tunbridge Wells", "TN1 2RL", "AXP118204", 24 },
  { "Aviva", "AV######/##", "AVA######", "Health Claims\nSt Stephen's Street", "Norwich", "NR1 3SG", "AV-554210", 16 },
  { "Vitality", "VH#########", "VA########", "Member Services\nTrinity Road", "Bournemouth", "BH1 2TD", "VIT77120", 14 },
  { "WPA", "W#######", "W-AUTH#####", "Rivergate House\nBlackbrook Park", "Taunton", "TA1 2PE", "WPA90311", 8 },
  { "Simplyhealth", "SH########", "SHA######", "Anton House\nChantry Street", "Andover", "SP10 1DE", "SH-30448", 6 },
};

typedef struct
{
  const char *name;
  const char *address;
  const char *town;
  const char *postcode;
  const char *phone;      /* a drama range, as for towns */
  const char *prefix;     /* of its hospital numbers */
  int         digits;     /* after the prefix */
} Hospital;

static const Hospital hospitals[N_HOSPITALS] = {
  { "The Harley Clinic", "112 Harley Street\nMarylebone", "London", "W1G 7JQ", "02079460", "HC", 6 },
  { "St Anne's Private Hospital", "Ashdown Road\nHampstead", "London", "NW3 2QG", "02079460", "SA", 7 },
  { "Kingsmead Private Hospital", "Elmbridge Lane", "Guildford", "GU2 7XH", PHONE_NO_AREA, "KM-", 6 },
};

static const char * const practice_words[] = {
  "The Elms", "The Limes", "The Willows", "The Laurels", "The Cedars", "The Beeches",
  "Riverside", "Parkside", "Abbey", "Priory", "Castle", "Bridge", "Meadowbrook",
  "Orchard", "Grove", "Church Street", "Station Road", "Victoria", "Albion",
  "Kingfisher", "Heron", "Brookside", "Hillside", "Woodlands", "Fairfield",
  "Millbrook", "Ashfield", "Oakwood", "Greenway", "Lakeside", "Northgate",
  "Southview", "Westway", "Eastfield", "Highfield", "Beacon", "Chestnut",
  "Rowan", "Hawthorn", "Sycamore", "Linden", "Mulberry",
};

static const char * const practice_kinds[] = {
  "Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice",
};

typedef struct
{
  const char *title;
  const char *role;
  gboolean    at_hospital;
} ReferrerKind;

/* Surgeons are Mr, Mrs, Ms or Miss in Britain, physicians Dr. */
static const ReferrerKind referrer_kinds[] = {
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

/* The generator {{{1 */

/* Random numbers are drawn one a statement throughout, never two in one
 * call's arguments or one initialiser list, whose order C leaves to the
 * compiler: the same seed must make the same people whatever built it. */

typedef struct
{
  gint64 id;
  guint  town;
  guint  first_gp;     /* index into Demo.gps */
  guint  n_gps;
} Practice;

typedef struct
{
  HarleyStore *store;
  GRand       *rand;
  char        *now;
  GArray      *practices;       /* Practice */
  GArray      *gps;             /* gint64 */
  GArray      *referrers;       /* gint64 */
  gint64       hospital_ids[N_HOSPITALS];
  guint        hospital_serials[N_HOSPITALS];
  gint64       insurer_ids[G_N_ELEMENTS (insurers)];
  guint64      nhs_counter;
  guint        nhs_start;
} Demo;

static void
demo_free (Demo *demo)
{
  g_rand_free (demo->rand);
  g_free (demo->now);
  g_array_unref (demo->practices);
  g_array_unref (demo->gps);
  g_array_unref (demo->referrers);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static Demo *
demo_new (HarleyStore *store,
          guint32      seed)
{
  Demo *demo = g_new0 (Demo, 1);

  demo->store = store;
  demo->rand = g_rand_new_with_seed (seed);
  demo->now = harley_store_now ();
  demo->practices = g_array_new (FALSE, FALSE, sizeof (Practice));
  demo->gps = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->referrers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->nhs_start = (guint) g_rand_int_range (demo->rand, 0, NHS_BLOCK);
  return demo;
}

static guint
pick (Demo  *demo,
      guint  n)
{
  return (guint) g_rand_int_range (demo->rand, 0, (gint32) n);
}

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

static const char *
pick_from (Demo               *demo,
           const char * const *list,
           guint               n)
{
  return list[pick (demo, n)];
}

#define PICK(demo, list) pick_from ((demo), (list), G_N_ELEMENTS (list))

/* Picks an index by weight: @weight_of reads the weight of entry i. */
static guint
pick_weighted (Demo   *demo,
               guint   n,
               guint (*weight_of) (guint))
{
  guint total = 0, r, i;

  for (i = 0; i < n; i++)
    total += weight_of (i);
  r = pick (demo, total);
  for (i = 0; i + 1 < n && r >= weight_of (i); i++)
    r -= weight_of (i);
  return i;
}

static guint town_weight (guint i) { return towns[i].weight; }
static guint group_weight (guint i) { return groups[i].weight; }
static guint age_weight (guint i) { return age_bands[i].weight; }
static guint insurer_weight (guint i) { return insurers[i].weight; }

/* Fills a pattern: # becomes a digit, @ a capital letter. */
static char *
fill_pattern (Demo       *demo,
              const char *pattern)
{
  static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
  char *out = g_strdup (pattern);

  for (char *p = out; *p != '\0'; p++)
    {
      if (*p == '#')
        *p = (char) ('0' + pick (demo, 10));
      else if (*p == '@')
        *p = letters[pick (demo, sizeof letters - 1)];
    }
  return out;
}

/* A number from one of Ofcom's drama ranges, stored the way the editor
 * stores what a person types. */
static char *
make_phone (Demo       *demo,
            const char *range)
{
  g_autofree char *digits = g_strdup_printf ("%s%03u", range, pick (demo, 1000));
  char *normalised = NULL;

  if (!harley_validate_phone (digits, &normalised, NULL))
    return g_steal_pointer (&digits);
  return normalised;
}

static char *
make_postcode (Demo       *demo,
               const char *outward)
{
  /* Royal Mail never uses C, I, K, M, O or V in the inward code. */
  static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
  guint sector = 1 + pick (demo, 9);
  char unit[3] = { 0 };

  unit[0] = letters[pick (demo, sizeof letters - 1)];
  unit[1] = letters[pick (demo, sizeof letters - 1)];
  return g_strdup_printf ("%s %u%s", outward, sector, unit);
}

static const char *
pick_street (Demo       *demo,
             const Town *town)
{
  if (chance (demo, 0.25))
    return PICK (demo, local_streets[town->nation]);
  return PICK (demo, streets);
}

/* "12 Station Road" */
static char *
make_street (Demo       *demo,
             const Town *town,
             guint       highest)
{
  guint number = 1 + pick (demo, highest);

  return g_strdup_printf ("%u %s", number, pick_street (demo, town));
}

typedef enum
{
  SEX_FEMALE,
  SEX_MALE,
  SEX_OTHER,
  SEX_UNKNOWN,
} Sex;

static const char * const sex_names[] = { "female", "male", "other", "unknown" };

static char *
make_given_name (Demo            *demo,
                 const NameGroup *group,
                 Sex              sex)
{
  gboolean female = sex == SEX_FEMALE || (sex > SEX_MALE && chance (demo, 0.5));
  const char * const *list = female ? group->female : group->male;
  guint n = female ? group->n_female : group->n_male;
  const char *first = pick_from (demo, list, n);

  /* Some people give two names: "Sarah Jane". */
  if (chance (demo, 0.08))
    {
      const char *second = pick_from (demo, list, n);

      if (g_strcmp0 (first, second) != 0)
        return g_strdup_printf ("%s %s", first, second);
    }
  return g_strdup (first);
}

static char *
make_family_name (Demo            *demo,
                  const NameGroup *group,
                  Sex              sex)
{
  const char *name = pick_from (demo, group->family, group->n_family);
  gsize len = strlen (name);

  if (chance (demo, 0.04))
    {
      const NameGroup *other = &groups[pick_weighted (demo, G_N_ELEMENTS (groups), group_weight)];
      const char *second = pick_from (demo, other->family, other->n_family);

      if (g_strcmp0 (name, second) != 0 && strchr (name, ' ') == NULL && strchr (second, ' ') == NULL)
        return g_strdup_printf ("%s-%s", name, second);
    }
  if ((group->flags & FEMININE_KI) && sex == SEX_FEMALE && g_str_has_suffix (name, "ki"))
    return g_strdup_printf ("%.*sa", (int) len - 1, name);
  return g_strdup (name);
}

static gboolean
first_name_is (const char *given,
               const char *name)
{
  gsize len = strlen (name);

  return strncmp (given, name, len) == 0 && (given[len] == '\0' || given[len] == ' ');
}

static const char *
make_known_as (Demo            *demo,
               const NameGroup *group,
               const char      *given,
               Sex              sex)
{
  if ((group->flags & ENGLISH_KNOWN_AS) && chance (demo, 0.35))
    return sex == SEX_FEMALE ? PICK (demo, english_as_female) : PICK (demo, english_as_male);
  for (guint i = 0; i < G_N_ELEMENTS (known_as); i++)
    if (first_name_is (given, known_as[i][0]))
      return chance (demo, 0.45) ? known_as[i][1] : NULL;
  return NULL;
}

/* Patients {{{1 */

typedef struct
{
  const NameGroup *group;
  Sex              sex;
  guint            age;
  guint            birth_year;
  const Town      *town;
  guint            town_index;
  const char      *given;
  const char      *family;
} Person;

static const char *
adult_title (Demo   *demo,
             Person *person)
{
  if (person->age >= 27 && chance (demo, 0.03))
    return "Dr";
  if (person->age >= 45 && chance (demo, 0.004))
    return "Prof";
  if (person->age >= 30 && chance (demo, 0.003))
    return "Rev";
  switch (person->sex)
    {
    case SEX_MALE:
      return "Mr";
    case SEX_FEMALE:
      if (person->age < 25)
        return chance (demo, 0.6) ? "Miss" : "Ms";
      return chance (demo, 0.5) ? "Mrs" : (chance (demo, 0.6) ? "Ms" : "Miss");
    case SEX_OTHER:
      return "Mx";
    case SEX_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
make_title (Demo   *demo,
            Person *person)
{
  if (person->age >= 16)
    return adult_title (demo, person);
  if (!chance (demo, 0.5))
    return NULL;
  if (person->sex == SEX_MALE)
    return "Master";
  if (person->sex == SEX_FEMALE)
    return "Miss";
  return NULL;
}

static char *
make_birth_date (Demo   *demo,
                 Person *person)
{
  const AgeBand *band = &age_bands[pick_weighted (demo, G_N_ELEMENTS (age_bands), age_weight)];
  GDate date;

  person->age = band->from + pick (demo, band->to - band->from + 1);
  /* A birthday somewhere in the year before the reference day, at that age. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, REFERENCE_YEAR - person->age);
  g_date_subtract_days (&date, 1 + pick (demo, 365));
  person->birth_year = g_date_get_year (&date);
  return g_strdup_printf ("%04u-%02u-%02u", person->birth_year,
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

static Sex
pick_sex (Demo *demo)
{
  guint r = pick (demo, 1000);

  if (r < 530)
    return SEX_FEMALE;
  if (r < 990)
    return SEX_MALE;
  return r < 995 ? SEX_OTHER : SEX_UNKNOWN;
}

static void
set_names (Demo          *demo,
           HarleyPatient *patient,
           Person        *person)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *birth = NULL;

  person->group = &groups[pick_weighted (demo, G_N_ELEMENTS (groups), group_weight)];
  person->sex = pick_sex (demo);
  given = make_given_name (demo, person->group, person->sex);
  family = make_family_name (demo, person->group, person->sex);
  birth = make_birth_date (demo, person);

  harley_patient_set_text (patient, HARLEY_PATIENT_GIVEN_NAME, given);
  harley_patient_set_text (patient, HARLEY_PATIENT_FAMILY_NAME, family);
  harley_patient_set_text (patient, HARLEY_PATIENT_PREFERRED_NAME,
                           make_known_as (demo, person->group, given, person->sex));
  harley_patient_set_text (patient, HARLEY_PATIENT_DATE_OF_BIRTH, birth);
  harley_patient_set_text (patient, HARLEY_PATIENT_SEX, sex_names[person->sex]);
  harley_patient_set_text (patient, HARLEY_PATIENT_TITLE, make_title (demo, person));
  person->given = harley_patient_get_text (patient, HARLEY_PATIENT_GIVEN_NAME);
  person->family = harley_patient_get_text (patient, HARLEY_PATIENT_FAMILY_NAME);
}

/* The nine digits 999 nnn nnn, then the modulus 11 check digit; numbers
 * whose check digit would be 10 do not exist and are skipped. */
static gboolean
next_nhs_number (Demo *demo,
                 char  out[11])
{
  while (demo->nhs_counter < NHS_BLOCK)
    {
      guint k = (guint) ((demo->nhs_start + demo->nhs_counter++ * NHS_STRIDE) % NHS_BLOCK);
      int sum = 0, check;

      g_snprintf (out, 11, "999%06u", k);
      for (int i = 0; i < 9; i++)
        sum += (out[i] - '0') * (10 - i);
      check = (11 - sum % 11) % 11;
      if (check == 10)
        continue;
      out[9] = (char) ('0' + check);
      out[10] = '\0';
      return TRUE;
    }
  return FALSE;
}

static void
set_address (Demo          *demo,
             HarleyPatient *patient,
             Person        *person)
{
  const Area *area;
  char *lines[3] = { NULL, NULL, NULL };
  guint n = 0;
  g_autofree char *postcode = NULL;

  person->town_index = pick_weighted (demo, G_N_ELEMENTS (towns), town_weight);
  person->town = &towns[person->town_index];
  area = &person->town->areas[pick (demo, person->town->n_areas)];

  if (chance (demo, 0.15))
    {
      guint flat = 1 + pick (demo, 40);

      lines[n++] = g_strdup_printf ("Flat %u, %s", flat, PICK (demo, buildings));
      lines[n++] = make_street (demo, person->town, 120);
    }
  else if (chance (demo, 0.05))
    {
      lines[n++] = g_strdup (PICK (demo, house_names));
      lines[n++] = g_strdup (pick_street (demo, person->town));
    }
  else
    lines[n++] = make_street (demo, person->town, 220);
  if (area->locality != NULL && chance (demo, 0.6))
    lines[n++] = g_strdup (area->locality);

  for (guint i = 0; i < 3; i++)
    {
      harley_patient_set_text (patient, HARLEY_PATIENT_ADDRESS_LINE1 + i, lines[i]);
      g_free (lines[i]);
    }
  postcode = make_postcode (demo, area->outward);
  harley_patient_set_text (patient, HARLEY_PATIENT_POST_TOWN, person->town->town);
  harley_patient_set_text (patient, HARLEY_PATIENT_POSTCODE, postcode);
}

/* "Łukasz" → "lukasz", "O'Brien" → "obrien"; the first word only when
 * @first_word, for email addresses. */
static char *
ascii_word (const char *text,
            gboolean    first_word)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *word = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && !(first_word && *p == ' '); p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (word, g_ascii_tolower (*p));
  return g_string_free (word, FALSE);
}

static char *
make_email (Demo   *demo,
            Person *person)
{
  static const char * const domains[] = { "example.com", "example.org", "example.net" };
  g_autofree char *given = ascii_word (person->given, TRUE);
  g_autofree char *family = ascii_word (person->family, FALSE);
  const char *domain = PICK (demo, domains);

  switch (pick (demo, 4))
    {
    case 0:
      return g_strdup_printf ("%s.%s@%s", given, family, domain);
    case 1:
      return g_strdup_printf ("%c%s@%s", given[0], family, domain);
    case 2:
      return g_strdup_printf ("%s.%s%02u@%s", given, family, person->birth_year % 100, domain);
    default:
      return g_strdup_printf ("%s%s%u@%s", family, given, 1 + pick (demo, 99), domain);
    }
}

static void
set_contact_details (Demo          *demo,
                     HarleyPatient *patient,
                     Person        *person)
{
  gboolean child = person->age < 16;
  g_autofree char *mobile = NULL;
  g_autofree char *home = NULL;
  g_autofree char *work = NULL;
  g_autofree char *email = NULL;

  if (chance (demo, child ? 0.3 : 0.88))
    mobile = make_phone (demo, PHONE_MOBILE);
  if (mobile == NULL || chance (demo, 0.4))
    home = make_phone (demo, person->town->phone);
  if (!child && person->age < 67 && chance (demo, 0.1))
    work = make_phone (demo, towns[pick (demo, G_N_ELEMENTS (towns))].phone);
  if (chance (demo, child ? 0.15 : 0.66))
    email = make_email (demo, person);

  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_MOBILE, mobile);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_HOME, home);
  harley_patient_set_text (patient, HARLEY_PATIENT_PHONE_WORK, work);
  harley_patient_set_text (patient, HARLEY_PATIENT_EMAIL, email);

  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_POST, chance (demo, 0.97));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_PHONE, chance (demo, 0.92));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_EMAIL, email != NULL && chance (demo, 0.75));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_SMS, mobile != NULL && chance (demo, 0.65));
  harley_patient_set_flag (patient, HARLEY_PATIENT_CONSENT_LEAVE_MESSAGE, chance (demo, 0.55));
}

static const char *
kin_relationship (Demo   *demo,
                  Person *person,
                  Sex    *kin_sex)
{
  static const char * const adult[] = { "Wife", "Husband", "Partner", "Daughter", "Son", "Sister",
                                        "Brother", "Friend", "Mother", "Father" };
  static const Sex adult_sex[] = { SEX_FEMALE, SEX_MALE, SEX_UNKNOWN, SEX_FEMALE, SEX_MALE, SEX_FEMALE,
                                   SEX_MALE, SEX_UNKNOWN, SEX_FEMALE, SEX_MALE };
  /* The old are looked after by their children, the young by parents. */
  guint first = person->age >= 70 ? 3 : 0;
  guint last = person->age < 30 ? G_N_ELEMENTS (adult) : 8;
  guint i;

  if (person->age < 16)
    {
      gboolean mother = chance (demo, 0.7);

      *kin_sex = mother ? SEX_FEMALE : SEX_MALE;
      return mother ? "Mother" : "Father";
    }
  i = first + pick (demo, last - first);
  *kin_sex = adult_sex[i];
  return adult[i];
}

static void
set_next_of_kin (Demo          *demo,
                 HarleyPatient *patient,
                 Person        *person)
{
  Sex kin_sex = SEX_UNKNOWN;
  const char *relationship;
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  if (!chance (demo, person->age < 16 ? 0.9 : 0.45))
    return;
  relationship = kin_relationship (demo, person, &kin_sex);
  given = make_given_name (demo, person->group, kin_sex);
  family = chance (demo, 0.7) ? g_strdup (person->family)
                              : make_family_name (demo, person->group, kin_sex);
  name = g_strdup_printf ("%s %s", given, family);
  phone = make_phone (demo, chance (demo, 0.8) ? PHONE_MOBILE : person->town->phone);

  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_NAME, name);
  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_RELATIONSHIP, relationship);
  harley_patient_set_text (patient, HARLEY_PATIENT_NEXT_OF_KIN_PHONE, phone);
}

static void
set_alerts_and_notes (Demo          *demo,
                      HarleyPatient *patient,
                      Person        *person)
{
  g_autofree char *interpreter = NULL;

  if (chance (demo, 0.03))
    {
      if (person->group->language != NULL && chance (demo, 0.4))
        interpreter = g_strdup_printf ("Needs an interpreter (%s)", person->group->language);
      harley_patient_set_text (patient, HARLEY_PATIENT_ALERTS,
                               interpreter != NULL ? interpreter : PICK (demo, alerts));
    }
  if (chance (demo, 0.05))
    harley_patient_set_text (patient, HARLEY_PATIENT_NOTES, PICK (demo, notes));
}

/* The GP of a practice in the patient's town if there is one. */
static gint64
pick_gp (Demo   *demo,
         Person *person)
{
  guint n = demo->practices->len;
  guint start = pick (demo, n);
  const Practice *practice = &g_array_index (demo->practices, Practice, start);

  for (guint i = 0; i < n; i++)
    {
      const Practice *candidate = &g_array_index (demo->practices, Practice, (start + i) % n);

      if (candidate->town == person->town_index)
        {
          practice = candidate;
          break;
        }
    }
  return g_array_index (demo->gps, gint64, practice->first_gp + pick (demo, practice->n_gps));
}

static void
set_links (Demo          *demo,
           HarleyPatient *patient,
           Person        *person)
{
  harley_patient_set_link (patient, HARLEY_PATIENT_GP, pick_gp (demo, person));
  if (chance (demo, 0.35))
    harley_patient_set_link (patient, HARLEY_PATIENT_REFERRER,
                             g_array_index (demo->referrers, gint64, pick (demo, demo->referrers->len)));

  if (chance (demo, 0.7))
    {
      guint i = pick_weighted (demo, G_N_ELEMENTS (insurers), insurer_weight);
      g_autofree char *membership = fill_pattern (demo, insurers[i].membership);
      g_autofree char *authorisation = chance (demo, 0.45) ? fill_pattern (demo, insurers[i].authorisation)
                                                            : NULL;

      harley_patient_set_link (patient, HARLEY_PATIENT_INSURER, demo->insurer_ids[i]);
      harley_patient_set_text (patient, HARLEY_PATIENT_INSURANCE_MEMBERSHIP, membership);
      harley_patient_set_text (patient, HARLEY_PATIENT_INSURANCE_AUTHORISATION, authorisation);
    }
  else
    harley_patient_set_flag (patient, HARLEY_PATIENT_SELF_PAY, TRUE);
}

static void
add_hospital_number (Demo          *demo,
                     HarleyPatient *patient,
                     guint          h)
{
  g_autofree char *number = NULL;

  /* Numbers rise with gaps, as hospitals issue them: never twice. */
  demo->hospital_serials[h] += 1 + pick (demo, 7);
  number = g_strdup_printf ("%s%0*u", hospitals[h].prefix, hospitals[h].digits, demo->hospital_serials[h]);
  harley_patient_add_hospital_number (patient, demo->hospital_ids[h], hospitals[h].name, number);
}

static void
set_hospital_numbers (Demo          *demo,
                      HarleyPatient *patient)
{
  guint first;

  if (!chance (demo, 0.4))
    return;
  first = pick (demo, N_HOSPITALS);
  add_hospital_number (demo, patient, first);
  if (chance (demo, 0.08))
    add_hospital_number (demo, patient, (first + 1 + pick (demo, N_HOSPITALS - 1)) % N_HOSPITALS);
}

static HarleyPatient *
make_patient (Demo *demo)
{
  HarleyPatient *patient = harley_patient_new ();
  Person person = { 0 };
  char nhs[11];

  set_names (demo, patient, &person);
  /* Overseas patients may have none. */
  if (chance (demo, 0.96) && next_nhs_number (demo, nhs))
    harley_patient_set_text (patient, HARLEY_PATIENT_NHS_NUMBER, nhs);
  set_address (demo, patient, &person);
  set_contact_details (demo, patient, &person);
  set_links (demo, patient, &person);
  set_next_of_kin (demo, patient, &person);
  set_alerts_and_notes (demo, patient, &person);
  set_hospital_numbers (demo, patient);
  return patient;
}

/* Writing {{{1 */

typedef struct
{
  HarleyContactKind  kind;
  const char        *name;
  gint64             organisation_id;
  const char        *code;
  const char        *address_lines;
  const char        *post_town;
  const char        *postcode;
  const char        *phone;
  const char        *email;
  const char        *notes;
} ContactRow;

/* harley_contact_save() opens its own transaction; the demo's address book
 * goes into the demo's one, so that a failure leaves nothing. */
static gint64
insert_contact (Demo              *demo,
                const ContactRow  *row,
                GError           **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (demo->store,
    "INSERT INTO contact (kind, name, organisation_id, code, address_lines, post_town, postcode, "
    "phone, email, notes, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, harley_contact_kind_to_string (row->kind), -1, SQLITE_STATIC);
  harley_bind_text (stmt, 2, row->name);
  if (row->organisation_id > 0)
    sqlite3_bind_int64 (stmt, 3, row->organisation_id);
  harley_bind_text (stmt, 4, row->code);
  harley_bind_text (stmt, 5, row->address_lines);
  harley_bind_text (stmt, 6, row->post_town);
  harley_bind_text (stmt, 7, row->postcode);
  harley_bind_text (stmt, 8, row->phone);
  harley_bind_text (stmt, 9, row->email);
  harley_bind_text (stmt, 10, row->notes);
  harley_bind_text (stmt, 11, demo->now);
  if (!harley_store_step_done (demo->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (harley_store_get_db (demo->store));
}

static char *
make_person_name (Demo       *demo,
                  const char *title,
                  Sex         sex)
{
  const NameGroup *group = &groups[pick_weighted (demo, G_N_ELEMENTS (groups), group_weight)];
  g_autofree char *given = make_given_name (demo, group, sex);
  g_autofree char *family = make_family_name (demo, group, sex);

  return g_strdup_printf ("%s %s %s", title, given, family);
}

static gboolean
add_gps (Demo            *demo,
         const Practice  *practice,
         const ContactRow *at,
         GError         **error)
{
  for (guint i = 0; i < practice->n_gps; i++)
    {
      Sex sex = chance (demo, 0.55) ? SEX_FEMALE : SEX_MALE;
      g_autofree char *name = make_person_name (demo, "Dr", sex);
      g_autofree char *code = g_strdup_printf ("G9%06u", pick (demo, 1000000));
      ContactRow row = *at;
      gint64 id;

      row.kind = HARLEY_CONTACT_GP;
      row.name = name;
      row.organisation_id = practice->id;
      row.code = code;
      row.email = NULL;
      if ((id = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      g_array_append_val (demo->gps, id);
    }
  return TRUE;
}

static gboolean
add_gp_practice (Demo        *demo,
                 const char  *word,
                 guint        index,
                 GError     **error)
{
  guint t = pick_weighted (demo, G_N_ELEMENTS (towns), town_weight);
  const Area *area = &towns[t].areas[pick (demo, towns[t].n_areas)];
  g_autofree char *name = g_strdup_printf ("%s %s", word, PICK (demo, practice_kinds));
  g_autofree char *street = make_street (demo, &towns[t], 150);
  g_autofree char *address = area->locality ? g_strdup_printf ("%s\n%s", street, area->locality)
                                            : g_strdup (street);
  g_autofree char *postcode = make_postcode (demo, area->outward);
  g_autofree char *phone = make_phone (demo, towns[t].phone);
  g_autofree char *code = g_strdup_printf ("Z%05u", 10001 + index * 37);
  g_autofree char *slug = ascii_word (word, FALSE);
  g_autofree char *email = g_strdup_printf ("reception.%s@example.org", slug);
  ContactRow row = { HARLEY_CONTACT_GP_PRACTICE, name, 0, code, address, towns[t].town, postcode,
                     phone, email, NULL };
  Practice practice = { 0, t, demo->gps->len, 2 + pick (demo, 3) };

  if ((practice.id = insert_contact (demo, &row, error)) == 0)
    return FALSE;
  g_array_append_val (demo->practices, practice);
  return add_gps (demo, &practice, &row, error);
}

static gboolean
add_gp_practices (Demo    *demo,
                  GError **error)
{
  const char *words[G_N_ELEMENTS (practice_words)];

  /* Shuffled, so that each practice has its own name. */
  memcpy (words, practice_words, sizeof words);
  for (guint i = G_N_ELEMENTS (words) - 1; i > 0; i--)
    {
      guint j = pick (demo, i + 1);
      const char *swap = words[i];

      words[i] = words[j];
      words[j] = swap;
    }
  for (guint i = 0; i < N_GP_PRACTICES; i++)
    if (!add_gp_practice (demo, words[i], i, error))
      return FALSE;
  return TRUE;
}

static gboolean
add_hospitals_and_laboratories (Demo    *demo,
                                GError **error)
{
  const ContactRow labs[] = {
    { HARLEY_CONTACT_LABORATORY, "Meridian Pathology Laboratories", 0, "ACC-20417",
      "Unit 4, Wimpole Mews", "London", "W1G 8PD", "02079460410", "results@meridian-pathology.example", NULL },
    { HARLEY_CONTACT_LABORATORY, "Northgate Dermatopathology", 0, "NDP-0931",
      "The Lister Building\nGower Place", "London", "WC1N 3BG", "02079460420", "reports@northgate-dp.example", NULL },
  };

  for (guint i = 0; i < N_HOSPITALS; i++)
    {
      const Hospital *h = &hospitals[i];
      g_autofree char *phone = make_phone (demo, h->phone);
      ContactRow row = { HARLEY_CONTACT_HOSPITAL, h->name, 0, NULL, h->address, h->town, h->postcode,
                         phone, NULL, NULL };

      if ((demo->hospital_ids[i] = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      demo->hospital_serials[i] = 100000 + pick (demo, 50000);
    }
  for (guint i = 0; i < G_N_ELEMENTS (labs); i++)
    {
      g_autofree char *phone = NULL;
      ContactRow row = labs[i];

      harley_validate_phone (labs[i].phone, &phone, NULL);
      row.phone = phone;
      if (insert_contact (demo, &row, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static const char *
surgeon_title (Demo *demo,
               Sex   sex)
{
  if (sex == SEX_MALE)
    return "Mr";
  return chance (demo, 0.7) ? "Ms" : "Miss";
}

static gboolean
add_referrers (Demo    *demo,
               GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (referrer_kinds); i++)
    {
      const ReferrerKind *kind = &referrer_kinds[i];
      Sex sex = chance (demo, 0.5) ? SEX_FEMALE : SEX_MALE;
      const char *title = kind->title ? kind->title : surgeon_title (demo, sex);
      g_autofree char *name = make_person_name (demo, title, sex);
      const Hospital *h = &hospitals[pick (demo, N_HOSPITALS)];
      guint t = pick_weighted (demo, G_N_ELEMENTS (towns), town_weight);
      g_autofree char *street = make_street (demo, &towns[t], 90);
      g_autofree char *postcode = make_postcode (demo, towns[t].areas[0].outward);
      g_autofree char *phone = make_phone (demo, kind->at_hospital ? h->phone : towns[t].phone);
      ContactRow row = { HARLEY_CONTACT_REFERRER, name, 0, NULL, street, towns[t].town, postcode,
                         phone, NULL, kind->role };
      gint64 id;

      if (kind->at_hospital)
        {
          /* Consultants are written to at their hospital. */
          row.organisation_id = demo->hospital_ids[h - hospitals];
          row.address_lines = h->address;
          row.post_town = h->town;
          row.postcode = h->postcode;
        }
      if ((id = insert_contact (demo, &row, error)) == 0)
        return FALSE;
      g_array_append_val (demo->referrers, id);
    }
  return TRUE;
}

static gboolean
add_insurers (Demo    *demo,
              GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (insurers); i++)
    {
      const Insurer *insurer = &insurers[i];
      g_autofree char *phone = make_phone (demo, PHONE_NO_AREA);
      g_autofree char *slug = ascii_word (insurer->name, FALSE);
      g_autofree char *email = g_strdup_printf ("claims@%s.example", slug);
      ContactRow row = { HARLEY_CONTACT_INSURER, insurer->name, 0, insurer->code, insurer->address,
                         insurer->town, insurer->postcode, phone, email, NULL };

      if ((demo->insurer_ids[i] = insert_contact (demo, &row, error)) == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_patients (Demo     *demo,
              guint     n_patients,
              GError  **error)
{
  for (guint i = 0; i < n_patients; i++)
    {
      g_autoptr(HarleyPatient) patient = make_patient (demo);

      if (!_harley_register_save_in_transaction (demo->store, patient,
                                                 HARLEY_REGISTER_SAVE_ALLOW_SAME_NAME_DOB, error))
        return FALSE;
    }
  return TRUE;
}

/* The practice {{{1 */

static const char * const practice_details[][2] = {
  { "name", "Dr Eleanor Hartley — Consultant Dermatologist" },
  { "address", "Consulting Rooms\n112 Harley Street\nLondon\nW1G 7JQ" },
  { "phone", "020 7946 0321" },
  { "email", "secretary@hartley-dermatology.example" },
  { "consultant", "Dr Eleanor Hartley" },
  { "qualifications", "MA MB BChir FRCP" },
  { "gmc", "1234567" },
};

static gboolean
write_practice (HarleyStore  *store,
                GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (practice_details); i++)
    {
      sqlite3_stmt *stmt = harley_store_prepare (store,
        "INSERT INTO practice_detail (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, practice_details[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, practice_details[i][1], -1, SQLITE_STATIC);
      if (!harley_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * harley_demo_fill_practice:
 * @store: a #HarleyStore
 * @error: where to put a failure
 *
 * Gives the practice a demo consultant's name, address, phone, email,
 * qualifications and GMC number (the keys of
 * harley_store_set_practice_detail()), all in one transaction.
 *
 * Returns: %TRUE when they were saved
 */
gboolean
harley_demo_fill_practice (HarleyStore  *store,
                           GError      **error)
{
  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);

  if (!harley_store_begin (store, error))
    return FALSE;
  if (write_practice (store, error) && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}

static gboolean
check_register_empty (HarleyStore  *store,
                      GError      **error)
{
  sqlite3_stmt *stmt = harley_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM patient)", error);
  int rc;
  gboolean empty;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  empty = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      harley_store_set_error (store, error);
      return FALSE;
    }
  if (!empty)
    g_set_error_literal (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_NOT_EMPTY,
                         _("This practice database already has patients. Demo patients are "
                           "only added to a new, empty database, so that they are never mixed "
                           "with real ones."));
  return empty;
}

static gboolean
fill_in_transaction (Demo     *demo,
                     guint     n_patients,
                     GError  **error)
{
  g_autofree char *name = NULL;

  if (!check_register_empty (demo->store, error))
    return FALSE;
  name = harley_store_get_practice_detail (demo->store, "name");
  return (name != NULL || write_practice (demo->store, error))
         && add_hospitals_and_laboratories (demo, error)
         && add_insurers (demo, error)
         && add_referrers (demo, error)
         && add_gp_practices (demo, error)
         && add_patients (demo, n_patients, error);
}

/**
 * harley_demo_fill:
 * @store: a #HarleyStore whose register is empty
 * @n_patients: how many patients to make, up to %HARLEY_DEMO_MAX_PATIENTS
 * @seed: the same seed always makes the same people
 * @error: where to put a failure
 *
 * Fills a new practice database with demo data: the practice's details
 * (unless it has a name already), GP practices and their GPs, referrers,
 * hospitals, laboratories, insurers and @n_patients patients. All in one
 * transaction: on failure nothing is left. A database that already has
 * patients is refused (%HARLEY_DEMO_ERROR_NOT_EMPTY): demo patients must
 * never mix with real ones.
 *
 * Returns: %TRUE when everything was saved
 */
gboolean
harley_demo_fill (HarleyStore  *store,
                  guint         n_patients,
                  guint32       seed,
                  GError      **error)
{
  g_autoptr(Demo) demo = NULL;

  g_return_val_if_fail (HARLEY_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_patients > HARLEY_DEMO_MAX_PATIENTS)
    {
      g_set_error (error, HARLEY_DEMO_ERROR, HARLEY_DEMO_ERROR_TOO_MANY,
                   _("Harley can make at most %u demo patients."), HARLEY_DEMO_MAX_PATIENTS);
      return FALSE;
    }
  if (!harley_store_begin (store, error))
    return FALSE;
  demo = demo_new (store, seed);
  if (fill_in_transaction (demo, n_patients, error) && harley_store_commit (store, error))
    return TRUE;
  harley_store_rollback (store);
  return FALSE;
}
