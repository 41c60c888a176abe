"""Word banks for the news-like benchmark corpus (bench/news.py), written for it.

Background sentences are built from these banks by a small grammar, so that articles read
like defence and foreign-policy reporting with a vocabulary of thousands of words, not a
handful of stock sentences repeated. Earlier entries are drawn more often (a Zipf-like
weighting in bench/news.py), as in real text.
"""

from __future__ import annotations

NOUNS = """
alliance summit defence spending budget security government minister ministry diplomat
ambassador official spokesperson parliament coalition election campaign vote majority treaty
agreement accord pact talks negotiation proposal plan strategy policy doctrine deterrence
posture force troops brigade battalion division regiment soldier officer general admiral
commander headquarters base garrison deployment exercise drill manoeuvre rotation mission
operation patrol airspace frontier border flank corridor region territory peninsula coast
port harbour pipeline cable grid network infrastructure railway bridge highway airport
airfield runway hangar depot warehouse stockpile arsenal ammunition shell artillery howitzer
missile rocket launcher drone interceptor radar satellite sensor jet fighter bomber tanker
frigate destroyer submarine corvette carrier vessel fleet convoy tank vehicle helicopter
procurement contract tender supplier manufacturer factory plant production output capacity
shortage backlog delivery shipment package tranche aid loan grant fund reserve revenue tax
deficit debt economy inflation growth recession market investor price cost subsidy tariff
sanction embargo export import trade supply chain energy gas oil electricity reactor
cyberattack hacker intrusion breach malware espionage intelligence agency service analyst
assessment report study survey poll index ranking forecast estimate figure statistic share
percent percentage threshold target goal benchmark pledge commitment promise obligation
guarantee assurance reassurance condition demand request appeal warning threat risk danger
crisis conflict war invasion offensive counteroffensive ceasefire truce armistice settlement
peace reconstruction recovery refugee migrant asylum border guard police court judge ruling
verdict lawsuit investigation inquiry hearing testimony scandal resignation reshuffle cabinet
chancellor premier president presidency mandate term tenure successor predecessor veteran
newcomer candidate contender frontrunner favourite outsider rival challenger nominee
nomination candidacy bid race contest succession appointment selection consensus objection
veto reservation concession compromise deal bargain trade-off package envoy delegation
visit trip tour meeting gathering conference forum panel session debate speech address
remark statement communique declaration letter memo briefing interview podcast column
editorial newspaper broadcaster channel outlet website agency correspondent reporter
journalist editor commentator columnist historian professor researcher scholar expert
consultant adviser aide strategist lobbyist activist protester union worker farmer voter
citizen resident population community village town city capital province county district
island lake river mountain valley forest field winter spring summer autumn morning evening
weekend anniversary ceremony celebration memorial monument museum archive document record
file database platform system framework mechanism instrument tool capability readiness
resilience interoperability standardisation modernisation upgrade overhaul reform overhaul
audit review evaluation inspection oversight accountability transparency legitimacy
credibility reputation influence leverage power weight voice seat chair presidency agenda
priority issue question concern criticism complaint dispute disagreement tension rift split
divide gap balance burden share contribution partner partnership ally neighbour member
membership accession applicant enlargement expansion integration cooperation coordination
solidarity unity cohesion commitment deterrent shield umbrella nuclear warhead stockpile
arms control proliferation disarmament inspection verification hotline channel dialogue
"""

ADJECTIVES = """
new former current senior junior top leading key main major minor central eastern western
northern southern northeastern southeastern Nordic Baltic Balkan Atlantic Arctic Mediterranean
European transatlantic regional national local global international bilateral multilateral
military civilian political economic financial fiscal budgetary industrial technological
digital strategic tactical operational logistical diplomatic legal constitutional electoral
parliamentary presidential ministerial governmental official unofficial informal formal
public private confidential secret classified open closed early late recent upcoming
previous next final initial first second third annual quarterly monthly weekly daily
long short lengthy brief sudden gradual rapid slow steady sharp modest significant
substantial considerable limited broad narrow wide deep shallow heavy light strong weak
firm fragile robust resilient vulnerable exposed secure stable unstable volatile uncertain
clear unclear explicit implicit direct indirect careful cautious bold ambitious realistic
pragmatic hawkish dovish moderate radical conservative liberal progressive populist
nationalist centrist right-wing left-wing pro-European Eurosceptic reluctant willing eager
hesitant sceptical critical supportive hostile friendly neutral divided united fractious
tense calm heated bitter cordial frank candid lengthy crucial vital essential necessary
urgent pressing serious grave dire severe mild costly cheap expensive affordable scarce
abundant available ready prepared unprepared capable credible reliable unpredictable
surprising unexpected expected widespread common rare unusual familiar traditional modern
advanced sophisticated outdated ageing joint combined integrated shared collective
individual separate distinct specific general detailed vague comprehensive partial full
complete unfinished stalled delayed postponed accelerated renewed fresh additional extra
further remaining outstanding unresolved lingering persistent recurring historic
unprecedented symbolic practical technical legalistic procedural administrative
"""

