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
