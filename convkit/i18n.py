"""The checker's and the command line's messages in the learner's language: English, or
Russian (the course's) with `--lang ru` or a Russian locale (the first of LANGUAGE, LC_ALL,
LC_MESSAGES and LANG that is set, as Python's gettext reads them, starting with `ru`).

Through the standard library's gettext, from convkit/locale/ru/LC_MESSAGES/convkit.mo,
compiled from convkit.po beside it (`make messages` extracts, updates and compiles them with
Babel; tests/test_messages.py checks that the .mo is the .po compiled and that every message
marked in the code is translated). A message is marked where it is written, with
str.format's named fields for what varies, so that a translation can reorder them:

  _("...")             translated now: what is only shown (hints, report lines, usage errors);
  n_("...", "...", n)  the same with plural forms (Russian has three: the .po's Plural-Forms);
  N_("...")            marked only, translated where it is shown (_() of it there);
  later("...", **f)    the English text, always, translated only where it is shown
                       (localize()): the verdicts' details, which the checker reads again
                       (stress.kind_of tells kinds of failure apart by their English words,
                       report.worst_at finds "worst at [i, j]"), so that a translation can
                       never change a verdict, a shrunk case or the hint that fires.

FOREIGN lists the sentences of code that does not mark its own (stress.py's), translated
where they are shown by matching their English form.
"""
import gettext
import os
import re

DOMAIN = "convkit"
LOCALES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
LANGUAGES = ("en", "ru")
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
REMEMBERED = 20000  # later() texts kept for localize(): a run makes a few hundred

_current = gettext.NullTranslations()
language = "en"
_shown = {}  # English text of later() -> its translation


def N_(message):
    """message itself: marks it for translation where it is shown."""
    return message


FOREIGN = (
    N_("stopped after {count} of {total} cases"),
    N_("stopped at the first failing case, case {ran} of {total}"),
    N_("only {count} distinct cases: {repeats} draws repeated an earlier case, and {rounds} "
       "more rounds of draws found no new one"),
    N_("{count} of its processes could not be killed"),
    N_("Your output did not change while the input did: it printed the same for {count} "
       "inputs whose answers differ. The file most likely still reads the lesson's SAMPLES "
       "in place of stdin (the notebook's `sys.stdin.readline = lambda: next(READER)` patch "
       "left in): delete the SAMPLES and READER lines."),
    N_(" What it printed is the answer to the lesson's sample."),
)


def from_environment(environ=None):
    """'ru' if the locale gettext would use is Russian, else 'en'."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:
            first = value.split(":")[0]
            return "ru" if first.split(".")[0].split("_")[0].lower() == "ru" else "en"
    return "en"


def use(chosen=None):
    """Show messages in chosen ('en' or 'ru'; None: the environment's); the language."""
    global _current, language
    language = chosen or from_environment()
    if language == "en":
        _current = gettext.NullTranslations()
    else:
        _current = gettext.translation(DOMAIN, LOCALES, languages=[language], fallback=True)
    _shown.clear()
    return language


def _(message):
    """message in the language in use."""
    return _current.gettext(message)


def n_(singular, plural, count):
    """The singular or plural message for count, in the language in use (Russian has three
    forms: the .po's Plural-Forms chooses)."""
    return _current.ngettext(singular, plural, count)


def later(message, **fields):
    """message.format(**fields), in English; in another language its translation is
    remembered, for localize() to show in its place."""
    english = message.format(**fields)
    if language != "en" and english:
        if len(_shown) >= REMEMBERED:
            _shown.clear()
        shown = {name: _shown.get(value, value) if isinstance(value, str) else value
                 for name, value in fields.items()}  # a field that is a later() message
        _shown[english] = _(message).format(**shown)
    return english


def localize(text):
    """text with each later() message in it, and each FOREIGN sentence, in the language in
    use (the same text in English)."""
    if language == "en" or not text:
        return text
    keys = sorted((key for key in _shown if key in text), key=len, reverse=True)
    if keys:  # one pass, the longest first: a whole message before a part of it
        text = re.sub("|".join(map(re.escape, keys)), lambda found: _shown[found.group()],
                      text)
    for english, pattern in _foreign():
        text = pattern.sub(lambda found, english=english: _(english).format(
            **found.groupdict()), text)
    return text


_foreign_patterns = []


def _foreign():
    """(msgid, regular expression of its English text) for each FOREIGN sentence (their
    fields are all counts)."""
    if not _foreign_patterns:
        for english in FOREIGN:
            pieces = re.split(r"\{(\w+)\}", english)
            regex = "".join(re.escape(piece) if i % 2 == 0 else  # every field is a count
                            r"(?P<{}>[0-9]+)".format(piece) for i, piece in enumerate(pieces))
            _foreign_patterns.append((english, re.compile(regex)))
    return _foreign_patterns


use()