VERBS_PAST = """
said warned argued insisted stressed noted added explained acknowledged admitted conceded
suggested proposed recommended urged called demanded requested asked told wrote announced
confirmed denied rejected dismissed questioned criticised praised welcomed hailed defended
signalled indicated hinted predicted expected estimated calculated reported revealed
disclosed published released unveiled launched opened closed signed ratified approved
endorsed adopted passed blocked delayed postponed cancelled suspended resumed restarted
extended expanded increased raised boosted doubled tripled cut reduced trimmed slashed froze
allocated earmarked committed pledged promised delivered shipped sent deployed stationed
moved withdrew relocated rotated trained equipped armed supplied ordered purchased bought
acquired produced manufactured assembled tested fired launched intercepted detected tracked
monitored watched observed inspected investigated examined reviewed assessed analysed
studied discussed debated negotiated agreed settled resolved addressed tackled faced met
visited hosted received attended chaired led headed joined left quit resigned retired
replaced succeeded appointed named chose selected elected won lost secured gained earned
struggled failed managed sought tried aimed planned prepared organised coordinated
cooperated partnered collaborated consulted briefed informed reassured assured persuaded
convinced pressured lobbied courted wooed challenged confronted opposed resisted defied
accused blamed condemned protested threatened vowed pledged reiterated repeated recalled
emphasised underlined highlighted pointed described characterised framed portrayed
"""

PLACES = """
Brussels Mons Vilnius Riga Tallinn Warsaw Rzeszow Krakow Gdansk Bucharest Constanta Sofia
Varna Budapest Bratislava Prague Vienna Berlin Munich Hamburg Ramstein Paris Toulon Brest
London Portsmouth Edinburgh Madrid Rota Lisbon Rome Naples Aviano Athens Souda Ankara
Istanbul Incirlik Oslo Bodo Tromso Copenhagen Aarhus Helsinki Turku Stockholm Gotland
Reykjavik Ottawa Halifax Washington Norfolk Brunssum Naples Kyiv Odesa Kharkiv Lviv
Chisinau Tbilisi Minsk Kaliningrad Suwalki Narva Daugavpils Klaipeda Kaunas Tartu
Luxembourg Amsterdam Rotterdam Antwerp Ghent Zagreb Ljubljana Podgorica Skopje
Tirana Pristina Belgrade Sarajevo Geneva Davos Strasbourg Luxembourg Vilnius Madrid
"""

INSTITUTES = (
    "Centre for Allied Studies",
    "Institute for Northern Security",
    "Baltic Defence Forum",
    "Atlantic Policy Institute",
    "European Council on Strategy",
    "Danube Research Centre",
    "Arctic Affairs Institute",
    "Centre for Eastern Flank Studies",
    "Institute of Defence Economics",
    "Royal Society for Strategic Studies",
    "Forum for Transatlantic Dialogue",
    "Mediterranean Security Network",
)
ROLES = """
analyst researcher professor lecturer fellow director diplomat adviser economist historian
commentator officer veteran lawmaker senator deputy spokesperson strategist envoy
"""

# Syllables for invented surnames, first names and small towns: the long tail of proper
# nouns every real archive has.
ONSETS = "b br c ch d dr f g gr h j k kl l m n p pr r s st sl t tr v w z".split()
NUCLEI = "a e i o u ai ei ou ia io".split()
CODAS = ["", "", "n", "r", "s", "l", "k", "v", "sk", "rt", "nd", "ck", "m", "t"]
FIRST_NAMES = """
Anna Maria Elena Sofia Laura Julia Katarina Ingrid Astrid Marta Agnieszka Ieva Liis Kristina
Hanna Clara Ines Lucia Petra Zuzana Eva Mirela Ana Lena Nora Greta Paula Alicja Daina Maret
Thomas Jan Peter Andrzej Tomas Martin Lars Erik Henrik Jonas Mikkel Pieter Luc Marco Luca
Pablo Jorge Nuno Dimitris Nikos Mehmet Emre Viktor Andrei Mihai Ivan Marek Ondrej Janis
Rihards Mart Kalle David James Robert Michael Daniel Simon Oliver Antoine Louis Hugo Karl
""".split()

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def words(bank: str) -> tuple[str, ...]:
    """The words of a bank, in order, each once."""
    return tuple(dict.fromkeys(bank.split()))
