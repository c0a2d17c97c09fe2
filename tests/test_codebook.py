from wud_briefings.survey.codebook import normalise_label


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
