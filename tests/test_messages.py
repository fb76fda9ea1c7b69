"""The checker's messages in Russian (convkit/i18n.py, convkit/locale/ru/LC_MESSAGES/): the
committed .mo is the .po compiled, every message marked in the code has a Russian
translation, none is stale, each translation has its msgid's placeholders; and end to end,
a Russian locale or --lang ru gives the report in Russian with the same verdicts, --lang en
gives it in English whatever the locale, and a usage error is in the language chosen."""
import gettext
import io
import os
import re
import subprocess
import sys

import pytest

from cases import ROOT

babel = pytest.importorskip("babel")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from convkit import i18n  # noqa: E402

FOLDER = os.path.join(ROOT, "convkit", "locale", "ru", "LC_MESSAGES")
PO, MO = os.path.join(FOLDER, "convkit.po"), os.path.join(FOLDER, "convkit.mo")
KEYWORDS = {"_": None, "N_": None, "later": None, "n_": (1, 2)}  # as `make messages` has them
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def catalog():
    with open(PO, "rb") as f:
        return read_po(f, locale="ru")


def marked():
    """{msgid (a tuple for a plural)} of every message marked in the package's code."""
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            os.path.join(ROOT, "convkit"), keywords=KEYWORDS, comment_tags=()):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


def fields(text):
    return sorted(FIELD.findall(text.replace("{{", "").replace("}}", "")))


def test_the_committed_mo_is_the_po_compiled():
    compiled = io.BytesIO()
    write_mo(compiled, catalog())
    compiled.seek(0)
    with open(MO, "rb") as f:
        committed = gettext.GNUTranslations(f)
    fresh = gettext.GNUTranslations(compiled)
    assert committed._catalog == fresh._catalog  # noqa: SLF001 (gettext keeps them there)
    assert committed.plural(5) == fresh.plural(5) == 2 and fresh.plural(21) == 0


def test_every_marked_message_has_a_russian_translation():
    messages = {message.id: message for message in catalog() if message.id}
    code = marked()
    assert len(code) > 150
    missing = [msgid for msgid in code if msgid not in messages]
    assert not missing, "run `make messages` and translate: {}".format(missing)
    for msgid in code:
        string = messages[msgid].string
        forms = string if isinstance(string, tuple) else (string,)
        assert len(forms) == (3 if isinstance(msgid, tuple) else 1), msgid
        assert all(form.strip() for form in forms), msgid


def test_no_translation_is_stale():
    po = catalog()
    assert not po.obsolete, "obsolete (#~) messages: {}".format(list(po.obsolete))
    assert not [message.id for message in po if message.id and message.fuzzy]
    code = marked()
    assert not [message.id for message in po if message.id and message.id not in code]
    assert "nplurals=3" in po.plural_forms


def test_each_translation_has_its_msgids_placeholders():
    for message in catalog():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for form in message.string:
                assert fields(form) == fields(message.id[1]), (message.id, form)
        else:
            assert fields(message.string) == fields(message.id), message.id


