"""A Korean search language for Sphinx's HTML search, which has none.

With ``language = "ko"`` Sphinx falls back to English, which indexes a Korean word with its particle (``역전파를``,
``오차에``), so a query for the bare noun finds it only by partial matching, which skips words under three characters:
two-syllable nouns such as 오차, 손실, 유도 are not found at all.

:class:`SearchKorean` keeps Sphinx's word splitting and stems each word: a word with Hangul loses its trailing
particles and noun endings (:data:`SUFFIXES`, :func:`stem_korean`); any other word gets Sphinx's English Snowball stem,
so ``backpropagation`` finds the Korean pages too. The query in the browser must be stemmed the same way, so the
JavaScript stemmer in ``language_data.js`` is generated from the same rules. Only a build whose search language is
``ko`` uses it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import snowballstemmer
from sphinx import package_dir
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.en import ENGLISH_STOPWORDS

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0"

#: Hangul, as the inside of a regex character class: syllables, conjoining jamo (both blocks and their extensions) and
#: compatibility jamo.
HANGUL_CLASS = "\uac00-\ud7a3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u3130-\u318f"

#: Syllables that start a suffix AND commonly end a noun (차이, 평가, 정의, 속도, 미만, 경로, 결과, 하나, 혼란, 원인,
#: 도입, 제한, 이하, 이해, 집합): a suffix starting with one is only stripped when at least two characters stay, so
#: such two-syllable nouns are never cut down.
AMBIGUOUS_SYLLABLES = frozenset("이가의도만로과나란인입한하해합")

#: One-syllable nouns common in the course's mathematics. They may lose any suffix, so 값이, 값의, 값도 stem to 값 like
#: 값을 does. (Not 수, 각, 차: they also begin 수도, 각도, 차이, or are too common as other words.)
SHORT_NOUNS = frozenset("값층축합곱식점선열행항쌍근해")

#: Particles (josa), and the plural 들. Stripping repeats, so a compound of two listed parts needs no entry (에서는 =
#: 에서 + 는); compounds are listed when a part is missing (에게서, 만큼) or a shorter entry would cut in the wrong
#: place (입력으로서 -> 입력으 by 로서). Left out: 라는, 라고 (스칼라는 is 스칼라 + 는), 며, 고 (they end too many
#: verbs), and the rare 께, 께서, 랑, 이랑.
_PARTICLES = """
    에게서 한테서 으로서 으로써 이라고
    에서 에게 한테 으로 로서 로써 까지 부터 보다 처럼 마다 조차 마저 밖에
    만큼 이나 이란 이라 뿐
    은 는 을 를 에 와 과 이 가 의 도 만 로 나 란
    들
"""

#: Endings that attach to a noun: the copula (이다) and the light verbs 하다 / 되다 in their commonest forms, so
#: 유도하면, 계산합니다, 정의된, 가능한 stem to 유도, 계산, 정의, 가능. Forms like 할, 함, 될, 일 are left out: they
#: end too many nouns (역할, 포함, 파일) for too little gain.
_ENDINGS = """
    입니다 이다 이고 이며 이면 이므로 이지만 이었다 인
    합니다 했습니다 하다 한다 하는 하고 하여 하면 하며 하기 하게 하지
    했다 하였다 하므로 하도록 하려면 해서 해야 한
    됩니다 되었다 된다 되는 되어 되고 되면 되며 된
"""

#: Every suffix the stemmer strips, with the number of characters that must stay in front of it; tried longest first.
SUFFIXES: tuple[tuple[str, int], ...] = tuple(
    (suffix, 2 if suffix[0] in AMBIGUOUS_SYLLABLES else 1)
    for suffix in sorted(set((_PARTICLES + _ENDINGS).split()), key=lambda s: (-len(s), s))
)

_HANGUL = re.compile(f"[{HANGUL_CLASS}]")
_ENGLISH = snowballstemmer.stemmer("english")  # as Sphinx's English search language


def _strips(word: str, suffix: str, min_stem: int) -> bool:
    """Whether ``suffix`` may be cut off the end of ``word``.

    What stays in front must contain a letter (``3의`` stays whole) and be at least ``min_stem`` characters long,
    unless it is one of :data:`SHORT_NOUNS` or ends in a letter that is not Hangul (``x가`` -> ``x``).
    """
    rest = word[: -len(suffix)]
    if not (word.endswith(suffix) and rest and any(ch.isalpha() for ch in rest)):
        return False
    return len(rest) >= min_stem or rest in SHORT_NOUNS or not _HANGUL.match(rest[-1])


def stem_korean(word: str) -> str:
    """Stem one search word, as the index and the browser's query both do.

    A word with Hangul loses the longest suffix of :data:`SUFFIXES` that leaves enough in front, again until none
    applies, so a noun with a particle stems like the bare noun (정확도를 -> 정확도 -> 정확, and 정확도 -> 정확). A
    word without Hangul (``ReLU를`` after the cut) gets the English Snowball stem.

    >>> [stem_korean(w) for w in ["오차를", "손실은", "유도하면", "역전파에서"]]
    ['오차', '손실', '유도', '역전파']
    >>> [stem_korean(w) for w in ["backpropagation", "Sigmoid를", "이", "를"]]
    ['backpropag', 'sigmoid', '이', '를']
    """
    word = unicodedata.normalize("NFC", word).lower()
    if _HANGUL.search(word):
        while cut := next((s for s, n in SUFFIXES if _strips(word, s, n)), None):
            word = word[: -len(cut)]
    return word if _HANGUL.search(word) else _ENGLISH.stemWord(word)


# A line-for-line port of stem_korean, its __NAMES__ filled in from the rules above; EnglishStemmer is Sphinx's own
# (english-stemmer.js), placed before this code in language_data.js.
_JS_STEMMER = r"""
/* Korean search stemmer: generated by docs/_ext/korean_search.py from its
 * SUFFIXES table; edit that file, not this code. */
