from __future__ import annotations

from dna.language.lexicon import DATA, deaccent, read_rules


def test_deaccent():
    assert deaccent("hiërarchisch, één, café, ideeën") == "hierarchisch, een, cafe, ideeen"


def test_lexicon_knows_dutch_words_without_diacritics(lemmatiser):
    lex = lemmatiser.lex
    assert "hierarchisch" in lex.lemmas and "hiërarchisch" not in lex.lemmas
    assert lex.freq("samenwerking") > 4 > lex.freq("samenwerkign")
    assert lex.lemma("teams") == "team"
    assert lex.lemma("kinderen") == "kind"  # the project's irregular list closes a gap
    assert lex.lemma("onbekendwoord") == "onbekendwoord"


def test_rule_files_skip_comments_and_keep_tabs():
    for name in ("stopwords.txt", "inflections.tsv", "derivations.tsv", "irregular.tsv"):
        rows = read_rules(name)
        assert rows, name
        assert not any(row[0].startswith("#") for row in rows)
    assert ["heid", "", "3"] in read_rules("derivations.tsv")
    assert (DATA / "stopwords.txt").is_file()
