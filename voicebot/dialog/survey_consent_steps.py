"""The survey steps (survey_steps.py) that read consent and leaving, and the turns that are no
answer: an answering machine or a child on the line, data to be deleted, never to be called
again, a call back, a refusal or a break-off, a yes after all, a wait or the phone handed over,
a message for the provider, another language, someone else to answer, "wie bitte?", a person
asked for, a goodbye instead of an answer, and the consent question's yes or no. `answer_*`
steps may answer and end the turn, `read_*` steps only rewrite it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from voicebot.dialog.agent_requests import asks_for_agent
from voicebot.dialog.closing_words import NO_NEED_PHRASES
from voicebot.dialog.language_words import speaks_english, speaks_german
from voicebot.dialog.question_words import is_question
from voicebot.dialog.repeat_or_wait import asks_to_repeat, asks_to_wait
from voicebot.dialog.survey_answer_steps import next_answered_too
from voicebot.dialog.survey_complaints import wants_it_passed_on
from voicebot.dialog.survey_consent import (
    answering_machine,
    answers_the_phone,
    asks_after_yes,
    asks_who_sent_us,
    changes_mind_to_yes,
    doubts_the_call,
    little_time,
    refuses_rudely,
)
from voicebot.dialog.survey_leaving import (
    breaks_off_leaving,
    comment_besides_opt_out,
    leaves_instead,
)
from voicebot.dialog.survey_others import someone_else_adds
from voicebot.dialog.survey_people import (
    a_child_answers,
    hands_over,
    offers_to_answer,
    someone_else_is_out,
)
from voicebot.dialog.survey_ratings import rating_said
from voicebot.dialog.survey_turn import SurveyTurn, stored_answer, yes_no
from voicebot.dialog.survey_who_for import asks_who_for
from voicebot.dialog.survey_words import (
    DECLINE_WORDS,
    LATER_WORDS,
    QUESTION_AGAIN,
    STOP_WORDS,
    agrees_after_all,
    annoyed_by_calls,
    asks_us,
    breaks_off,
    call_back,
    lacks_the_subject,
    leaves_the_survey,
    names_key,
    never_again,
    only_breaks_off,
    opening_agrees,
    question_keys,
    quits,
    says_any,
    unsubscribed_before,
    wants_data_deleted,
    wh_question,
)
from voicebot.dialog.words import fold, starts_with_no, yes_or_no

if TYPE_CHECKING:
    from voicebot.dialog.survey import SurveyDialog

_RATING_CUE = re.compile(
    r"\b(?:zufrieden|unzufrieden|wuerde sagen|sag mal|sagen wir|note|punkte|sterne|von fuenf|"
    r"bewerte|satisfied|i d say|would say|out of five)\b"
)

_LANGUAGE_NAMED = re.compile(r"\b(?:german|deutsch|english|englisch|language|sprache)\b")


def answer_answering_machine(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "… hinterlassen Sie eine Nachricht nach dem Piepton" at the consent question: no
    message left, the number is tried again (no_answer)."""
    if dialog.step < 0 and not turn.keyed and answering_machine(turn.text):
        dialog._finish("", "no_answer")
        return True
    return False


