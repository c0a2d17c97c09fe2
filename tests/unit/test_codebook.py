import pytest

from wud_briefings.core.language import using
from wud_briefings.survey.codebook import Question, normalise_label


def test_labels_match_despite_tags_nbsp_case_and_blanks():
    dirty = "<strong>Do you\u00a0identify as a WOMAN who uses drugs?</strong>  "
    assert normalise_label(dirty) == normalise_label("Do you identify as a woman who uses drugs?")


def test_pandas_unnamed_headers_count_as_blank():
    assert normalise_label("Unnamed: 12") == ""
    assert normalise_label("Unnamed: 3_level_1") == ""


def test_html_entities_are_decoded():
    assert normalise_label("Stigma &amp; discrimination") == "stigma & discrimination"


def test_every_question_has_an_english_master(codebook):
    assert [q.number for q in codebook.questions] == list(range(1, 8))
    assert all(q.text["en"] for q in codebook.questions)


def test_spanish_choices_map_to_the_same_codes(codebook):
    question = codebook.question("identifies_as_wud")
    assert question.choice_code("Sí", ("es", "en")) == "yes"
    assert question.choice_code("prefiero no decirlo", ("es", "en")) == "prefer_not_to_say"
    assert question.choice_code("Maybe", ("es", "en")) is None


RUSSIAN = ("ru", "en")


def _every_label_group(codebook):
    """Every header, sub-header, metadata column, question text, choice and option."""
    yield from (m.labels for m in codebook.metadata_columns)
    yield from codebook.subheaders.values()
    for question in codebook.questions:
        yield question.text
        yield from question.choices.values()
        yield from question.options.values()


def test_every_label_has_a_russian_wording(codebook):
    missing = [group["en"][0] for group in _every_label_group(codebook) if not group.get("ru")]
    assert missing == []


def test_a_russian_header_matches_despite_tags_nbsp_and_case(codebook):
    question = codebook.question("identifies_as_wud")
    dirty = "<b>СЧИТАЕТЕ ЛИ\u00a0вы себя  женщиной, употребляющей наркотики?</b> "
    assert question.matches(dirty, RUSSIAN)
    assert not question.matches(dirty, ("en",))
    assert codebook.metadata_variable("Идентификатор\u00a0РЕСПОНДЕНТА", RUSSIAN) == "respondent_id"
    assert codebook.subheader_kind(" открытый  ответ", RUSSIAN) == "open_ended"


def test_russian_choices_and_options_map_to_the_same_codes(codebook):
    assert codebook.question("knows_wud_services").choice_code("Не уверена", RUSSIAN) == "not_sure"
    role = codebook.question("role")
    assert role.choice_code("Другое (уточните)", RUSSIAN) == role.choice_code("Другое", RUSSIAN)
    ranking = codebook.question("barrier_rank")
    assert ranking.option_code("Стигма и дискриминация", RUSSIAN) == "stigma_discrimination"
    assert ranking.option_code("Другое", RUSSIAN) == "other"


def test_question_7_matches_with_or_without_yo(codebook):
    gaps = codebook.question("gaps_text")
    for spelling in ("серьёзные", "серьезные"):
        header = f"Каковы самые {spelling} пробелы в услугах снижения вреда для женщин, "
        header += "употребляющих наркотики, в вашей стране?"
        assert gaps.matches(header, RUSSIAN)


def test_english_display_labels_are_the_english_masters(codebook):
    ranking, wud = codebook.question("barrier_rank"), codebook.question("identifies_as_wud")
    assert ranking.option_labels() == {c: ranking.master_option(c) for c in ranking.options}
    assert wud.choice_labels() == {c: wud.master_choice(c) for c in wud.choices}
    assert codebook.service_type_labels()["nsp"] == "needle and syringe programme (NSP)"
    assert codebook.theme_labels()["stigma"] == "discrimination and stigma"


@pytest.mark.parametrize(
    ("language", "issue", "service", "theme", "role"),
    [
        ("es", "Violencia de género", "apoyo entre pares", "violencia", "Investigadora"),
        ("ru", "Гендерное насилие", "поддержка «равный — равному»", "насилие", "Исследователь"),
    ],
)
def test_display_labels_follow_the_language_in_use(codebook, language, issue, service, theme, role):
    with using(language):
        assert codebook.question("barrier_rank").option_labels()["gender_based_violence"] == issue
        assert codebook.service_type_labels()["peer_support"] == service
        assert codebook.theme_labels()["violence"] == theme
        assert codebook.question("role").choice_labels()["researcher"] == role
    assert codebook.theme_labels()["violence"] == "violence"


@pytest.mark.parametrize("language", ["es", "ru"])
def test_every_displayed_code_has_a_label_in_each_briefing_language(codebook, language):
    for labels in (*codebook.service_types.values(), *codebook.themes.values()):
        assert labels.get(language), labels["en"]
    for question in codebook.questions:
        for labels in (*question.choices.values(), *question.options.values()):
            assert labels.get(language), labels["en"]


def test_a_label_without_a_translation_is_shown_in_english():
    question = Question(
        8, "extra", "single_choice", False, {"en": ["Extra?"]}, {"a": {"en": ["A"], "es": ["Á"]}}
    )
    with using("ru"):
        assert question.choice_labels() == {"a": "A"}
    with using("es"):
        assert question.choice_labels() == {"a": "Á"}
