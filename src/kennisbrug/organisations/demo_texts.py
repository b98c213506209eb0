"""Word lists and phrase templates for the generated demo registry (not shown as UI text)."""

# Dutch PC4 areas with the town they belong to; region comes from the reference data.
NL_TOWNS = [
    ("Eindhoven", ["5611", "5612", "5613", "5616", "5621", "5622", "5651", "5652"]),
    ("Tilburg", ["5011", "5012", "5013", "5014", "5038", "5041", "5042"]),
    ("Breda", ["4811", "4812", "4813", "4814", "4818", "4822"]),
    ("'s-Hertogenbosch", ["5211", "5212", "5213", "5221", "5222", "5231"]),
    ("Helmond", ["5701", "5702", "5703", "5706", "5707"]),
    ("Oss", ["5341", "5342", "5345"]),
    ("Bergen op Zoom", ["4611", "4612", "4614"]),
    ("Roosendaal", ["4701", "4702", "4703"]),
    ("Maastricht", ["6211", "6212", "6221", "6222", "6229"]),
    ("Heerlen", ["6411", "6412", "6415"]),
    ("Sittard", ["6131", "6132", "6135"]),
    ("Venlo", ["5911", "5912", "5921", "5928"]),
    ("Roermond", ["6041", "6042", "6043"]),
    ("Weert", ["6001", "6002", "6003"]),
    ("Middelburg", ["4331", "4332", "4333"]),
    ("Vlissingen", ["4381", "4382", "4383"]),
    ("Goes", ["4461", "4462", "4463"]),
    ("Terneuzen", ["4531", "4532", "4533"]),
]
# Outside the programme area: partners from further away.
NL_OUTSIDE = [
    ("Amsterdam", ["1011", "1012", "1017", "1018"]),
    ("Rotterdam", ["3011", "3012", "3013"]),
    ("Utrecht", ["3511", "3512", "3513"]),
    ("Den Haag", ["2511", "2512", "2514"]),
]
BE_OUTSIDE_POSTCODES = ["1000", "1030", "1050", "1800", "1500", "4000", "5000", "8900", "8630"]

SURNAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Broeck",
    "Verstraete",
    "De Clercq",
    "Desmet",
    "De Vries",
    "Van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Hendriks",
    "Van Leeuwen",
    "Dekker",
    "Brouwer",
    "Verhoeven",
    "Van der Heijden",
]
WORDS = [
    "Noorderkempen",
    "Schelde",
    "Maasland",
    "Kempen",
    "Delta",
    "Brabant",
    "Polder",
    "Waasland",
    "Leie",
    "Dommel",
    "Peel",
    "Zeeuwse",
    "Grensland",
    "Mergelland",
    "Hageland",
    "Meetjesland",
]
SME_SUFFIXES = {
    "BE": ["NV", "BV", "CommV", "BV"],
    "NL": ["B.V.", "B.V.", "V.O.F.", "B.V."],
}
SECTOR_NOUNS = {
    "duurzame-chemie": ["Chemie", "Coatings", "Polymers", "Biobased"],
    "agrofood": ["Agrotech", "Foods", "Tuinbouwtechniek", "Zuivel"],
    "slimme-maakindustrie": ["Precisietechniek", "Machinebouw", "Robotics", "Metaalbewerking"],
    "geavanceerde-systemen-materialen": ["Composieten", "Materials", "Systems", "Mechatronica"],
    "digitale-technologieen": ["Data", "Software", "Digital", "AI Lab"],
    "fotonica": ["Photonics", "Optics", "Lasertechniek", "Fotonica"],
    "life-sciences-health": ["Medical", "Health", "Biotech", "Diagnostics"],
    "logistiek": ["Logistics", "Transport", "Supply", "Havenlogistiek"],
    "duurzame-energie": ["Energy", "Waterstof", "Solar", "Warmte"],
    "water-blue-economy": ["Water", "Marine", "Aqua", "Blue Tech"],
}

EXPERTISE_NL = [
    "Wij hebben jarenlange ervaring met {k1} en {k2}.",
    "Ons team is gespecialiseerd in {k1}, met projecten rond {k2} en {k3}.",
    "Expertise in {k1} voor bedrijven in de grensregio.",
]
EXPERTISE_EN = [
    "We have long-standing expertise in {k1} and {k2}.",
    "Our team specialises in {k1}, with projects on {k2} and {k3}.",
]
OFFERS_KNOWLEDGE_NL = [
    "Wij bieden toegang tot onze labs en testinfrastructuur voor {k1}, contractonderzoek rond {k2} en begeleiding van kennisvouchers.",
    "Onderzoeksfaciliteiten voor {k1} en {k2}; stageplaatsen en afstudeerprojecten voor bedrijven.",
    "Proeftuin en pilotlijn voor {k1}; meetapparatuur en advies over {k2}.",
]
OFFERS_KNOWLEDGE_EN = [
    "We open our labs and test facilities for {k1}, offer contract research on {k2} and support knowledge vouchers.",
    "Research infrastructure for {k1} and {k2}; student projects for companies.",
]
OFFERS_COMPANY_NL = [
    "Wij leveren oplossingen voor {k1} en denken graag mee over {k2}.",
    "Productie en engineering rond {k1}; partner in innovatieprojecten over {k2}.",
]
OFFERS_COMPANY_EN = [
    "We deliver solutions for {k1} and like to think along on {k2}.",
]
OFFERS_SUPPORT_NL = [
    "Wij brengen bedrijven en kennisinstellingen samen rond {k1} en helpen bij subsidies en vouchers.",
    "Netwerk, matchmaking en begeleiding van grensoverschrijdende projecten over {k1} en {k2}.",
]
OFFERS_SUPPORT_EN = [
    "We connect companies and knowledge institutions around {k1} and help with funding.",
]
NEEDS_NL = [
    "Wij zoeken een kennispartner voor {k1}: wie kan ons helpen met {k2}?",
    "Gezocht: testfaciliteit voor {k1} en advies over {k2}.",
    "Wij willen {k1} toepassen in onze productie en zoeken een partner aan de andere kant van de grens.",
]
NEEDS_EN = [
    "We are looking for a knowledge partner on {k1}: who can help us with {k2}?",
    "Wanted: a test facility for {k1} and advice on {k2}.",
]
DESCRIPTION_NL = "{name} is actief in {sectors}, gevestigd in {city}."
DESCRIPTION_EN = "{name} works in {sectors}, based in {city}."