def answer_child(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "ich bin erst zwölf": a child is not asked (nothing kept, the number is tried again)."""
    if not turn.keyed and a_child_answers(fold(turn.text), dialog.step < 0):
        dialog.answers.clear()
        dialog._finish(dialog.tenant.prompts.say("survey_minor"), "no_answer")
        return True
    return False


def answer_data_deleted(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "löschen Sie bitte meine Antworten": the answers go, and the number is blocked."""
    if not turn.keyed and wants_data_deleted(turn.text):
        dialog.answers.clear()
        dialog._block("declined", dialog.tenant.prompts.say("survey_data_deleted"))
        return True
    return False


def answer_never_again(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "nein, und rufen Sie hier nie wieder an", "ich hab mich doch abgemeldet!": on the
    do-not-call list whatever else was said (at the comment the comment is kept, the request
    is none)."""
    opted_out_before = dialog.step < 0 and unsubscribed_before(turn.text)
    if turn.keyed or not (never_again(turn.text) or opted_out_before):
        return False
    if turn.free:
        comment = comment_besides_opt_out(turn.text)
        dialog.answers[dialog.survey.questions[dialog.step].id] = comment
    last = dialog.step == len(dialog.survey.questions) - 1
    dialog._block("declined" if dialog.step < 0 else ("resolved" if last else "hangup"))
    return True


def answer_call_back_at_consent(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Ja, aber rufen Sie mich in einer Stunde zurück": another time (a comment blocks only
    when said to us, answer_never_again: "Die sollen mich nicht mehr anrufen" is about the
    provider)."""
    if not turn.keyed and dialog.step < 0 and call_back(turn.text):
        dialog._finish(dialog.tenant.prompts.say("survey_call_back"), "declined")
        return True
    return False


def answer_consent_after_all(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Nein. Ach, doch, … ich mach mit.", "Ich hab nicht viel Zeit, aber okay", "Gut, fragen
    Sie.", "Na los.": the first question."""
    consents = (
        dialog.step < 0
        and not turn.keyed
        and not turn.noisy
        and (agrees_after_all(turn.text) or changes_mind_to_yes(turn.text))
    )
    if consents:
        dialog._next_question()
        return True
    return False


def answer_little_time(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Worum geht es? Ich hab nicht viel Zeit.": little, not none; it takes two minutes (then
    who calls and why, too)."""
    text = turn.text
    if not turn.keyed and dialog.step < 0 and little_time(text) and not starts_with_no(text):
        asked = "?" in text or is_question(text)
        dialog._retry(dialog._question_again() if asked else dialog.survey.consent, "yesno")
        return True
    return False


def answer_refusal(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Ja danke, schon gut.", "Ich hab keinen Bock auf so was." at consent (not "Ähm, joa,
    passt scho.": Bavarian "Passt scho." consents, so does "passt schon" after a yes), a
    decline at a rating or yes/no question (a comment may well say "keine Zeit für
    Warteschleifen"; "keine zeitnahe Antwort" is no "keine Zeit")."""
    folded = turn.folded
    thanked = "danke" in folded.split()
    southern_yes = (says_any(folded, ("passt scho", "passt eh")) and not thanked) or (
        _agrees_first(folded) and says_any(folded, ("passt schon",))
    )
    refuses = dialog.step < 0 and (
        (says_any(folded, NO_NEED_PHRASES) and not southern_yes)
        or (not turn.keyed and refuses_rudely(turn.text))
    )
    if refuses or (not turn.free and says_any(folded, DECLINE_WORDS)):
        dialog._finish(dialog.survey.declined, "declined")
        return True
    return False


def read_hold(dialog: SurveyDialog, turn: SurveyTurn) -> None:
    """The wait at consent this turn ends (whatever it says, it is waited no longer)."""
    turn.hold, dialog.hold = dialog.hold, None


def answer_handed_the_phone(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """The one handed the phone to: who calls and why (whatever they say first; no try
    counted)."""
    if (
        turn.hold == "other"
        and not turn.keyed
        and dialog.step < 0
        and not starts_with_no(turn.text)
    ):
        dialog._ask(dialog._question_again(), "yesno")
        return True
    return False


def answer_hold_on(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Moment, ich hole meinen Mann" at consent: waited for (once)."""
    return (
        not turn.keyed
        and dialog.step < 0
        and turn.hold is None
        and not dialog.held
        and holds(dialog, turn.text)
    )


def read_not_passed_on(dialog: SurveyDialog, turn: SurveyTurn) -> None:
    """ "Können Sie das weitergeben?": what is told, before the next prompt (once)."""
    turn.note = "" if turn.keyed else not_passed_on(dialog, turn.text)


def answer_not_passed_on_at_consent(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """The message for the provider at consent: told once; the consent question again (no try
    counted)."""
    if turn.note and dialog.step < 0:
        dialog._ask(f"{turn.note} {dialog.survey.consent}", "yesno")
        return True
    return False


def answer_in_another_language(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Sorry, I don't speak German": told in their language (at a question only when the
    language is named: "can we do this in English"; "four" answers)."""
    language_asked = dialog.step >= 0 and bool(_LANGUAGE_NAMED.search(fold(turn.text)))
    return (
        not turn.keyed and (dialog.step < 0 or language_asked) and other_language(dialog, turn.text)
    )


def answer_offers_to_answer(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Mein Mann ist nicht da, aber ich kann das machen.": the first question."""
    if not turn.keyed and dialog.step < 0 and offers_to_answer(fold(turn.text)):
        dialog._next_question()
        return True
    return False


def answer_someone_else_out(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Mein Mann ist nicht da": the survey is for whoever answers (told once, no try
    lost)."""
    if turn.keyed or dialog.step >= 0 or dialog.anyone_told:
        return False
    if not someone_else_is_out(fold(turn.text)):
        return False
    dialog.anyone_told = True
    told = dialog.tenant.prompts.say("survey_anyone")
    dialog._ask(f"{told} {dialog.survey.consent}", "yesno")
    return True


def answer_not_concerned(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Ich hab gar kein Internet." (to a survey on internet providers): let go."""
    if not turn.keyed and not turn.free and lacks_the_subject(turn.text, dialog._subject):
        dialog._finish(dialog.tenant.prompts.say("survey_not_concerned"), "declined")
        return True
    return False


def answer_say_again(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "wie bitte?", "So, da bin ich wieder, was war die Frage?": the question again (no try
    lost; a comment may well say "noch mal": only a short one asks)."""
    again = says_any(turn.folded, QUESTION_AGAIN)
    repeat = again or ((turn.short or not turn.free) and asks_to_repeat(turn.text))
    if not turn.keyed and turn.value is None and repeat:
        dialog._ask(dialog._question_again(), dialog._current_expect())
        return True
    return False


def answer_wait(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Moment, ich überleg mal.", "Warte mal kurz", "Moment, mein Mann will auch was sagen"
    at a question: no answer yet, waited once ("Moment, drei." answers)."""
    kind = dialog.survey.questions[dialog.step].kind if dialog.step >= 0 else ""
    unanswered = dialog.step >= 0 and (
        turn.free or stored_answer(kind, turn.text, turn.value, turn.keyed) is None
    )
    handed = turn.free and not turn.keyed and someone_else_adds(turn.text)
    pauses = unanswered and not turn.keyed and turn.short and asks_to_wait(turn.text)
    if (handed or pauses) and not dialog.waited:
        dialog.waited = True
        dialog._ask(dialog.tenant.prompts.say("wait_ok"), None)
        return True
    return False


def answer_goodbye_at_comment(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Danke, tschüss." at the comment: no comment, and nothing left to ask."""
    text = turn.text
    if turn.free and not turn.keyed and leaves_instead(text) and not breaks_off_leaving(text):
        dialog.answers[dialog.survey.questions[dialog.step].id] = None
        dialog._next_question()
        return True
    return False


def answer_break_off_at_comment(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Ich hab jetzt doch keine Zeit mehr.", "Ach, wissen Sie was, ich hab doch keine Lust
    mehr. Tschüss." at the comment: no comment, the survey ends."""
    text = turn.text
    if (
        turn.free
        and not turn.keyed
        and (leaves_the_survey(text) or only_breaks_off(turn.folded) or breaks_off_leaving(text))
    ):
        dialog._finish(dialog.survey.declined, "hangup")
        return True
    return False


def answer_person_asked(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Können Sie mich mit jemandem verbinden?": no one to put through to; told so, and the
    question once more (no try lost); asked again: another time. Not when the words answer
    the question ("falls mich jemand fragt, würde ich ihn empfehlen") or are a comment (a
    comment may want people at the provider's hotline)."""
    text = turn.text
    asked_now = dialog.survey.questions[dialog.step].prompt if dialog.step >= 0 else ""
    answers_it = dialog.step >= 0 and names_key(text, question_keys(str(asked_now)))
    to_us = not answers_it and (not turn.free or (is_question(text) and asks_us(text)))
    if turn.keyed or not to_us or not asks_for_agent(text):
        return False
    if dialog.person_asked:
        dialog._finish(dialog.tenant.prompts.say("survey_call_back"), "declined")
        return True
    dialog.person_asked = True
    told = dialog.tenant.prompts.say("survey_no_person")
    step = dialog.survey.questions[dialog.step] if dialog.step >= 0 else None
    asked = dialog.survey.consent if step is None else step.prompt
    dialog._ask(f"{told} {asked}", dialog._current_expect())
    return True


def answer_consent(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """The consent question's yes (the first question; a yes that already rates stores it), a
    sure opt-out, a no, an intent said instead, who calls and why when asked ("Moment, wer
    genau ruft da an?", "Warum rufen Sie mich an?" as an unsure nicht_mehr_anrufen), else the
    consent question again. Always answers at consent."""
    if dialog.step >= 0:
        return False
    text, keyed, said = turn.text, turn.keyed, turn.said
    asks_after = not keyed and asks_after_yes(text)  # "Ja, wer ist da bitte?": no yes
    unheard = not keyed and (answers_the_phone(text) or doubts_the_call(text))  # "Hallo?",
    # "Ja, bitte?", "Ja ja, … am Ende wollen Sie mir einen Vertrag andrehen": who calls
    # and why, again (no intent read: the words hold none)
    said = None if unheard else said
    asks = (turn.asks and not opening_agrees(text)) or asks_after or unheard  # (but "Na gut,
    # was wollen Sie wissen?" is one)
    whose = asks_who_sent_us(text)  # "Sind Sie von der Telekom?"
    asks = asks or whose
    informs = (  # "wer ruft an?", "Ja, hallo?"
        asks
        and (wh_question(text) or asks_after or unheard or whose)
        and not annoyed_by_calls(text)
    )
    agreed = None if asks else yes_no(text, turn.value, keyed, turn.noisy, dialog.survey.consent)
    if agreed:
        if not keyed:
            answered_with_consent(dialog, text)  # "Ja, klar. … würde sagen vier, …"
        dialog._next_question()
    elif said is not None and dialog._opts_out(said):
        dialog._opt_out(said)  # "nein, rufen Sie mich nie wieder an"
    elif agreed is False:
        dialog._finish(dialog.survey.declined, "declined")
    elif said is not None and not (
        informs and said.id in dialog.survey.ends_call and not said.sure
    ):
        dialog._said_instead(said)
    elif informs:
        dialog._ask(dialog._question_again(), "yesno")
    else:
        dialog._retry(dialog.survey.consent, "yesno")
    return True


def answer_goodbye_instead(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Das dauert mir zu lange, tschüss" at a question: the goodbye is no "nein"; the
    answers given are kept."""
    if not turn.keyed and leaves_instead(turn.text):
        dialog._finish(dialog.survey.declined, "hangup")
        return True
    return False


def answer_broken_off(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "Nee, jetzt reicht's, ich leg auf": the "nee" is no answer; a rating said with it is
    kept ("Drei. Ich hab keine Zeit mehr": 3)."""
    if turn.keyed or turn.free or not breaks_off(turn.folded):
        return False
    question = dialog.survey.questions[dialog.step]
    if turn.answer is not None and question.kind == "rating":
        dialog.answers[question.id] = turn.answer
    dialog._finish(dialog.survey.declined, "declined")
    return True


def answer_stop(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "nee lass mal", no answer in it: declined."""
    if not turn.keyed and (says_any(turn.folded, STOP_WORDS) or quits(turn.folded)):
        dialog._finish(dialog.survey.declined, "declined")
        return True
    return False


def answer_call_back_later(dialog: SurveyDialog, turn: SurveyTurn) -> bool:
    """ "jetzt ist es schlecht, rufen Sie später an" (not "der Support sollte schneller
    zurückrufen", a comment said one question early): another time."""
    if not turn.keyed and call_back(turn.text) and LATER_WORDS & set(turn.folded.split()):
        dialog._finish(dialog.tenant.prompts.say("survey_call_back"), "declined")
        return True
    return False


def answered_with_consent(dialog: SurveyDialog, text: str) -> None:
    """A yes that already rates ("Ja, klar. Also ich bin ziemlich zufrieden, würde sagen
    vier, und empfehlen würde ich ihn auch."): the first question's rating is stored (and a
    yes/no after it that names its own word), so neither is asked."""
    first = dialog.survey.questions[0] if dialog.survey.questions else None
    if first is None or first.kind != "rating" or not _RATING_CUE.search(fold(text)):
        return
    rest = re.split(r"[,.;!?]+", text, maxsplit=1)[-1]  # (not the "ja" of the consent)
    rating = rating_said(rest)  # (not "Eins, ich bin total zufrieden")
    if rating is None:
        return
    dialog.step = 0
    dialog.answers[first.id] = str(rating)
    if next_answered_too(dialog, rest):
        dialog.step += 1


def not_passed_on(dialog: SurveyDialog, text: str) -> str:
    """What is said to a complaint or a message for the provider ("Können Sie das an
    Nordwelle weitergeben?"): nothing is passed on, the answers are anonymous (said once);
    "" when none was asked for or it was said already."""
    if dialog.passing_told or not wants_it_passed_on(text):
        return ""
    dialog.passing_told = True
    return dialog.tenant.prompts.say("survey_not_passed_on")


def holds(dialog: SurveyDialog, text: str) -> bool:
    """ "Moment, ich hole meinen Mann", "Einen Augenblick bitte" at the consent question:
    "Gerne, ich warte." (once, no try counted); the person handed the phone to hears who
    calls. False: no wait asked for (a question, a yes or no, "Moment, wer ist da?")."""
    folded = fold(text)
    other = hands_over(folded)
    asked = is_question(text) or wh_question(text) or asks_who_for(folded)  # ("Moment, wer
    # ist da?", "Moment mal, ist das von der Telekom?")
    waits = asks_to_wait(text) and not asked and yes_or_no(text) is None
    if not (other or waits):
        return False
    dialog.held = True
    dialog.hold = "other" if other else "same"
    dialog._ask(dialog.tenant.prompts.say("wait_ok"), "yesno")
    return True


def other_language(dialog: SurveyDialog, text: str) -> bool:
    """An English turn at the consent of a German survey (or German at an English one):
    who calls and that the survey is in its language only, said in theirs; a person who
    does not speak the language ("I don't speak German") is let go, one who asks who calls
    ("Hello, who is this?") is asked whether they will take part in it (once). False: the
    turn is in the survey's language."""
    tenant = dialog.tenant
    other = speaks_english(text) if tenant.language == "de" else speaks_german(text)
    if not other or dialog.language_told:
        return False
    dialog.language_told = True
    told = tenant.prompts.say("survey_other_language", name=tenant.name)
    if _LANGUAGE_NAMED.search(fold(text)):
        bye = tenant.prompts.say("survey_other_language_bye")
        dialog._finish(f"{told} {bye}", "declined" if dialog.step < 0 else "hangup")
    else:
        ask = tenant.prompts.say("survey_other_language_ask")
        dialog._ask(f"{told} {ask}", "yesno")
    return True


def _agrees_first(folded: str) -> bool:
    """The answer opens with a yes, after fillers ("ähm, joa, passt scho")."""
    words = [w for w in folded.split() if w not in ("aeh", "aehm", "hm", "hmm", "also", "na")]
    return bool(words) and words[0] in ("ja", "joa", "jo", "jap", "jawohl", "yes", "yeah")