def test_the_language_comes_from_the_locale_as_gettext_reads_it():
    assert i18n.from_environment({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert i18n.from_environment({"LANG": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"}) == "en"
    assert i18n.from_environment({"LANGUAGE": "ru:en", "LANG": "C"}) == "ru"
    assert i18n.from_environment({"LC_MESSAGES": "ru_UA", "LANG": "en_US.UTF-8"}) == "ru"
    assert i18n.from_environment({}) == "en"


def test_later_is_english_and_localize_shows_it_translated():
    try:
        i18n.use("ru")
        text = i18n.later("killed after {seconds}s", seconds="10")
        assert text == "killed after 10s"
        assert i18n.localize("TLE: " + text) == "TLE: убит через 10 с"
        assert i18n.n_("{count} passed", "{count} passed", 22) == "{count} прошли"
        assert i18n.localize("stopped after 3 of 300 cases") == (
            "остановлено: запущено входов 3 из 300")
    finally:
        i18n.use()
    assert i18n.localize("killed after 10s") == "killed after 10s"


# ---- end to end

FLIPPED = ["--solution", "tests/learners/convolve/flipped_kernel.py", "--stress", "300",
           "--seed", "1"]


def run(args, tmp_path, **environment):
    env = {name: value for name, value in os.environ.items()
           if name not in i18n.ENVIRONMENT}
    env.update(environment, PYTHONPATH=ROOT)
    done = subprocess.run(["./run_tests.sh"] + args, cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    seconds = re.compile(r"\d+\.\d\ds$|\(\d+\.\d (?:s|с)\)", re.M)
    return done.returncode, seconds.sub("S", done.stdout.replace(str(tmp_path), "DIR")), \
        done.stderr


@pytest.mark.skipif(sys.version_info < (3, 10), reason="the checker runs on Python 3.10+")
def test_a_russian_locale_or_lang_ru_gives_the_report_in_russian(tmp_path):
    save = ["--save", str(tmp_path / "ce")]
    status, russian, err = run(FLIPPED + save + ["convolve"], tmp_path, LANG="ru_RU.UTF-8")
    assert status == 1 and err == ""
    for phrase in (
            "6 примеров не проходят здесь, WA: 01-lesson, ",
            "01-lesson: элементов вне допуска: 36 из 36; хуже всего [1, 0]: получено ",
            "WA   случайный вход 3 из 300 (seed 1)",
            "2 случайных входа до него прошли; этот не проходит (WA)",
            "вход — по строке, как их читает шаблон:",
            "ожидалось [[0.0]]", "получено  [[1.0]]",
            "convkit convolve --explain --at 0,0 вычисляет ожидаемый элемент:",
            "Это настоящая свёртка: ваше ядро перевёрнуто.",
            "случайные входы: здесь запущено 3 из 300 (seed 1): проверка останавливается",
            "пропущено: 5 примеров не в формате проверялки"):
        assert phrase in russian, phrase
    assert russian.endswith("\n3 прошли, 7 не прошло, 5 пропущено\n")
    # the same verdicts, the same shrunk case and hint as in English
    status_en, english, _ = run(FLIPPED + save + ["--lang", "en", "convolve"], tmp_path,
                                LANG="ru_RU.UTF-8")
    assert status_en == 1 and english.endswith("\n3 passed, 7 failed, 5 skipped\n")
    assert "This is a true convolution: your kernel is flipped." in english
    assert [line[:5] for line in russian.splitlines() if re.match(r"[A-Z]{2,4} ", line)] == [
        line[:5] for line in english.splitlines() if re.match(r"[A-Z]{2,4} ", line)]
    assert re.findall(r"\[\[.*\]\]", russian) == re.findall(r"\[\[.*\]\]", english)
    # --lang ru where the locale is not Russian: the same report
    status_ru, flag, _ = run(FLIPPED + save + ["--lang", "ru", "convolve"], tmp_path,
                             LANG="C.UTF-8")
    assert (status_ru, flag) == (status, russian)


def test_a_usage_error_is_in_the_language_chosen(tmp_path):
    status, out, err = run(["--solution", "no-such-file.py", "convolve"], tmp_path,
                           LANG="ru_RU.UTF-8")
    assert (status, out) == (2, "")
    assert err == ("run_tests.sh: --solution no-such-file.py: нет такого файла (как вызывать "
                   "— в --help)\n")
    status, out, err = run(["--lang", "en", "--solution", "no-such-file.py", "convolve"],
                           tmp_path, LANG="ru_RU.UTF-8")
    assert err == ("run_tests.sh: --solution no-such-file.py: no such file (--help says how to "
                   "call it)\n")
    status, out, err = run(["--seed", "1", "--lang=ru", "--solution", "x.py", "convolve"],
                           tmp_path)
    assert status == 2 and "--seed работает только с --stress N" in err
    status, out, err = run(["--lang", "de"], tmp_path, LANG="ru_RU.UTF-8")
    assert status == 2 and err.startswith("run_tests.sh: --lang принимает ru или en, а не 'de'")
    status, out, err = run(["--lang", "de"], tmp_path)
    assert status == 2 and err.startswith("run_tests.sh: --lang takes ru or en, got 'de'")
    status, out, err = run(["--lang", "ru", "--help"], tmp_path)
    assert status == 0 and "--lang ru|en: язык отчёта" in out