var KoreanStemmer = function () {
  const english = new EnglishStemmer();
  // [suffix, minimum characters left in front], longest suffix first
  const suffixes = __SUFFIXES__;
  const shortNouns = new Set(__SHORT_NOUNS__);
  const hangul = new RegExp("[" + __HANGUL_CLASS__ + "]");
  const letter = /\p{L}/u;

  const strips = (word, [suffix, minStem]) => {
    if (word.length <= suffix.length || !word.endsWith(suffix)) return false;
    const rest = word.slice(0, -suffix.length);
    const chars = Array.from(rest); // code points, like len() in Python
    if (!chars.some((ch) => letter.test(ch))) return false;
    return chars.length >= minStem || shortNouns.has(rest) || !hangul.test(chars[chars.length - 1]);
  };

  this.stemWord = function (w) {
    let word = w.normalize("NFC").toLowerCase();
    let cut;
    if (hangul.test(word)) {
      while ((cut = suffixes.find((entry) => strips(word, entry)))) word = word.slice(0, -cut[0].length);
    }
    return hangul.test(word) ? word : english.stemWord(word);
  };

  koreanRequireShortTerms(hangul);
};

/* searchtools.js makes query terms under 3 characters optional beside longer
 * ones: "오차 역전파" would list every page with 역전파. A two-syllable Hangul
 * word is a full word, so when a query has one, keep only the pages that match
 * every term on its own, by Sphinx's rules. Installed from the Stemmer's
 * constructor, which searchtools.js calls right before it searches. */
function koreanRequireShortTerms(hangul) {
  if (typeof Search === "undefined" || !Search.performTermsSearch) return;
  if (Search.performTermsSearch.koreanShortTerms) return; // already wrapped
  const original = Search.performTermsSearch;
  const wrapped = (searchTerms, excludedTerms) => {
    const results = original(searchTerms, excludedTerms);
    const terms = [...searchTerms];
    const hasShortHangul = terms.some((t) => t.length < 3 && hangul.test(t));
    if (terms.length < 2 || !hasShortHangul) return results;
    const docsPerTerm = terms.map(
      (term) => new Set(original(new Set([term]), new Set()).map((r) => r[0])),
    );
    return results.filter((r) => docsPerTerm.every((docs) => docs.has(r[0])));
  };
  wrapped.koreanShortTerms = true;
  Search.performTermsSearch = wrapped;
}

var Stemmer = KoreanStemmer;
"""


def js_stemmer_code() -> str:
    """The JavaScript for ``language_data.js``: Sphinx's English stemmer, then the Korean one."""
    minified = package_dir.joinpath("search", "minified-js")
    english = [minified.joinpath(f"{name}-stemmer.js").read_text(encoding="utf-8") for name in ("base", "english")]
    korean = (
        _JS_STEMMER.replace("__SUFFIXES__", json.dumps(SUFFIXES))
        .replace("__HANGUL_CLASS__", json.dumps(HANGUL_CLASS))
        .replace("__SHORT_NOUNS__", json.dumps(sorted(SHORT_NOUNS)))
    )
    return "\n".join([*english, korean])


class SearchKorean(SearchLanguage):
    """Korean: particles stripped from Hangul words, English stems for the rest.

    Word splitting and the word filter are Sphinx's defaults (``\\w+`` keeps a Hangul word whole; one- and two-syllable
    stems are indexed). The stopwords are the English ones, for the English words, as Sphinx's Chinese does.
    """

    lang = "ko"
    language_name = "Korean"
    stopwords = ENGLISH_STOPWORDS
    # No js_stemmer_rawcode: with one set, Sphinx would ignore js_stemmer_code and install the bare English stemmer.
    # js_splitter_code stays empty: the default splitQuery keeps runs of \p{Letter} (Hangul included) together.

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.js_stemmer_code = js_stemmer_code()

    def stem(self, word: str) -> str:
        return stem_korean(word)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchKorean)  # sphinx.search.languages["ko"]: only a Korean build uses it
    # The index lives in the pickled environment: its version follows the rules, so changing them re-reads every page
    # and no stale stems survive an incremental build.
    rules = json.dumps([HANGUL_CLASS, SUFFIXES, sorted(SHORT_NOUNS), __version__], ensure_ascii=False)
    env_version = int(hashlib.sha256(rules.encode()).hexdigest()[:8], 16)
    return {"version": __version__, "env_version": env_version, "parallel_read_safe": True, "parallel_write_safe": True}
