"""Text analysis for Dutch and English: folding, tokens, stop words, stems, compounds.

Every token yields the stems of both languages (Snowball ``dutch_porter`` and
``english``), so a mixed Dutch/English text matches either language without a
language detector. Dutch compounds ("waterstofopslag") are split into known
parts ("waterstof", "opslag") using a vocabulary the engine learns from the
text it indexes and from concept labels, plus a short built-in list of word
parts common in Dutch technical writing.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

# Bump when the analysis changes so saved indexes are rebuilt instead of reused.
ANALYSIS_VERSION = 2

MAX_TEXT_CHARS = 20_000
_TOKEN_RE = re.compile(r"[a-z0-9]+")
# combining marks as NFKD leaves them (the Latin, Greek and Cyrillic diacritics)
_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS_NL = _words(
    """
    aan af al alle alles als also altijd ander andere anders ben bij bijvoorbeeld binnen
    daar daarbij daardoor daarin daarna daarom dan dat de der deze dezelfde die dit doch doen
    door dus een eens en enkele er erg ervan even geen geweest haar had hadden heb hebben heeft
    hem het hier hij hoe hoewel hun iemand iets ik in is ja je jij jou jouw kan kon kunnen
    maar me meer men met mij mijn moet moeten na naar naast net niet niets nog nu of om omdat
    onder ons onze ook op over per reeds s sinds te tegen ten ter toch toe tot tussen u uit
    uw van veel via voor vooral waar waarbij waardoor waarin wanneer want was waren wat we wel
    welk welke werd werden wie wij wil willen worden wordt zal ze zei zelf zich zij zijn zo
    zoals zodat zonder zou zouden zowel zullen
    """
)

STOP_WORDS_EN = _words(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each etc few for
    from further had has have having he her here hers him his how i if in into is it its itself
    just may me might more most must my no nor not of off on once only or other our ours out
    over own per same she should so some such than that the their theirs them then there these
    they this those through to too under until up upon very via was we were what when where
    which while who whom why will with within without would you your
    """
)

STOP_WORDS = STOP_WORDS_NL | STOP_WORDS_EN

# Words that carry no topic in an innovation question or a profile ("we deliver
# solutions", "wij zoeken een partner"). They stay in the index (phrases and
# compounds need them) but a query does not search on them unless it has
# nothing else, and no explanation names them as a reason.
GENERIC_WORDS = _words(
    """
    leveren levert geleverd oplossing oplossingen zoeken zoekt gezocht willen wilt helpen
    helpt hulp maken maakt gemaakt gebruiken gebruikt werken werkt werk doen gaan gaat
    krijgen kunnen weten graag nieuw nieuwe goed goede beter betere snel sneller manier
    bedrijf bedrijven onderneming organisatie partner partners project projecten kennis
    vraag vragen advies idee ideeen denken mee samen samenwerken samenwerking bieden biedt
    staan hebben heeft ontwikkelen ontwikkeling innovatie innovatief toepassen toepassing
    thing things deliver delivers solution solutions look looking want wants help helps
    make makes made use uses using work works working get new good better best way
    company companies business partner partners project projects knowledge question
    questions advice idea ideas think along together offer offers provide provides develop
    development innovation innovative apply application need needs like
    """
)

# Common parts of Dutch technical compounds. Short words (< 4 letters) are only
# trusted as compound parts when listed here; the learned vocabulary needs 4+.
BUILTIN_PARTS = _words(
    """
    las gas bio zon zonne wind water lucht warmte koude energie stroom net opslag batterij
    accu cel robot robotica sensor data digitaal software hardware chip laser licht foto
    optica fotonica machine machines bouw werk werken plaats hal lijn productie proces
    techniek technologie installatie onderhoud service monteur technicus ingenieur
    ontwerp ontwikkeling onderzoek innovatie kennis centrum lab labo proef tuin veld
    voedsel voeding land tuinbouw teelt kas zaad dier vee melk vlees graan aardappel
    chemie chemisch kunststof plastic staal metaal hout glas beton steen klei papier textiel
    afval kringloop recycling grondstof materiaal materialen stof stoffen vezel coating
    auto voertuig wagen trein schip haven logistiek transport vervoer weg spoor brug
    gezondheid zorg medisch ziekenhuis patient genees middel farma vaccin cel
    elektro elektrisch elektronica motor pomp buis leiding kabel druk temperatuur
    meting meet regel systeem systemen besturing automatisering
    probleem problemen vocht schimmel teelt serre
    slag tank tanks snij snijden printer print printen frees draai lassen lasser paneel
    panelen
    bedrijf bedrijven markt handel verkoop inkoop beheer leider manager medewerker
    """
)

# Lexicalised compounds whose parts would only add noise ("waterstof" is not water).
NO_SPLIT = _words(
    "waterstof zuurstof stikstof koolstof brandstof grondstof kunststof landbouw tuinbouw "
    "vrachtwagen ziekenhuis onderzoek onderwijs bedrijfsleven"
)

_LINKERS = ("", "s", "en", "e")
_VOWELS = frozenset("aeiouy")
_INFLECTIONS = ("en", "s", "e", "n", "es", "ers", "er")
# Dutch diminutives ("kasje", "robotje", "lampjes"): undone only when the base is a known word
_DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je")
_MIN_PART = 3
_MIN_LEARNED = 4
_MIN_SPLIT_WORD = 6
_MAX_SPLIT_WORD = 40


def clean_text(text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Strip control and invisible characters and cut overly long input at a word boundary."""
    text = _CONTROL_RE.sub(" ", text or "")
    if len(text) > max_chars:
        cut = text.rfind(" ", 0, max_chars)
        text = text[: cut if cut > max_chars // 2 else max_chars]
    return text


def fold(text: str) -> str:
    """NFKD-normalise, drop accents and casefold: "Technologieën" -> "technologieen"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    if len(decomposed) < 64:
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _COMBINING_RE.sub("", decomposed).casefold()


def tokenize(text: str) -> list[str]:
    """Folded alphanumeric tokens of ``text`` (after cleaning)."""
    return _TOKEN_RE.findall(fold(clean_text(text)))


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed word: its surface form, stems and compound parts (as stems)."""

    surface: str
    stems: frozenset[str]
    parts: tuple[frozenset[str], ...]  # stems per atomic part, empty when not a compound

    @property
    def terms(self) -> frozenset[str]:
        """Index terms: the stems of the whole word plus those of each part."""
        out = set(self.stems)
        for p in self.parts:
            out |= p
        return frozenset(out)

    @property
    def units(self) -> tuple[frozenset[str], ...]:
        """The word as a sequence of stem sets: its parts when split, else itself."""
        return self.parts or (self.stems,)


class Analyzer:
    """Dutch + English analyser with a vocabulary-driven compound splitter.

    Thread-safe: the vocabulary grows under a lock and the per-word cache is
    dropped whenever it changes (``version`` tells callers to recompile).
    """

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._nl = snowballstemmer.stemmer("dutch_porter")
        self._en = snowballstemmer.stemmer("english")
        # Snowball stemmer objects keep state while stemming: not thread-safe
        self._stem_lock = threading.Lock()
        self._stem_cache: dict[str, str] = {}  # stems never change; the Snowball code is slow
        self._en_cache: dict[str, str] = {}
        self._cache: dict[str, Token | None] = {}
        self._vocab: set[str] = set(BUILTIN_PARTS | NO_SPLIT)
        self._vocab |= {self.stem_nl(w) for w in self._vocab if len(w) >= _MIN_LEARNED}
        self._learned: set[str] = set()
        self.version = 0
        self.learn(vocabulary)

    # ----- vocabulary -----
    @property
    def learned_words(self) -> frozenset[str]:
        return frozenset(self._learned)

    def learn(self, words: Iterable[str]) -> int:
        """Add words (raw text is fine) to the splitter vocabulary; return how many were new."""
        new = set()
        for w in words:
            for tok in _TOKEN_RE.findall(fold(w)):
                if len(tok) >= _MIN_LEARNED and not tok.isdigit() and tok not in STOP_WORDS:
                    new.add(tok)
        with self._lock:
            new -= self._vocab
            if not new:
                return 0
            self._vocab |= new
            self._learned |= new
            self._vocab |= {self.stem_nl(w) for w in new if len(w) >= _MIN_LEARNED}
            self._cache = {}
            self.version += 1
        return len(new)

    def learn_text(self, texts: Iterable[str]) -> int:
        return self.learn(tok for text in texts for tok in tokenize(text))

    def _known(self, part: str, final: bool) -> bool:
        if len(part) < _MIN_PART:
            return False
        if part in self._vocab:
            return True
        if not final:
            return False
        # only the head (last part) is inflected: "opslag|en", "robot|s", "panel|en"
        for suffix in _INFLECTIONS:
            stem_len = len(part) - len(suffix)
            if part.endswith(suffix) and stem_len >= _MIN_PART and part[:stem_len] in self._vocab:
                return True
        return False

    # ----- compounds -----
    def split(self, word: str) -> list[str]:
        """Atomic parts of a Dutch compound, or ``[]`` when ``word`` is not one.

        Fewest known parts win, optionally joined by a linking -s-, -e- or -en-;
        each part is split again so both sides of a match decompose alike.
        """
        if word in NO_SPLIT or not (_MIN_SPLIT_WORD <= len(word) <= _MAX_SPLIT_WORD):
            return []
        top = self._split_once(word)
        if not top:
            return []
        atoms: list[str] = []
        for part in top:
            atoms.extend(self.split(part) or [part])
        return atoms

    def _split_once(self, word: str) -> list[str]:
        n = len(word)
        # best[i] = (parts count, parts) for the prefix word[:i]
        best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, [])
        for i in range(n):
            cur = best[i]
            if cur is None:
                continue
            starts = [i] if i == 0 else [i + len(lk) for lk in _LINKERS if word.startswith(lk, i)]
            for s in starts:
                for j in range(s + _MIN_PART, n + 1):
                    if i == 0 and j == n:
                        continue  # the whole word is not a split
                    part = word[s:j]
                    if self._known(part, final=j == n):
                        cand = (cur[0] + 1, [*cur[1], part])
                        known = best[j]
                        if known is None or cand[0] < known[0]:
                            best[j] = cand
        end = best[n]
        return end[1] if end and end[0] >= 2 else []

    # ----- analysis -----
    def stem_nl(self, word: str) -> str:
        """``dutch_porter`` plus two repairs it lacks: undoubling and final v/z -> f/s.

        So "lassen" meets "las" and "bedrijven" meets "bedrijf".
        """
        cached = self._stem_cache.get(word)
        if cached is not None:
            return cached
        original = word
        if word.endswith("een") and len(word) > 5 and word[-4] in "ie":
            word = word[:-2]  # folded "technologieën"/"ideeën": the plural -en after a vowel
        with self._stem_lock:
            stem = self._nl.stemWord(word)
        if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            stem = stem[:-1]
        if len(stem) > 3 and stem[-1] in "vz":
            stem = stem[:-1] + ("f" if stem[-1] == "v" else "s")
        if len(self._stem_cache) < 1_000_000:
            self._stem_cache[original] = stem
        return stem

    def stems(self, word: str) -> frozenset[str]:
        en = self._en_cache.get(word)
        if en is None:
            with self._stem_lock:
                en = self._en.stemWord(word)
            if len(self._en_cache) < 1_000_000:
                self._en_cache[word] = en
        return frozenset((self.stem_nl(word), en))

    def analyse_word(self, word: str) -> Token | None:
        """Analyse one folded token; ``None`` for stop words and one-letter noise."""
        cache = self._cache
        if word in cache:
            return cache[word]
        tok: Token | None = None
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()):
            base = self._undiminish(word)
            parts = () if word.isdigit() else tuple(self.stems(p) for p in self.split(base))
            stems = self.stems(word) | (self.stems(base) if base != word else frozenset())
            tok = Token(word, stems, parts)
        if len(cache) < 500_000:
            cache[word] = tok
        return tok

    def _undiminish(self, word: str) -> str:
        """ "kasje" -> "kas", "robotjes" -> "robot"; unchanged unless the base is known."""
        if len(word) < 5 or word in self._vocab:
            return word
        for suffix in _DIMINUTIVES:
            if word.endswith(suffix):
                base = word[: -len(suffix)]
                if len(base) >= _MIN_PART and base in self._vocab:
                    return base
        return word

    def analyse(self, text: str) -> list[Token]:
        out = []
        for word in tokenize(text):
            tok = self.analyse_word(word)
            if tok is not None:
                out.append(tok)
        return out

    def terms(self, text: str) -> list[str]:
        """Index terms of ``text`` with repeats (term frequency matters for BM25)."""
        return terms_of(self.analyse(text))


def terms_of(tokens: Iterable[Token]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        out.extend(tok.terms)
    return out
